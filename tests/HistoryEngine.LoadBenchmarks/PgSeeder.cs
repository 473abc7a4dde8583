using System.Diagnostics;
using HistoryEngine.Web.Infrastructure.Questionnaires;
using HistoryEngine.Web.Infrastructure.Records;
using HistoryEngine.Web.Infrastructure.Records.Model;
using HistoryEngine.Web.Infrastructure.Records.PostgreSql;
using Microsoft.AspNetCore.Identity;
using Npgsql;

namespace HistoryEngine.LoadBenchmarks;

/// <summary>How big a seeded PostgreSQL database is: many practices in one database.</summary>
internal sealed record PgScale(int Practices, int PatientsPerPractice, int CliniciansPerPractice, int SubmissionsPerPractice,
    int ReadingsPerSubmission)
{
    public int Patients => Practices * PatientsPerPractice;
    public long Submissions => (long)Practices * SubmissionsPerPractice;
    public long Readings => Submissions * ReadingsPerSubmission;

    /// <summary>Issue 17's scale: 100 practices, 100,000 patients, 1,000,000 submissions, 10,000,000 readings.</summary>
    public static PgScale Full { get; } = new(100, 1_000, 5, 10_000, 10);

    /// <summary>A hundredth of the submissions (10 practices of 100 patients, 10,000 diaries): what
    /// <c>./bench.sh --store --postgres</c> seeds without --full, in seconds.</summary>
    public static PgScale Small { get; } = new(10, 100, 3, 1_000, 10);

    /// <summary>The database's name: a database seeded at another scale (or by another seeder version) is another database.</summary>
    public string Database => $"he_bench_p{Practices}_n{PatientsPerPractice}_c{CliniciansPerPractice}_s{SubmissionsPerPractice}_r{ReadingsPerSubmission}_v1";
}

/// <summary>
/// Fills a PostgreSQL record store with many practices through the store's own bulk import (the binary COPY that
/// migrate-store uses, each row built by the store's own row functions, one transaction): per practice its patients and
/// clinicians, home blood pressure diaries over two years answered and evaluated by the engine (the LiteDB seeder's
/// pool of 256 engine-made diaries), the record entries of the filed ones, and the practice's audit trail for them
/// (sent, opened, taken into review, filed / closed / returned), chained per practice with <see cref="AuditChain"/>.
/// Secondary indexes of the three big tables are dropped before the COPY and recreated from their own definitions
/// after it (faster than maintaining them row by row), then the database is vacuumed and analysed. Deterministic.
/// </summary>
internal static class PgSeeder
{
    private const double WaitingShare = 0.02;
    private static readonly string[] BigTables = ["submissions", "record_entries", "audit_events"];

    public static string PracticeId(int p) => Seeder.DeterministicId("practice", p);

    /// <summary>Patient i (0-based, across the database) is in practice i / PatientsPerPractice.</summary>
    public static int PracticeOf(PgScale scale, int patient) => patient / scale.PatientsPerPractice;

    public static string ClinicianUserName(int i) => $"clinician{i + 1:0000}";

    /// <summary>The seeded database's connection string (the server's, with the database changed).</summary>
    public static string ConnectionString(string server, PgScale scale) =>
        new NpgsqlConnectionStringBuilder(server) { Database = scale.Database }.ConnectionString;

