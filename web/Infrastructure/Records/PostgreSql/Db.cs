using Npgsql;
using NpgsqlTypes;

namespace HistoryEngine.Web.Infrastructure.Records.PostgreSql;

/// <summary>
/// One connection, and the transaction open on it if any: plain SQL with positional parameters ($1, $2, ...). A value
/// that is already an <see cref="NpgsqlParameter"/> (see <see cref="Json"/>) is passed as it is; null is SQL null.
/// Synchronous methods are for the unit of work (its writer is synchronous by contract); the rest are async.
/// </summary>
internal sealed class Db(NpgsqlConnection connection, NpgsqlTransaction? transaction)
{
    public NpgsqlConnection Connection => connection;

    /// <summary>A json (not jsonb) parameter: the text is kept exactly as given.</summary>
    public static NpgsqlParameter Json(string text) => new() { NpgsqlDbType = NpgsqlDbType.Json, Value = text };

    /// <summary>A jsonb parameter.</summary>
    public static NpgsqlParameter Jsonb(string text) => new() { NpgsqlDbType = NpgsqlDbType.Jsonb, Value = text };

    /// <summary>A text parameter that may be null (typed, so that "$1 is null" works).</summary>
    public static NpgsqlParameter Text(string? text) => new() { NpgsqlDbType = NpgsqlDbType.Text, Value = (object?)text ?? DBNull.Value };

    /// <summary>A timestamptz parameter that may be null.</summary>
    public static NpgsqlParameter Time(DateTimeOffset? time) =>
        new() { NpgsqlDbType = NpgsqlDbType.TimestampTz, Value = time is { } t ? Millis(t) : DBNull.Value };

    /// <summary>In UTC and cut to whole milliseconds, as the LiteDB store keeps times (BSON), so both return the same.</summary>
    private static DateTimeOffset Millis(DateTimeOffset t)
    {
        var utc = t.ToUniversalTime();
        return new DateTimeOffset(utc.Ticks - utc.Ticks % TimeSpan.TicksPerMillisecond, TimeSpan.Zero);
    }

    public NpgsqlCommand Command(string sql, params object?[] args)
    {
        var command = new NpgsqlCommand(sql, connection, transaction);
        foreach (var arg in args)
            command.Parameters.Add(arg switch
            {
                NpgsqlParameter p => p,
                DateTimeOffset t => new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.TimestampTz, Value = Millis(t) },
                null => new NpgsqlParameter { Value = DBNull.Value },
                _ => new NpgsqlParameter { Value = arg },
            });
        return command;
    }

    public int Execute(string sql, params object?[] args)
    {
        using var command = Command(sql, args);
        return command.ExecuteNonQuery();
    }

    public List<T> Query<T>(string sql, Func<NpgsqlDataReader, T> map, params object?[] args)
    {
        using var command = Command(sql, args);
        using var reader = command.ExecuteReader();
        var rows = new List<T>();
        while (reader.Read())
            rows.Add(map(reader));
        return rows;
    }

    public T? One<T>(string sql, Func<NpgsqlDataReader, T> map, params object?[] args) where T : class =>
        Query(sql, map, args).FirstOrDefault();

    public async Task<int> ExecuteAsync(CancellationToken ct, string sql, params object?[] args)
    {
        await using var command = Command(sql, args);
        return await command.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
    }

    public async Task<List<T>> QueryAsync<T>(CancellationToken ct, string sql, Func<NpgsqlDataReader, T> map, params object?[] args)
    {
        await using var command = Command(sql, args);
        await using var reader = await command.ExecuteReaderAsync(ct).ConfigureAwait(false);
        var rows = new List<T>();
        while (await reader.ReadAsync(ct).ConfigureAwait(false))
            rows.Add(map(reader));
        return rows;
    }

    public async Task<T?> OneAsync<T>(CancellationToken ct, string sql, Func<NpgsqlDataReader, T> map, params object?[] args)
        where T : class => (await QueryAsync(ct, sql, map, args).ConfigureAwait(false)).FirstOrDefault();
}

/// <summary>Reading columns by position, with nulls and times as the model keeps them.</summary>
internal static class Row
{
    public static string? TextOrNull(this NpgsqlDataReader r, int i) => r.IsDBNull(i) ? null : r.GetString(i);

    public static DateTimeOffset Time(this NpgsqlDataReader r, int i) =>
        new(DateTime.SpecifyKind(r.GetFieldValue<DateTime>(i), DateTimeKind.Utc));

    public static DateTimeOffset? TimeOrNull(this NpgsqlDataReader r, int i) => r.IsDBNull(i) ? null : r.Time(i);

    public static T Enum<T>(this NpgsqlDataReader r, int i) where T : struct, System.Enum => System.Enum.Parse<T>(r.GetString(i));
}
