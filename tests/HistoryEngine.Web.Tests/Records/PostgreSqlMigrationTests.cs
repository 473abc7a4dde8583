using HistoryEngine.Web.Infrastructure.Records.PostgreSql;
using HistoryEngine.Web.Infrastructure.Records.Model;
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

    [Theory]
    [InlineData("""{"flags":[{"level":"urgent","clinician":"Chest pain at rest"},{"level":"emergency","clinician":"Severe breathlessness"},{"level":"emergency","clinician":"Second emergency"}]}""", 4)]
    [InlineData("""{"flags":[{"level":"urgent","clinician":"Chest pain at rest"}]}""", 0)]
    [InlineData("""{"flags":[{"level":"emergency","clinician":""},{"level":"urgent","clinician":"Urgent words"}]}""", 4)]
    [InlineData("""{"flags":[{"level":"severe","clinician":"Unknown level"},{"level":"routine","clinician":"Routine words"}]}""", 1)]
    [InlineData("""{"flags":[{"level":"soon","clinician":7},{"level":"routine","clinician":"Routine words"}]}""", 2)]
    [InlineData("""{"summary":"no flags at all"}""", 2)]
    [InlineData("""{"flags":"not a list"}""", 3)]
    [InlineData("""[1, 2]""", 3)]
    public async Task Migration0010_GivesEverySubmissionTheQueueReason_TheLiteDbStoreWouldGive(string result, short flag)
    {
        // A database at 0009 with a submission in it, then the rest of the migrations: the reason the migration fills
        // in is the one QueueReason.Of gives (the LiteDB store's), and the queue reads it.
        using var source = NpgsqlDataSource.Create(_database.ConnectionString);
        await Migrations.ApplyAsync(source, [.. Migrations.Shipped.Where(m => m.Version <= 9)], TimeProvider.System);
        _database.Execute("""
            insert into submissions (id, reference, patient_id, answered_by_id, questionnaire_id, questionnaire_version,
                questionnaire_hash, answers, result, flag, status, submitted_at, history)
            values ('s1', 'REF1', 'p1', 'p1', 'bp-check', '1', 'hash', '{}', $1::json, $2, 'New', now(), '[]')
            """, result, flag);

        await Migrations.ApplyAsync(source, Migrations.Shipped, TimeProvider.System);

        var expected = QueueReason.Of(result, (FlagLevel)flag);
        Assert.Equal(expected, _database.Scalar<string>("select top_reason from submissions where id = 's1'"));
        // A submission inserted afterwards by a site that does not know the column (the previous version, still
        // running during a rolling upgrade) gets its reason from the database all the same.
        _database.Execute("""
            insert into submissions (id, reference, patient_id, answered_by_id, questionnaire_id, questionnaire_version,
                questionnaire_hash, answers, result, flag, status, submitted_at, history)
            values ('s2', 'REF2', 'p1', 'p1', 'bp-check', '1', 'hash', '{}', $1::json, $2, 'Filed', now(), '[]')
            """, result, flag);
        Assert.Equal(expected, _database.Scalar<string>("select top_reason from submissions where id = 's2'"));
        using var store = PostgreSqlRecordStore.Open(_database.ConnectionString, TimeProvider.System);
        var rows = await store.ListQueueAsync([SubmissionStatus.New, SubmissionStatus.Filed], 10);
        Assert.Equal([expected, expected], rows.Select(r => r.TopReason));
    }

    [Fact]
    public void Migration0010_ReasonsOfTheCasesAbove_AreTheOnesAClinicianShouldRead()
    {
        // The expectations the theory above compares against, stated once in words.
        Assert.Equal("Severe breathlessness", QueueReason.Of("""{"flags":[{"level":"urgent","clinician":"Chest pain at rest"},{"level":"emergency","clinician":"Severe breathlessness"},{"level":"emergency","clinician":"Second emergency"}]}""", FlagLevel.Emergency));
        Assert.Null(QueueReason.Of("""{"flags":[{"level":"urgent","clinician":"Chest pain at rest"}]}""", FlagLevel.None));
        Assert.Null(QueueReason.Of("""{"flags":[{"level":"emergency","clinician":""},{"level":"urgent","clinician":"Urgent words"}]}""", FlagLevel.Emergency));
        Assert.Equal("Routine words", QueueReason.Of("""{"flags":[{"level":"severe","clinician":"Unknown level"},{"level":"routine","clinician":"Routine words"}]}""", FlagLevel.Routine));
        Assert.Null(QueueReason.Of("""{"flags":[{"level":"soon","clinician":7},{"level":"routine","clinician":"Routine words"}]}""", FlagLevel.Soon));
        Assert.Null(QueueReason.Of("""[1, 2]""", FlagLevel.Urgent));
    }

    [Fact]
    public void TheShippedMigrations_AreNumberedFromOneWithoutGaps()
    {
        Assert.Equal(Enumerable.Range(1, Migrations.Shipped.Count), Migrations.Shipped.Select(m => m.Version));
    }

    public void Dispose() => _database.Dispose();
}