    /// <summary>Seeds the scale's database unless it is there and complete (its seed marker written); returns its
    /// connection string.</summary>
    public static async Task<string> EnsureSeededAsync(string server, PgScale scale, TextWriter log)
    {
        var connection = new NpgsqlConnectionStringBuilder(ConnectionString(server, scale)) { CommandTimeout = 0 }.ConnectionString;
        await using (var admin = new NpgsqlConnection(server))
        {
            await admin.OpenAsync();
            var exists = await Scalar<int?>(admin, "select 1 from pg_database where datname = $1", scale.Database) is not null;
            if (exists && await SeededAsync(connection) is { } done)
            {
                log.WriteLine($"seed: reusing database {scale.Database} (seeded {done}; {Fmt.Mb(await SizeAsync(connection))} on disk)");
                return connection;
            }
            if (exists)
                await Execute(admin, $"drop database {scale.Database} with (force)");
            await Execute(admin, $"create database {scale.Database}");
        }

        var start = Stopwatch.GetTimestamp();
        var load = Fmt.Load();
        using (var store = PostgreSqlRecordStore.Open(connection, TimeProvider.System))
        {
            var migrated = Stopwatch.GetElapsedTime(start);
            var indexes = await DropSecondaryIndexesAsync(connection);
            var import = Stopwatch.GetTimestamp();
            var copied = await store.ImportAsync(Contents(scale, log));
            var imported = Stopwatch.GetElapsedTime(import);
            log.WriteLine($"seed: COPY done in {imported.TotalSeconds:0.0} s: " + string.Join(", ", copied.Where(c => c.Rows > 0).Select(c => $"{c.Table} {Fmt.N(c.Rows)}")));
            var rebuild = Stopwatch.GetTimestamp();
            await using (var db = new NpgsqlConnection(connection))
            {
                await db.OpenAsync();
                foreach (var (name, definition) in indexes)
                {
                    var one = Stopwatch.GetTimestamp();
                    await Execute(db, definition);
                    log.WriteLine($"seed: index {name} rebuilt in {Stopwatch.GetElapsedTime(one).TotalSeconds:0.0} s");
                }
                var indexed = Stopwatch.GetElapsedTime(rebuild);
                var vacuum = Stopwatch.GetTimestamp();
                await Execute(db, "vacuum (analyze)");
                var vacuumed = Stopwatch.GetElapsedTime(vacuum);
                var total = Stopwatch.GetElapsedTime(start);
                var size = await SizeAsync(connection);
                var summary = $"{scale.Practices} practices, {Fmt.N(scale.Patients)} patients, {Fmt.N(scale.Submissions)} submissions, " +
                              $"{Fmt.N(scale.Readings)} readings, " + string.Join(", ", copied.Where(c => c.Table is "record_entries" or "audit_events")
                                  .Select(c => $"{Fmt.N(c.Rows)} {c.Table.Replace('_', ' ')}")) +
                              $" in {total.TotalSeconds:0} s (schema {migrated.TotalSeconds:0.0} s, COPY {imported.TotalSeconds:0} s, " +
                              $"indexes {indexed.TotalSeconds:0} s, vacuum analyze {vacuumed.TotalSeconds:0} s; load {load} → {Fmt.Load()}); " +
                              $"database {Fmt.Mb(size)} on disk";
                // The chains as the store checks them (the audit page's and verify-audit's check), every practice.
                var check = Stopwatch.GetTimestamp();
                var chains = await store.VerifyAuditAsync();
                if (!chains.IsIntact)
                    throw new InvalidOperationException($"the seeded audit trail does not verify: {chains.Problem}");
                summary += $"; audit chains of every practice verified intact by the store ({Fmt.N(chains.EventsChecked)} events, " +
                           $"{Stopwatch.GetElapsedTime(check).TotalSeconds:0} s)";
                await Execute(db, "create table bench_seed (summary text not null, seeded_at timestamptz not null default now())");
                await Execute(db, "insert into bench_seed (summary) values ($1)", summary);
                log.WriteLine("seed: " + summary);
                foreach (var line in await TableSizesAsync(db))
                    log.WriteLine("seed: " + line);
            }
        }
        return connection;
    }

    private static async Task<string?> SeededAsync(string connection)
    {
        await using var db = new NpgsqlConnection(connection);
        await db.OpenAsync();
        if (await Scalar<string>(db, "select to_regclass('bench_seed')::text") is null)
            return null;
        return await Scalar<string>(db, "select seeded_at::text || ': ' || summary from bench_seed");
    }

