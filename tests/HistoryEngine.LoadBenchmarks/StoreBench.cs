using System.Diagnostics;
using System.Text.Json;
using HistoryEngine.Web.Infrastructure.Records;
using HistoryEngine.Web.Infrastructure.Records.LiteDb;
using HistoryEngine.Web.Infrastructure.Records.Model;

namespace HistoryEngine.LoadBenchmarks;

/// <summary>
/// Times the store's reads on a seeded file, in this process (no HTTP): the review queue's first page, a patient's
/// record page, a patient's home and a diary summary. Each is called once cold (first call after opening) and then
/// many times on random patients; p50 and p95 of those.
/// </summary>
internal static class StoreBench
{
    /// <summary>The header of a store-call table (one row each from <see cref="TimeRowAsync"/>).</summary>
    internal static void WriteHeader(TextWriter output)
    {
        output.WriteLine("| store call | first call (ms) | p50 (ms) | p95 (ms) | max (ms) | samples | rows per call (mean) | load avg (1/5/15 min) |");
        output.WriteLine("|---|---:|---:|---:|---:|---:|---:|---|");
    }

    /// <summary>Times one store call: the first call on its own, then <paramref name="n"/> more; one table row.</summary>
    internal static async Task TimeRowAsync(TextWriter output, string name, int n, Func<Task<int>> call)
    {
        var first = new Samples();
        await first.TimeAsync(call);
        var timed = new Samples();
        long rows = 0;
        for (var i = 0; i < n; i++)
            rows += await timed.TimeAsync(call);
        output.WriteLine($"| {name} | {Fmt.Ms(first.Max)} | {Fmt.Ms(timed.Percentile(50))} | {Fmt.Ms(timed.Percentile(95))} | " +
                         $"{Fmt.Ms(timed.Max)} | {n} | {rows / (double)n:0.#} | {Fmt.Load()} |");
    }

    private static readonly SubmissionStatus[] Waiting = [SubmissionStatus.New, SubmissionStatus.InReview];

    public static async Task RunAsync(string path, Scale scale, int samples, TextWriter output)
    {
        var size = new FileInfo(path).Length + (File.Exists(Seeder.LogFile(path)) ? new FileInfo(Seeder.LogFile(path)).Length : 0);
        var loadBefore = Fmt.Load();
        var open = Stopwatch.GetTimestamp();
        using var store = LiteDbRecordStore.Open(path, null, TimeProvider.System);
        var opened = Stopwatch.GetElapsedTime(open).TotalMilliseconds;
        IRecordStore s = store;
        var random = new Random(7);
        string Patient() => Seeder.PatientId(random.Next(scale.Patients));

        var cases = new (string Name, Func<Task<int>> Call)[]
        {
            ("review queue, first page (100 of New+InReview, flag then age)", async () =>
                (await s.ListQueueAsync(Waiting, 100)).Count),
            ("patient's record (entries, messages, submission references)", async () =>
            {
                var id = Patient();
                var entries = await s.ListRecordEntriesAsync(id);
                var messages = await s.ListMessagesAsync(id);
                var refs = (await s.ListSubmissionsForPatientAsync(id)).ToDictionary(x => x.Id, x => x.Reference);
                return entries.Count + messages.Count + refs.Count;
            }),
            ("patient's home lists (assignments, drafts, submissions)", async () =>
            {
                var id = Patient();
                return (await s.ListAssignmentsAsync(id)).Count + (await s.ListDraftsAsync(id)).Count
                       + (await s.ListSubmissionsForPatientAsync(id)).Count;
            }),
            ("diary summary (a patient's diaries: readings, last 14 days' average)", async () =>
                DiarySummary.Of(await s.ListSubmissionsForPatientAsync(Patient())).Readings),
        };

        output.WriteLine($"Store: {path}");
        output.WriteLine($"Scale: {Fmt.N(scale.Patients)} patients, {Fmt.N(scale.Submissions)} submissions, {Fmt.N(scale.Readings)} readings; " +
                         $"size on disk {Fmt.Mb(size)}; opened in {Fmt.Ms(opened)} ms");
        output.WriteLine();
        WriteHeader(output);
        foreach (var (name, call) in cases)
            await TimeRowAsync(output, name, name.StartsWith("review", StringComparison.Ordinal) ? Math.Max(20, samples / 5) : samples, call);
        output.WriteLine();
        output.WriteLine($"load average before: {loadBefore}, after: {Fmt.Load()}");
    }
}

