using System.Diagnostics;
using HistoryEngine.Web.Features.Admin;
using ReviewQueue = HistoryEngine.Web.Features.Clinician.IndexModel;
using HistoryEngine.Web.Infrastructure.Records;
using HistoryEngine.Web.Infrastructure.Records.Model;
using HistoryEngine.Web.Infrastructure.Records.PostgreSql;
using Npgsql;

namespace HistoryEngine.LoadBenchmarks;

/// <summary>
/// Times the PostgreSQL store's reads on a seeded database, in this process (no HTTP), with the calls the pages make:
/// the review queue's first page for a clinician's practice (the clinician page's call and limit), a patient's record
/// (the record page's three calls), the audit search (the admin audit page's call, per practice: no filter, a patient,
/// a month) and the audit chain check the same page makes, a patient's home lists and a diary summary. Each is called
/// once first (the first call after opening the store, on a new connection pool) and then many times on random
/// practices or patients; p50 and p95 of those.
/// </summary>
internal static class PgStoreBench
{
    private static readonly SubmissionStatus[] Waiting = [SubmissionStatus.New, SubmissionStatus.InReview];

    public static async Task RunAsync(string connection, PgScale scale, int samples, TextWriter output)
    {
        var loadBefore = Fmt.Load();
        var open = Stopwatch.GetTimestamp();
        using var store = PostgreSqlRecordStore.Open(connection, TimeProvider.System);
        var opened = Stopwatch.GetElapsedTime(open).TotalMilliseconds;
        IRecordStore s = store;
        var random = new Random(7);
        int PatientIndex() => random.Next(scale.Patients);
        string Practice() => PgSeeder.PracticeId(random.Next(scale.Practices));
        var epoch = new DateTimeOffset(2024, 3, 1, 0, 0, 0, TimeSpan.Zero);

        var cases = new (string Name, int Samples, Func<Task<int>> Call)[]
        {
            ($"review queue, first page for a practice (New+InReview, flag then age, limit {ReviewQueue.Limit})", samples / 2, async () =>
                (await s.ListQueueAsync(Waiting, ReviewQueue.Limit, default, Practice())).Count),
            ("review queue page's reads (that first page, waiting counts, open assignments, open care plan alerts)", samples / 2, async () =>
            {
                var practice = Practice();
                var queue = await s.ListQueueAsync(Waiting, ReviewQueue.Limit, default, practice);
                var waiting = await s.SummariseWaitingAsync(default, practice);
                var assignments = await s.ListOpenAssignmentsAsync(default, practice);
                var alerts = await s.ListOpenPlanAlertsAsync(ReviewQueue.PlanAlertLimit, default, practice);
                return queue.Count + waiting.Levels.Count + assignments.Count + alerts.Count;
            }),
            ($"review queue filtered to Filed, first page for a practice (limit {ReviewQueue.Limit})", samples / 4, async () =>
                (await s.ListQueueAsync([SubmissionStatus.Filed], ReviewQueue.Limit, default, Practice())).Count),
            ("patient's record (entries, messages, submission references)", samples, async () =>
            {
                var id = Seeder.PatientId(PatientIndex());
                var entries = await s.ListRecordEntriesAsync(id);
                var messages = await s.ListMessagesAsync(id);
                var refs = (await s.ListSubmissionsForPatientAsync(id)).ToDictionary(x => x.Id, x => x.Reference);
                return entries.Count + messages.Count + refs.Count;
            }),
            ($"audit search, a practice, no filter (newest {AuditModel.Limit})", samples / 2, async () =>
                (await s.SearchAuditAsync(new AuditQuery(null, null, null, null, AuditModel.Limit) { PracticeId = Practice() })).Count),
            ("audit search, a practice and one of its patients", samples / 2, async () =>
            {
                var i = PatientIndex();
                return (await s.SearchAuditAsync(new AuditQuery(Seeder.PatientId(i), null, null, null, AuditModel.Limit)
                    { PracticeId = PgSeeder.PracticeId(PgSeeder.PracticeOf(scale, i)) })).Count;
            }),
            ("audit search, a practice and a random 31 days of the two years", samples / 2, async () =>
            {
                var from = epoch.AddDays(random.Next(0, 700));
                return (await s.SearchAuditAsync(new AuditQuery(null, null, from, from.AddDays(31), AuditModel.Limit)
                    { PracticeId = Practice() })).Count;
            }),
            ("audit chain check of a practice (the audit page verifies it too)", Math.Max(10, samples / 10), async () =>
                (int)(await s.VerifyAuditAsync(default, Practice())).EventsChecked),
            ("patient's home lists (assignments, drafts, submissions)", samples, async () =>
            {
                var id = Seeder.PatientId(PatientIndex());
                return (await s.ListAssignmentsAsync(id)).Count + (await s.ListDraftsAsync(id)).Count
                       + (await s.ListSubmissionsForPatientAsync(id)).Count;
            }),
            ("diary summary (a patient's diaries: readings, last 14 days' average)", samples, async () =>
                DiarySummary.Of(await s.ListSubmissionsForPatientAsync(Seeder.PatientId(PatientIndex()))).Readings),
        };

        var size = await PgSeeder.SizeAsync(connection);
        output.WriteLine($"Store: PostgreSQL {await ServerVersionAsync(connection)}, database {scale.Database} ({await CollationAsync(connection)})");
        output.WriteLine($"Scale: {scale.Practices} practices, {Fmt.N(scale.Patients)} patients, {Fmt.N(scale.Submissions)} submissions, " +
                         $"{Fmt.N(scale.Readings)} readings; database {Fmt.Mb(size)} on disk; store opened (schema checked) in {Fmt.Ms(opened)} ms");
        output.WriteLine();
        StoreBench.WriteHeader(output);
        foreach (var (name, n, call) in cases)
            await StoreBench.TimeRowAsync(output, name, n, call);
        output.WriteLine();
        output.WriteLine($"load average before: {loadBefore}, after: {Fmt.Load()}");
    }

    public static async Task<string> ServerVersionAsync(string connection)
    {
        await using var db = new NpgsqlConnection(connection);
        await db.OpenAsync();
        return db.PostgreSqlVersion.ToString();
    }

    private static async Task<string> CollationAsync(string connection)
    {
        await using var db = new NpgsqlConnection(connection);
        await db.OpenAsync();
        await using var command = new NpgsqlCommand("select datcollate from pg_database where datname = current_database()", db);
        return $"collation {await command.ExecuteScalarAsync()}";
    }
}