    public static async Task<long> SizeAsync(string connection)
    {
        await using var db = new NpgsqlConnection(connection);
        await db.OpenAsync();
        return await Scalar<long>(db, "select pg_database_size(current_database())");
    }

    public static async Task<List<string>> TableSizesAsync(NpgsqlConnection db)
    {
        var lines = new List<string>();
        await using var command = new NpgsqlCommand("""
            select c.relname, pg_table_size(c.oid), pg_indexes_size(c.oid), c.reltuples::bigint
            from pg_class c join pg_namespace n on n.oid = c.relnamespace
            where c.relkind = 'r' and n.nspname = current_schema() and pg_total_relation_size(c.oid) > 8 * 1024 * 1024
            order by pg_total_relation_size(c.oid) desc
            """, db);
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
            lines.Add($"{reader.GetString(0)}: ~{Fmt.N(reader.GetInt64(3))} rows, table (with TOAST) {Fmt.Mb(reader.GetInt64(1))}, indexes {Fmt.Mb(reader.GetInt64(2))}");
        return lines;
    }

    /// <summary>Drops the indexes of the big tables that are not constraints (primary keys stay); returns their
    /// definitions, to be run again after the load.</summary>
    private static async Task<List<(string Name, string Definition)>> DropSecondaryIndexesAsync(string connection)
    {
        await using var db = new NpgsqlConnection(connection);
        await db.OpenAsync();
        var indexes = new List<(string, string)>();
        await using (var command = new NpgsqlCommand("""
            select i.indexname, i.indexdef from pg_indexes i
            where i.schemaname = current_schema() and i.tablename = any($1)
              and not exists (select 1 from pg_constraint c where c.conname = i.indexname)
            order by i.tablename, i.indexname
            """, db) { Parameters = { new() { Value = BigTables } } })
        await using (var reader = await command.ExecuteReaderAsync())
            while (await reader.ReadAsync())
                indexes.Add((reader.GetString(0), reader.GetString(1)));
        foreach (var (name, _) in indexes)
            await Execute(db, $"drop index {name}");
        return indexes;
    }

    /// <summary>Everything to import, streamed: each pass over a practice regenerates it from its own seed, so nothing
    /// big is held in memory.</summary>
    private static StoreContents Contents(PgScale scale, TextWriter log)
    {
        var hash = new PasswordHasher<Person>().HashPassword(null!, Seeder.Password);
        var diary = QuestionnaireFile.Load(Path.Combine(Repo.Root, "questionnaires", "home-bp-diary.yaml")).Compiled
                    ?? throw new InvalidOperationException("questionnaires/home-bp-diary.yaml does not compile");
        var templateRandom = new Random(20260301);
        var templates = Enumerable.Range(0, Seeder.Templates)
            .Select(_ => Seeder.Diary(diary, templateRandom, scale.ReadingsPerSubmission)).ToArray();
        var reference = QuestionnaireCatalog.RefTo(diary);
        var epoch = new DateTimeOffset(2024, 3, 1, 8, 0, 0, TimeSpan.Zero);
        var end = Seeder.Millis(DateTimeOffset.UtcNow.AddHours(-1));
        var world = new World(scale, templates, reference, diary.Version, epoch, end);

        IEnumerable<Practice> Practices() => Enumerable.Range(0, scale.Practices).Select(p =>
            new Practice(PracticeId(p), $"Bench Practice {p + 1:000}", $"Z{p + 1:00000}", epoch));

        IEnumerable<Person> People()
        {
            var random = new Random(1);
            for (var i = 0; i < scale.Patients; i++)
                yield return new Person(Seeder.PatientId(i), Role.Patient, $"Patient {i + 1:000000}", Seeder.UserName(i),
                    $"{Seeder.UserName(i)}@example.org", new DateOnly(1940, 1, 1).AddDays(random.Next(0, 60 * 365)), null, hash, 0,
                    null, epoch) { PracticeId = PracticeId(PracticeOf(scale, i)) };
            for (var i = 0; i < scale.Practices * scale.CliniciansPerPractice; i++)
                yield return new Person(Seeder.ClinicianId(i), Role.Clinician, $"Dr Clinician {i + 1}", ClinicianUserName(i),
                    null, null, null, hash, 0, null, epoch) { PracticeId = PracticeId(i / scale.CliniciansPerPractice) };
        }

        IEnumerable<T> Each<T>(string what, Func<PracticeRows, IEnumerable<T>> rows)
        {
            var watch = Stopwatch.StartNew();
            for (var p = 0; p < scale.Practices; p++)
            {
                foreach (var row in rows(world.Practice(p)))
                    yield return row;
                if ((p + 1) % Math.Max(1, scale.Practices / 10) == 0)
                    log.WriteLine($"seed: {what}: {p + 1} of {scale.Practices} practices, {watch.Elapsed.TotalSeconds:0} s (load {Fmt.Load1()})");
            }
        }

        return new StoreContents(
            Practices: Practices(), People: People(), TwoFactor: [], AccountLinks: [], Drafts: [],
            Submissions: Each("submissions", r => r.Submissions), SubmittedDrafts: [],
            Entries: Each("record entries", r => r.Entries), Messages: [], Grants: [], Assignments: [], PlanAlerts: [],
            Visits: [], EndedSessions: [], Archive: [],
            Audit: Each("audit events", r => r.Audit()),
            AuditHeads: Enumerable.Range(0, scale.Practices).Select(p => world.Heads[p]
                ?? throw new InvalidOperationException("the audit heads are read before the audit events")));
    }

