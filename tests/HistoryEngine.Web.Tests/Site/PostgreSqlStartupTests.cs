using Npgsql;

namespace HistoryEngine.Web.Tests.Site;

/// <summary>Starting the site as its own process on the PostgreSQL backend, and what it says when it cannot.</summary>
public sealed class PostgreSqlStartupTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    private static Dictionary<string, string> Environment(string? connectionString, string environment = "Production",
        string provider = "PostgreSql")
    {
        var settings = new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = environment,
            ["Store__Provider"] = provider,
            ["AllowedHosts"] = "practice.example",
        };
        if (connectionString is not null)
            settings["ConnectionStrings__Records"] = connectionString;
        return settings;
    }

    private static string OneLine(int? exitCode, string stderr)
    {
        Assert.NotNull(exitCode);
        Assert.NotEqual(0, exitCode);
        var line = Assert.Single(stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        Assert.StartsWith("HistoryEngine: cannot open", line);
        Assert.DoesNotContain(" at ", line);
        return line;
    }

    [Fact]
    public async Task Start_WithTheDatabaseServerUnreachable_PrintsOneClearLineWithoutThePassword_AndExitsNonZero()
    {
        var port = SiteServer.FreePort();
        var connection = $"Host=127.0.0.1;Port={port};Username=historyengine;Password=not-to-be-printed;Database=records;Timeout=5";

        var (exitCode, _, stderr) = await SiteProcess.RunAsync(Environment(connection), "Now listening", Timeout);

        var line = OneLine(exitCode, stderr);
        Assert.Contains("PostgreSQL record store", line);
        Assert.Contains($"Host=127.0.0.1;Port={port};Database=records", line);
        Assert.Contains("cannot be reached", line);
        Assert.DoesNotContain("not-to-be-printed", stderr);
    }

    [Fact]
    public async Task Start_OnPostgreSqlWithoutAConnectionString_SaysWhichSettingIsMissing()
    {
        var (exitCode, _, stderr) = await SiteProcess.RunAsync(Environment(null), "Now listening", Timeout);

        Assert.Contains("ConnectionStrings:Records is not set", OneLine(exitCode, stderr));
    }

    [Fact]
    public async Task Start_WithAProviderItDoesNotKnow_NamesTheOnesItDoes()
    {
        var (exitCode, _, stderr) = await SiteProcess.RunAsync(Environment(null, provider: "Oracle"), "Now listening", Timeout);

        var line = OneLine(exitCode, stderr);
        Assert.Contains("\"Oracle\"", line);
        Assert.Contains("LiteDb (the default) or PostgreSql", line);
    }

    [Fact]
    public async Task Start_InDevelopmentOnPostgreSql_MigratesAndSeedsTheDemoAccounts_AndStartsAgainOnTheSameDatabase()
    {
        using var database = new TestPostgres();
        var environment = Environment(database.ConnectionString, "Development");
        environment["Demo__SeedAccounts"] = "true";

        var first = await SiteProcess.RunAsync(environment, "Now listening", Timeout);
        var second = await SiteProcess.RunAsync(environment, "Now listening", Timeout);

        foreach (var (_, stdout, stderr) in new[] { first, second })
        {
            Assert.Contains("patient1", stdout);
            Assert.Contains("Now listening", stdout + stderr);
        }
        Assert.Equal(1L, database.Scalar<long>("select count(*) from people where user_name_key = 'clinician1'"));
        // Each shipped migration applied once, though two instances started on the database.
        Assert.Equal((long)HistoryEngine.Web.Infrastructure.Records.PostgreSql.Migrations.Shipped.Count, database.Scalar<long>("select count(*) from schema_migrations"));
    }

    [Fact]
    public async Task Start_InProductionOnPostgreSql_DoesNotAskForTheLiteDbFilePassword()
    {
        // Store:Password encrypts a LiteDB file; PostgreSQL's data at rest is the server's to protect.
        using var database = new TestPostgres();

        var (_, stdout, stderr) = await SiteProcess.RunAsync(Environment(database.ConnectionString), "Now listening", Timeout);

        Assert.Contains("Now listening", stdout + stderr);
        Assert.DoesNotContain("Store:Password", stderr);
    }
}
