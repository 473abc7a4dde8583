using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using HistoryEngine.Runtime;
using HistoryEngine.Web.Infrastructure.Questionnaires;
using HistoryEngine.Web.Infrastructure.Records;
using HistoryEngine.Web.Infrastructure.Records.LiteDb;
using HistoryEngine.Web.Infrastructure.Records.Model;
using Microsoft.AspNetCore.Identity;

namespace HistoryEngine.LoadBenchmarks;

/// <summary>How big a seeded store is.</summary>
internal sealed record Scale(int Patients, int Submissions, int ReadingsPerSubmission)
{
    public long Readings => (long)Submissions * ReadingsPerSubmission;

    /// <summary>The practice scale: 10,000 patients, 200,000 submissions, 2,000,000 readings.</summary>
    public static Scale Full { get; } = new(10_000, 200_000, 10);

    /// <summary>A tenth of it, what ./bench.sh seeds by default.</summary>
    public static Scale Small { get; } = new(1_000, 20_000, 10);

    public string Tag => $"p{Patients}-s{Submissions}-r{ReadingsPerSubmission}-v1";
}

/// <summary>
/// Fills a LiteDB record store with a practice: patients (user names patient00001..., one password), a few
/// clinicians, home blood pressure diaries sent over two years (each with <see cref="Scale.ReadingsPerSubmission"/>
/// readings, answers and result made by the engine from the shipped home-bp-diary.yaml), and for filed diaries the
/// two record entries a clinician files. Deterministic (fixed seed). Bulk inserts in batches, one transaction each.
/// </summary>
internal static class Seeder
{
    public const string Password = "load-test-password-1";
    public const int Clinicians = 10;

    // What share of the diaries is still waiting for review: the newest 2% (about two weeks of a practice's diaries).
    private const double WaitingShare = 0.02;
    private const int BatchSize = 5_000;
    internal const int Templates = 256;

    public static string UserName(int i) => $"patient{i + 1:00000}";

    /// <summary>The id of the i-th seeded patient (deterministic, so a reused file and the load client agree).</summary>
    public static string PatientId(int i) => DeterministicId("patient", i);

    public static string ClinicianId(int i) => DeterministicId("clinician", i);

