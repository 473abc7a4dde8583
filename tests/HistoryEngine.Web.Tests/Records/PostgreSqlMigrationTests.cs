using HistoryEngine.Web.Infrastructure.Records.PostgreSql;
using Npgsql;

namespace HistoryEngine.Web.Tests.Records;

/// <summary>Schema migrations on a real server: applied once, in one transaction, under an advisory lock.</summary>
public sealed class PostgreSqlMigrationTests : IDisposable
{
    private readonly TestPostgres _database = new();

    private long Count(string sql) => _database.Scalar<long>(sql);

    private bool TableExists(string name) =>
        _database.Scalar<bool>("select exists (select 1 from information_schema.tables where table_schema = current_schema() and table_name = $1)", name);

    [Fact]
    public void Open_OnAnEmptySchema_AppliesEveryShippedMigrationAndRecordsIt()
    {
        using (PostgreSqlRecordStore.Open(_database.ConnectionString, TimeProvider.System)) { }

        Assert.Equal(Migrations.Shipped.Count, Count("select count(*) from schema_migrations"));
        Assert.True(TableExists("submissions"));
        Assert.Equal("0001_initial", _database.Scalar<string>("select name from schema_migrations where version = 1"));
    }

    [Fact]
    public async Task ManyInstancesStartingTogether_MigrateOnce()
    {
        // Without the lock, the second "create table" of the same name fails and that instance would not start.
        using var source = NpgsqlDataSource.Create(_database.ConnectionString);
        var runs = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ =>
            Task.Run(() => Migrations.ApplyAsync(source, Migrations.Shipped, TimeProvider.System))));

        Assert.Single(runs, applied => applied.Count == Migrations.Shipped.Count);
        Assert.Equal(5, runs.Count(applied => applied.Count == 0));
        Assert.Equal(Migrations.Shipped.Count, Count("select count(*) from schema_migrations"));
    }

    [Fact]
    public async Task AMigrationThatFails_LeavesTheSchemaAsItWas_EvenWhatRanBeforeIt()
    {
        using (PostgreSqlRecordStore.Open(_database.ConnectionString, TimeProvider.System)) { }
        Migration[] next =
        [
            .. Migrations.Shipped,
            new(9001, "9001_add_a_table", "create table added_by_9001 (id text primary key)"),
            new(9002, "9002_broken", "alter table submissions add column oops integer; select * from no_such_table"),
        ];
        using var source = NpgsqlDataSource.Create(_database.ConnectionString);

        var e = await Assert.ThrowsAsync<MigrationFailedException>(() => Migrations.ApplyAsync(source, next, TimeProvider.System));

        Assert.Contains("9002_broken", e.Message);
        Assert.False(TableExists("added_by_9001"));
        Assert.Equal(0, Count("select count(*) from information_schema.columns where table_schema = current_schema() and column_name = 'oops'"));
        Assert.Equal(Migrations.Shipped.Count, Count("select count(*) from schema_migrations"));
    }

    [Fact]
    public void Open_WhenAMigrationFails_ThrowsAndTheStoreIsNotOpened()
    {
        Migration[] broken = [new(1, "0001_broken", "create table x (")];

        Assert.Throws<MigrationFailedException>(() => PostgreSqlRecordStore.Open(_database.ConnectionString, TimeProvider.System, broken));
        Assert.False(TableExists("schema_migrations"));
    }

    [Fact]
    public void TheShippedMigrations_AreNumberedFromOneWithoutGaps()
    {
        Assert.Equal(Enumerable.Range(1, Migrations.Shipped.Count), Migrations.Shipped.Select(m => m.Version));
    }

    public void Dispose() => _database.Dispose();
}