    /// <summary>What every practice is generated from.</summary>
    private sealed record World(PgScale Scale, Seeder.Template[] Templates, QuestionnaireRef Questionnaire, string Version,
        DateTimeOffset Epoch, DateTimeOffset End)
    {
        /// <summary>Each practice's chain head, written as its audit events are made (they are read before the heads).</summary>
        public AuditHead?[] Heads { get; } = new AuditHead?[Scale.Practices];

        public PracticeRows Practice(int p) => new(this, p);
    }

    /// <summary>One practice's submissions, entries and audit trail, made again identically on every pass.</summary>
    private sealed class PracticeRows
    {
        private readonly World _w;
        private readonly int _p;
        public List<Submission> Submissions { get; } = [];
        public List<RecordEntry> Entries { get; } = [];
        private readonly List<Seeder.Template> _templates = [];

        public PracticeRows(World w, int p)
        {
            (_w, _p) = (w, p);
            var s = w.Scale;
            var random = new Random(20261207 + p);
            var span = w.End - w.Epoch;
            var firstWaiting = (int)(s.SubmissionsPerPractice * (1 - WaitingShare));
            for (var j = 0; j < s.SubmissionsPerPractice; j++)
            {
                var n = p * s.SubmissionsPerPractice + j;
                var template = w.Templates[random.Next(w.Templates.Length)];
                var patient = Seeder.PatientId(p * s.PatientsPerPractice + random.Next(s.PatientsPerPractice));
                var clinician = Seeder.ClinicianId(p * s.CliniciansPerPractice + random.Next(s.CliniciansPerPractice));
                var at = Seeder.Millis(w.Epoch + span * ((j + random.NextDouble()) / s.SubmissionsPerPractice));
                var (status, history) = j >= firstWaiting
                    ? Seeder.Waiting(random, patient, clinician, at)
                    : Seeder.Done(random, patient, clinician, at);
                var id = Seeder.DeterministicId("submission", n);
                _templates.Add(template);
                Submissions.Add(new Submission(id, Reference(n), patient, patient, w.Questionnaire, template.Answers, template.Result,
                    template.Flag, status, at, history));
                if (status == SubmissionStatus.Filed)
                    foreach (var (entry, k) in template.Entries.Select((e, k) => (e, k)))
                        Entries.Add(new RecordEntry(Seeder.DeterministicId($"entry{k}", n), patient, entry.System, entry.Code,
                            entry.Display, entry.Value, entry.Unit, clinician, history[^1].At, id, w.Version, null));
            }
        }