    internal static string DeterministicId(string kind, int i)
    {
        var bytes = System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes($"{kind}:{i}"));
        return Convert.ToHexStringLower(bytes.AsSpan(0, 16));
    }

    /// <summary>Seeds <paramref name="path"/> unless a file seeded at the same scale is already there.</summary>
    public static void EnsureSeeded(string path, Scale scale, TextWriter log)
    {
        var marker = path + ".seeded";
        if (File.Exists(path) && File.Exists(marker) && File.ReadAllText(marker).Trim() == scale.Tag)
        {
            log.WriteLine($"seed: reusing {path} ({scale.Tag}, {Fmt.Mb(new FileInfo(path).Length)})");
            return;
        }
        foreach (var stale in new[] { path, marker, LogFile(path) })
            File.Delete(stale);
        var start = Stopwatch.GetTimestamp();
        using (var store = LiteDbRecordStore.Open(path, null, TimeProvider.System))
            Seed(store, scale, log);
        File.WriteAllText(marker, scale.Tag + "\n");
        log.WriteLine($"seed: {Fmt.N(scale.Patients)} patients, {Fmt.N(scale.Submissions)} submissions, " +
                      $"{Fmt.N(scale.Readings)} readings in {Stopwatch.GetElapsedTime(start).TotalSeconds:0.0} s " +
                      $"(load {Fmt.Load()}); file {Fmt.Mb(new FileInfo(path).Length)}");
    }

    public static string LogFile(string path) =>
        Path.Combine(Path.GetDirectoryName(path)!, Path.GetFileNameWithoutExtension(path) + "-log" + Path.GetExtension(path));

    private static void Seed(LiteDbRecordStore store, Scale scale, TextWriter log)
    {
        var random = new Random(20260301);
        // One hash for everyone: hashing is deliberately slow (about 0.1 s), and a hash is valid for any account.
        var hash = new PasswordHasher<Person>().HashPassword(null!, Password);
        var epoch = new DateTimeOffset(2024, 3, 1, 8, 0, 0, TimeSpan.Zero);

        var people = Enumerable.Range(0, scale.Patients).Select(i => new Person(PatientId(i), Role.Patient,
                $"Patient {i + 1:00000}", UserName(i), $"{UserName(i)}@example.org",
                new DateOnly(1940, 1, 1).AddDays(random.Next(0, 60 * 365)), null, hash, 0, null, epoch))
            .Concat(Enumerable.Range(0, Clinicians).Select(i => new Person(ClinicianId(i), Role.Clinician,
                $"Dr Clinician {i + 1}", $"clinician{i + 1:00}", null, null, null, hash, 0, null, epoch)));
        foreach (var batch in people.Chunk(BatchSize))
            store.ImportPeople(batch);

        var diary = QuestionnaireFile.Load(Path.Combine(Repo.Root, "questionnaires", "home-bp-diary.yaml")).Compiled
                    ?? throw new InvalidOperationException("questionnaires/home-bp-diary.yaml does not compile");
        var templates = Enumerable.Range(0, Templates).Select(_ => Diary(diary, random, scale.ReadingsPerSubmission)).ToArray();
        var reference = QuestionnaireCatalog.RefTo(diary);

        // Spread over two years up to now, oldest first; the newest are waiting for review.
        var end = DateTimeOffset.UtcNow.AddHours(-1);
        var span = end - epoch;
        var references = new HashSet<string>(StringComparer.Ordinal);
        var firstWaiting = (int)(scale.Submissions * (1 - WaitingShare));
        var written = 0;
        var entries = 0L;
        foreach (var batch in Enumerable.Range(0, scale.Submissions).Chunk(BatchSize))
        {
            var submissions = new List<Submission>(batch.Length);
            var filed = new List<RecordEntry>();
            foreach (var i in batch)
            {
                var template = templates[random.Next(Templates)];
                var patient = PatientId(random.Next(scale.Patients));
                var at = Millis(epoch + span * ((i + random.NextDouble()) / scale.Submissions));
                string code;
                do code = SubmissionReference.Create(); while (!references.Add(code));
                var clinician = ClinicianId(random.Next(Clinicians));
                var (status, history) = i >= firstWaiting
                    ? Waiting(random, patient, clinician, at)
                    : Done(random, patient, clinician, at);
                var id = DeterministicId("submission", i);
                submissions.Add(new Submission(id, code, patient, patient, reference, template.Answers, template.Result,
                    template.Flag, status, at, history));
                if (status == SubmissionStatus.Filed)
                {
                    var filedAt = history[^1].At;
                    foreach (var (entry, k) in template.Entries.Select((e, k) => (e, k)))
                        filed.Add(new RecordEntry(DeterministicId($"entry{k}", i), patient, entry.System, entry.Code,
                            entry.Display, entry.Value, entry.Unit, clinician, filedAt, id, diary.Version, null));
                }
            }
            store.ImportSubmissions(submissions);
            if (filed.Count > 0)
                store.ImportRecordEntries(filed);
            written += submissions.Count;
            entries += filed.Count;
            if (written % 50_000 == 0 || written == scale.Submissions)
                log.WriteLine($"seed: {Fmt.N(written)} submissions, {Fmt.N(entries)} record entries (load {Fmt.Load1()})");
        }
    }

    internal static DateTimeOffset Millis(DateTimeOffset t) => new(t.Ticks - t.Ticks % TimeSpan.TicksPerMillisecond, TimeSpan.Zero);

    internal static (SubmissionStatus, List<StatusChange>) Waiting(Random random, string patient, string clinician, DateTimeOffset at)
    {
        var history = new List<StatusChange> { new(null, SubmissionStatus.New, patient, at, null) };
        if (random.NextDouble() < 0.25)
        {
            history.Add(new(SubmissionStatus.New, SubmissionStatus.InReview, clinician, at.AddMinutes(30), null));
            return (SubmissionStatus.InReview, history);
        }
        return (SubmissionStatus.New, history);
    }

    internal static (SubmissionStatus, List<StatusChange>) Done(Random random, string patient, string clinician, DateTimeOffset at)
    {
        var history = new List<StatusChange>
        {
            new(null, SubmissionStatus.New, patient, at, null),
            new(SubmissionStatus.New, SubmissionStatus.InReview, clinician, at.AddHours(20), null),
        };
        var roll = random.NextDouble();
        if (roll < 0.90)
        {
            history.Add(new(SubmissionStatus.InReview, SubmissionStatus.Filed, clinician, at.AddHours(20.5), null));
            return (SubmissionStatus.Filed, history);
        }
        if (roll < 0.97)
        {
            history.Add(new(SubmissionStatus.InReview, SubmissionStatus.Closed, clinician, at.AddHours(20.5), "Duplicate"));
            return (SubmissionStatus.Closed, history);
        }
        history.Add(new(SubmissionStatus.InReview, SubmissionStatus.Returned, clinician, at.AddHours(20.5), "Please check the dates"));
        return (SubmissionStatus.Returned, history);
    }

    internal sealed record Template(string Answers, string Result, FlagLevel Flag, IReadOnlyList<NewEntry> Entries);

    internal sealed record NewEntry(string System, string Code, string Display, string? Value, string? Unit);

    /// <summary>A diary of <paramref name="readings"/> readings, twice a day from a random day, answered and
    /// evaluated by the engine as the site would; some run high (a few very high ones ask about symptoms).</summary>
    internal static Template Diary(CompiledQuestionnaire diary, Random random, int readings)
    {
        var first = new DateTime(2026, 1, 1).AddDays(random.Next(0, 50));
        var systolic = random.Next(105, 170);
        var diastolic = random.Next(62, 98);
        var list = new List<Dictionary<string, object>>();
        for (var r = 0; r < readings; r++)
        {
            var taken = first.AddDays(r / 2).AddHours(r % 2 == 0 ? 7.5 : 19.5).AddMinutes(random.Next(0, 20));
            var s = systolic + random.Next(-8, 14);
            list.Add(new Dictionary<string, object>
            {
                ["taken"] = taken.ToString("yyyy-MM-dd'T'HH:mm", CultureInfo.InvariantCulture),
                ["systolic"] = s,
                ["diastolic"] = Math.Min(diastolic + random.Next(-6, 8), s - 20),
                ["pulse"] = random.Next(55, 95),
                ["arm"] = random.Next(2) == 0 ? "left" : "right",
            });
        }
        var answers = new Dictionary<string, object> { ["readings"] = list };
        if (list.Any(r => (int)r["systolic"] >= 180 || (int)r["diastolic"] >= 120))
            answers["high_symptoms"] = new[] { "none" };

        var session = diary.CreateSession();
        using (var json = JsonDocument.Parse(JsonSerializer.Serialize(answers)))
            session.SetAnswers(json.RootElement);
        var result = session.Result();
        if (result.Errors.Count > 0)
            throw new InvalidOperationException("a seeded diary has errors: " + string.Join("; ", result.Errors.Select(e => e.Path + ": " + e.Message)));
        var flag = result.HighestLevel switch
        {
            null => FlagLevel.None,
            Definitions.FlagLevel.Routine => FlagLevel.Routine,
            Definitions.FlagLevel.Soon => FlagLevel.Soon,
            Definitions.FlagLevel.Urgent => FlagLevel.Urgent,
            _ => FlagLevel.Emergency,
        };
        var entries = result.Entries.Where(e => e.Value is not null).Select(e => new NewEntry(e.System, e.Code, e.Display,
            Convert.ToString(e.Value, CultureInfo.InvariantCulture), e.Unit)).ToList();
        return new Template(session.ExportAnswers(), ResultJson.Write(result), flag, entries);
    }
}