/// <summary>
/// What a diary page would show for a patient: every reading from their home blood pressure diaries, the latest, and
/// the average of the last 14 days': the store work behind a patient's diary history and the clinician's trend (one
/// indexed query by patient, then the answers JSON of each diary).
/// </summary>
internal sealed record DiarySummary(int Diaries, int Readings, DateTime? Latest, double? AverageSystolic, double? AverageDiastolic)
{
    public static DiarySummary Of(IReadOnlyList<Submission> submissions)
    {
        var readings = new List<(DateTime Taken, int Systolic, int Diastolic)>();
        var diaries = 0;
        foreach (var s in submissions.Where(s => s.Questionnaire.Id == "home-bp-diary"))
        {
            diaries++;
            using var answers = JsonDocument.Parse(s.AnswersJson);
            if (!answers.RootElement.TryGetProperty("readings", out var list) || list.ValueKind != JsonValueKind.Array)
                continue;
            foreach (var r in list.EnumerateArray())
                if (r.TryGetProperty("taken", out var taken) && DateTime.TryParse(taken.GetString(), out var at)
                    && r.TryGetProperty("systolic", out var sys) && r.TryGetProperty("diastolic", out var dia))
                    readings.Add((at, sys.GetInt32(), dia.GetInt32()));
        }
        if (readings.Count == 0)
            return new DiarySummary(diaries, 0, null, null, null);
        var latest = readings.Max(r => r.Taken);
        var recent = readings.Where(r => r.Taken > latest.AddDays(-14)).ToList();
        return new DiarySummary(diaries, readings.Count, latest, recent.Average(r => r.Systolic), recent.Average(r => r.Diastolic));
    }
}

/// <summary>The store calls one page post makes, in a loop on one thread: where a post's time goes in the store.</summary>
internal static class PostPathBench
{
    public static async Task RunAsync(int count, TextWriter output)
    {
        var folder = Directory.CreateTempSubdirectory("he-post-").FullName;
        try
        {
            var path = Path.Combine(folder, "post.db");
            Seeder.EnsureSeeded(path, new Scale(100, 1_000, 10), TextWriter.Null);
            using var store = LiteDbRecordStore.Open(path, null, TimeProvider.System);
            IRecordStore s = store;
            var q = new QuestionnaireRef("bp-check", "1.0.0", "hash");
            var answers = "{\"measured_at\":\"2026-03-01T07:30\",\"arm\":\"left\",\"readings\":[{\"systolic\":140,\"diastolic\":90}]}";
            var get = new Samples(); var save = new Samples(); var person = new Samples();
            long revision = 0;
            for (var i = 0; i < count; i++)
            {
                var patient = Seeder.PatientId(i % 100);
                await person.TimeAsync(() => s.GetPersonAsync(patient));
                var draft = await get.TimeAsync(() => s.GetDraftAsync(Seeder.PatientId(0), "bp-check"));
                revision = (await save.TimeAsync(() => s.SaveDraftAsync(new DraftChange(Seeder.PatientId(0), q, answers, Seeder.PatientId(0)), draft?.Revision ?? 0))).Revision;
            }
            output.WriteLine($"| call | p50 (ms) | p99 (ms) | calls | load avg |");
            output.WriteLine("|---|---:|---:|---:|---|");
            foreach (var (name, samples) in new[] { ("GetPersonAsync", person), ("GetDraftAsync", get), ("SaveDraftAsync", save) })
                output.WriteLine($"| {name} | {Fmt.Ms(samples.Percentile(50))} | {Fmt.Ms(samples.Percentile(99))} | {samples.Count} | {Fmt.Load()} |");
            output.WriteLine($"(last revision {revision})");
        }
        finally { Directory.Delete(folder, recursive: true); }
    }
}
