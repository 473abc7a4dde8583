using System.Data;
using System.Net.Sockets;
using Npgsql;

namespace HistoryEngine.Web.Infrastructure.Records.PostgreSql;

/// <summary>
/// The record store on a PostgreSQL server (Store:Provider=PostgreSql, connection in ConnectionStrings:Records).
/// Every write that checks before it writes runs in one database transaction and takes row locks (SELECT ... FOR
/// UPDATE, or a conditional UPDATE) on what it checks, so compare-and-set holds across any number of site processes;
/// a unit of work (<see cref="WriteAsync{T}"/>) is one transaction. Reads are single statements on a pooled connection.
/// Times are written as UTC timestamptz, cut to whole milliseconds like the LiteDB store's, so both backends return
/// the same values. A server that cannot be reached is a <see cref="RecordStoreUnavailableException"/>.
/// </summary>
internal sealed partial class PostgreSqlRecordStore : IRecordStore, IRecordStoreSeeding, ITwoFactorStore, IDisposable
{
    private readonly NpgsqlDataSource _source;
    private readonly TimeProvider _clock;

    private PostgreSqlRecordStore(NpgsqlDataSource source, TimeProvider clock)
    {
        _source = source;
        _clock = clock;
    }

    /// <summary>Connects, brings the schema up to date (<see cref="Migrations"/>), and returns the store; throws
    /// <see cref="RecordStoreUnavailableException"/> when the server cannot be reached and
    /// <see cref="MigrationFailedException"/> when a migration fails.</summary>
    public static PostgreSqlRecordStore Open(string connectionString, TimeProvider clock, IReadOnlyList<Migration>? migrations = null)
    {
        var source = NpgsqlDataSource.Create(connectionString);
        try
        {
            Guard(() => Migrations.ApplyAsync(source, migrations ?? Migrations.Shipped, clock)).GetAwaiter().GetResult();
            return new PostgreSqlRecordStore(source, clock);
        }
        catch
        {
            source.Dispose();
            throw;
        }
    }

    /// <summary>True when the exception means the server could not be reached or went away (not that it refused a
    /// statement): the network, a timeout, the server shutting down or not accepting connections.</summary>
    internal static bool IsUnavailable(Exception e) => e switch
    {
        PostgresException pg => pg.SqlState.StartsWith("08", StringComparison.Ordinal) // connection exception
                                || pg.SqlState.StartsWith("57P", StringComparison.Ordinal) // shutting down, cannot connect now
                                || pg.SqlState == "53300", // too many connections
        NpgsqlException => true, // not a server error: I/O, socket, timeout, connection broken
        SocketException or TimeoutException => true,
        _ => false,
    };

    private static async Task<T> Guard<T>(Func<Task<T>> work)
    {
        try
        {
            return await work().ConfigureAwait(false);
        }
        catch (Exception e) when (IsUnavailable(e))
        {
            throw new RecordStoreUnavailableException($"The record store's database cannot be reached ({e.Message}).", e);
        }
    }

    /// <summary>The clock's time, in UTC, cut to the millisecond so that what is returned equals what is read back.</summary>
    private DateTimeOffset Now()
    {
        var now = _clock.GetUtcNow();
        return new DateTimeOffset(now.Ticks - now.Ticks % TimeSpan.TicksPerMillisecond, TimeSpan.Zero);
    }

    private static string NewId() => Guid.NewGuid().ToString("N");

    /// <summary>Runs reads on one pooled connection, outside any transaction.</summary>
    private Task<T> Read<T>(CancellationToken ct, Func<Db, Task<T>> read) => Guard(async () =>
    {
        await using var connection = await _source.OpenConnectionAsync(ct).ConfigureAwait(false);
        return await read(new Db(connection, null)).ConfigureAwait(false);
    });

    /// <summary>Runs a check-then-write in one transaction (read committed, with row locks where it checks), committing
    /// when it returns and rolling back when it throws. The work itself is synchronous, as a unit of work's is.</summary>
    private Task<T> Write<T>(CancellationToken ct, Func<Db, T> write, IsolationLevel isolation = IsolationLevel.ReadCommitted) =>
        Guard(async () =>
        {
            await using var connection = await _source.OpenConnectionAsync(ct).ConfigureAwait(false);
            await using var transaction = await connection.BeginTransactionAsync(isolation, ct).ConfigureAwait(false);
            var result = write(new Db(connection, transaction));
            await transaction.CommitAsync(ct).ConfigureAwait(false);
            return result;
        });

    public Task<T> WriteAsync<T>(Func<IRecordWriter, T> work, CancellationToken ct = default) =>
        Write(ct, db => work(new Writer(this, db)));

    /// <summary>Closes the connection pool.</summary>
    public void Dispose() => _source.Dispose();
}