        /// <summary>What the site writes to the audit trail for these submissions (SubmitDraft, the submission page,
        /// SubmissionDecisions, FileSubmission), in time order, chained with the store's own <see cref="AuditChain"/>.</summary>
        public IEnumerable<AuditEvent> Audit()
        {
            var events = new List<(DateTimeOffset At, int Order, string Actor, string Action, string Patient, string Details)>();
            var order = 0;
            foreach (var (s, template) in Submissions.Zip(_templates))
            {
                events.Add((s.SubmittedAt, order++, s.AnsweredById, "submission.sent", s.PatientId,
                    $"{s.Reference} {s.Questionnaire.Id} {_w.Version} flag={s.HighestFlag}"));
                foreach (var change in s.History.Skip(1))
                {
                    if (change.From == SubmissionStatus.New)
                        events.Add((change.At.AddMinutes(-1), order++, change.ById, "submission.viewed", s.PatientId,
                            $"{s.Reference} {s.Questionnaire.Id} status=New"));
                    if (change.To == SubmissionStatus.Filed)
                        events.Add((change.At, order++, change.ById, "submission.filed", s.PatientId,
                            $"{s.Reference} {template.Entries.Count} entries filed (0 edited): " +
                            string.Join("; ", template.Entries.Select(e => $"{e.Code}={e.Value}"))));
                    else
                        events.Add((change.At, order++, change.ById, "submission.status", s.PatientId,
                            $"{s.Reference} {change.From} -> {change.To}" + (change.To == SubmissionStatus.Closed ? $": {change.Note}" : "")));
                }
            }
            var previous = AuditChain.Genesis;
            long sequence = 0;
            foreach (var e in events.OrderBy(e => e.At).ThenBy(e => e.Order))
            {
                sequence++;
                var hash = AuditChain.Hash(sequence, e.At, e.Actor, e.Action, e.Patient, e.Details, previous);
                yield return new AuditEvent(sequence, e.At, e.Actor, e.Action, e.Patient, e.Details, previous, hash)
                    { PracticeId = PracticeId(_p) };
                previous = hash;
            }
            _w.Heads[_p] = new AuditHead(sequence, previous, PracticeId(_p));
        }
    }

    private const string Alphabet = "23456789ABCDEFGHJKMNPQRSTVWXYZ";

    /// <summary>The n-th submission's reference, in the site's format: n scrambled by a bijection modulo 30^8, so
    /// references look random and never repeat.</summary>
    public static string Reference(long n)
    {
        const long modulus = 656_100_000_000; // 30^8
        var x = (long)((UInt128)(ulong)n * 2_654_435_761UL % (ulong)modulus + 123_456_789) % modulus;
        Span<char> chars = stackalloc char[8];
        for (var i = 7; i >= 0; i--)
        {
            chars[i] = Alphabet[(int)(x % 30)];
            x /= 30;
        }
        return $"HE-{chars[..4]}-{chars[4..]}";
    }

    private static async Task Execute(NpgsqlConnection db, string sql, params object[] args)
    {
        await using var command = new NpgsqlCommand(sql, db) { CommandTimeout = 0 };
        foreach (var arg in args)
            command.Parameters.Add(new NpgsqlParameter { Value = arg });
        await command.ExecuteNonQueryAsync();
    }

    private static async Task<T?> Scalar<T>(NpgsqlConnection db, string sql, params object[] args)
    {
        await using var command = new NpgsqlCommand(sql, db) { CommandTimeout = 0 };
        foreach (var arg in args)
            command.Parameters.Add(new NpgsqlParameter { Value = arg });
        var value = await command.ExecuteScalarAsync();
        return value is null or DBNull ? default : (T)value;
    }
}
