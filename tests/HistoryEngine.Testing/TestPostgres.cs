using Npgsql;

namespace HistoryEngine.Testing;

/// <summary>
/// A fresh, empty schema on the PostgreSQL server the tests run against, dropped again on dispose. test.sh starts a
/// throwaway server and names it in <see cref="Variable"/>; without it these tests fail (they are never skipped), and
/// say how to run them.
/// </summary>
public sealed class TestPostgres : IDisposable
{
    /// <summary>The environment variable holding the connection string of the test server's database.</summary>
    public const string Variable = "HISTORYENGINE_TEST_POSTGRES";

    private static int _count;

    /// <summary>The server's connection string as test.sh exported it.</summary>
    public static string ServerConnectionString =>
        Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException(
                $"{Variable} is not set: these tests need a PostgreSQL server. Run ./test.sh, which starts a throwaway one, " +
                $"or set {Variable} to a connection string such as \"Host=127.0.0.1;Port=5432;Username=postgres;Database=postgres\".");

    public TestPostgres()
    {
        Schema = $"t{Environment.ProcessId}_{Interlocked.Increment(ref _count)}_{Guid.NewGuid().ToString("N")[..8]}";
        Execute($"create schema {Schema}");
        ConnectionString = new NpgsqlConnectionStringBuilder(ServerConnectionString) { SearchPath = Schema }.ConnectionString;
    }

    /// <summary>The schema's name (a plain identifier).</summary>
    public string Schema { get; }

    /// <summary>A connection string whose search path is this schema: a store opened on it sees only this schema.</summary>
    public string ConnectionString { get; }

    /// <summary>Runs SQL in this schema, behind any store's back.</summary>
    public int Execute(string sql, params object[] args)
    {
        using var connection = new NpgsqlConnection(ConnectionString ?? ServerConnectionString);
        connection.Open();
        using var command = new NpgsqlCommand(sql, connection);
        foreach (var arg in args)
            command.Parameters.Add(new NpgsqlParameter { Value = arg });
        return command.ExecuteNonQuery();
    }

    /// <summary>A single value from a query in this schema.</summary>
    public T? Scalar<T>(string sql, params object[] args)
    {
        using var connection = new NpgsqlConnection(ConnectionString);
        connection.Open();
        using var command = new NpgsqlCommand(sql, connection);
        foreach (var arg in args)
            command.Parameters.Add(new NpgsqlParameter { Value = arg });
        var value = command.ExecuteScalar();
        return value is null or DBNull ? default : (T)value;
    }

    public void Dispose()
    {
        using var connection = new NpgsqlConnection(ServerConnectionString);
        connection.Open();
        using var command = new NpgsqlCommand($"drop schema if exists {Schema} cascade", connection);
        command.ExecuteNonQuery();
    }
}
