
using HistoryEngine.Web.Infrastructure.Records;
using HistoryEngine.Web.Infrastructure.Records.LiteDb;
using HistoryEngine.Web.Infrastructure.Records.Model;
using HistoryEngine.Web.Infrastructure.Records.PostgreSql;
using LiteDB;

namespace HistoryEngine.Web.Tests.Operations;

/// <summary>
/// <c>migrate-store --to PostgreSql</c> (issue 17, point 6): a practice's LiteDB store moves into PostgreSQL with
/// everything in it, read back through the store port exactly as it was on LiteDB, the audit chain intact and carrying
/// on; a database that already holds records, a source whose audit trail is broken and a copy that fails part way
/// leave PostgreSQL as it was. The command runs as a practice runs it: the built site with the verb.
/// </summary>
public sealed class MigrateStoreTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("he-migrate-").FullName;
    private readonly TestPostgres _database = new();
    private string StorePath => Path.Combine(_folder, "historyengine.db");

    private Dictionary<string, string> Target => new() { ["ConnectionStrings__Records"] = _database.ConnectionString };

    private static readonly QuestionnaireRef Bp = new("home-bp-diary", "1.0.0", "sha256:abc");

    private sealed record Seeded(Person Patient, Person Carer, Person Clinician);

    /// <summary>One of everything the store keeps, made through the port as the site makes it.</summary>
    private static async Task<Seeded> SeedAsync(IRecordStore store)
    {
        var patient = await store.AddPersonAsync(new NewPerson(Role.Patient, "Sam Patel", "sam", "sam@example.org",
            new DateOnly(1970, 5, 17), "9434765919", "hash-sam") { Sex = HistoryEngine.Runtime.PatientSex.Male, Phone = "07700 900123" });
        var carer = await store.AddPersonAsync(new NewPerson(Role.Proxy, "Alex Patel", "alex", null, null, null, "hash-alex"));
        var clinician = await store.AddPersonAsync(new NewPerson(Role.Clinician, "Dr Lee", "drlee", null, null, null, "hash-lee"));
        await store.RecordFailedSignInAsync(patient.Id, lockAfter: 5, TimeSpan.FromMinutes(15));
        await ((ITwoFactorStore)store).EnrolTwoFactorAsync(clinician.Id, "SECRET", ["r1", "r2", "r3"], 100);
        await ((ITwoFactorStore)store).UseRecoveryCodeAsync(clinician.Id, "r2");
        await store.WriteAsync(w => w.IssueAccountLink(new NewAccountLink(carer.Id, AccountLinkPurpose.Invitation, "token-hash",
            clinician.Id, DateTimeOffset.UtcNow.AddDays(7))));

        // A draft submitted (its key remembered), one still open, one submission filed with a corrected entry.
        var draft = await store.SaveDraftAsync(new DraftChange(patient.Id, Bp, """{"readings":[]}""", patient.Id), 0);
        var submitted = await store.SubmitDraftAsync(new NewSubmission(patient.Id, patient.Id, Bp, draft.AnswersJson,
            """{"flags":[]}""", FlagLevel.Routine), draft.Key, draft.Revision);
        await store.SaveDraftAsync(new DraftChange(patient.Id, new QuestionnaireRef("headache", "2.0.0", "sha256:def"),
            """{"where":"front ünïcode"}""", carer.Id) { RepliesTo = submitted.Submission.Id }, 0);
        var urgent = await store.AddSubmissionAsync(new NewSubmission(patient.Id, carer.Id, Bp, """{"a":1}""",
            """{"flags":[{"level":"urgent","clinician":"Home average 150/95 or more"}]}""", FlagLevel.Urgent) { RepliesTo = submitted.Submission.Id });
        await store.ChangeSubmissionStatusAsync(urgent.Id, SubmissionStatus.New, SubmissionStatus.InReview, clinician.Id, "looking");
        await store.FileSubmissionAsync(urgent.Id, clinician.Id,
            [new NewRecordEntry(patient.Id, "http://snomed.info/sct", "163030003", "Systolic", "148", "mm[Hg]", clinician.Id, urgent.Id, "1.0.0")]);
        var filed = (await store.ListRecordEntriesAsync(patient.Id)).Single();
        await store.SupersedeRecordEntryAsync(filed.Id, new NewRecordEntry(patient.Id, "http://snomed.info/sct", "163030003",
            "Systolic", "146", "mm[Hg]", clinician.Id, urgent.Id, "1.0.0"));
        var message = await store.AddMessageAsync(new NewMessage(patient.Id, clinician.Id, "Your reading", "Filed.", urgent.Id));
        await store.MarkMessageReadAsync(message.Id);
        await store.AddMessageAsync(new NewMessage(patient.Id, clinician.Id, "Unread", "Please book.", null));
        var grant = await store.AddProxyGrantAsync(patient.Id, carer.Id, canFill: true, canViewRecord: false);
        await store.RevokeProxyGrantAsync(grant.Id);
        await store.AddProxyGrantAsync(patient.Id, carer.Id, canFill: true, canViewRecord: true, expiresAt: DateTimeOffset.UtcNow.AddDays(90));
        await store.AddAssignmentAsync(new NewAssignment(patient.Id, "home-bp-diary", new DateOnly(2026, 12, 20), clinician.Id));
        await store.AddAssignmentAsync(new NewAssignment(patient.Id, "phq9", null, clinician.Id));
        await store.WriteAsync(w =>
        {
            w.AddAssignmentOnce(new NewAssignment(patient.Id, "hypertension-review", new DateOnly(2027, 3, 1), "care-plan:hypertension")
                { Key = "hypertension/review/2027-03-01" });
            var seen = w.RaisePlanAlert(new NewPlanAlert(patient.Id, "hypertension", "Your plan", "above-target-twice",
                FlagLevel.Soon, "Two diaries above target.", "NICE NG136", "hypertension/above-target-twice/a"))!;
            w.ReviewPlanAlert(seen.Id, clinician.Id);
            return w.RaisePlanAlert(new NewPlanAlert(patient.Id, "hypertension", "Your plan", "review-overdue",
                FlagLevel.Routine, "Review overdue.", "L8", "hypertension/review-overdue/b"));
        });
        await store.RecordVisitAsync(patient.Id, "record");
        await store.EndSessionAsync("session-1", DateTimeOffset.UtcNow.AddHours(8));
        await store.ArchiveQuestionnaireAsync("sha256:abc", "home-bp-diary", "1.0.0",
            [new QuestionnaireSourceFile("home-bp-diary.yaml", "id: home-bp-diary\n")]);
        foreach (var action in new[] { "submission.viewed", "record.viewed", "submission.filed" })
            await store.AppendAuditAsync(new AuditEntry(clinician.Id, action, patient.Id, $"details of {action}"));
        await store.AppendAuditAsync(new AuditEntry(patient.Id, "signed-in", null, null));
        _ = submitted;
        return new Seeded(patient, carer, clinician);
    }

    /// <summary>What a store says about the seeded people, read only through the port, as one comparable text.</summary>
    private static async Task<string> ReadEverythingAsync(IRecordStore store, Seeded s)
    {
        var twoFactor = (ITwoFactorStore)store;
        var view = new Dictionary<string, object?>
        {
            ["people"] = await store.ListPeopleAsync(),
            ["byUserName"] = await store.FindPersonByUserNameAsync("SAM"),
            ["twoFactor"] = await twoFactor.GetTwoFactorAsync(s.Clinician.Id),
            ["links"] = await store.ListAccountLinksAsync(s.Carer.Id),
            ["drafts"] = await store.ListDraftsAsync(s.Patient.Id),
            ["submissions"] = await store.ListSubmissionsForPatientAsync(s.Patient.Id),
            ["queue"] = await store.ListQueueAsync([SubmissionStatus.New, SubmissionStatus.Filed], 10),
            ["waiting"] = await store.SummariseWaitingAsync(),
            ["entries"] = await store.ListRecordEntriesAsync(s.Patient.Id, includeSuperseded: true),
            ["current"] = await store.ListRecordEntriesAsync(s.Patient.Id),
            ["messages"] = await store.ListMessagesAsync(s.Patient.Id),
            ["grants"] = await store.ListProxyGrantsForPatientAsync(s.Patient.Id),
            ["assignments"] = await store.ListAssignmentsAsync(s.Patient.Id),
            ["alerts"] = await store.ListPlanAlertsAsync(s.Patient.Id),
            ["openAlerts"] = await store.ListOpenPlanAlertsAsync(10),
            ["withCodes"] = await store.ListPatientsWithCodesAsync([new RecordCoding("http://snomed.info/sct", "163030003", "Systolic")]),
            ["ended"] = await store.ListEndedSessionsAsync(DateTimeOffset.UtcNow),
            ["archive"] = await store.GetArchivedQuestionnaireAsync("sha256:abc"),
            ["audit"] = await store.SearchAuditAsync(new AuditQuery(null, null, null, null, 1000)),
            ["verified"] = await store.VerifyAuditAsync(),
        };
        return System.Text.Json.JsonSerializer.Serialize(view, new System.Text.Json.JsonSerializerOptions { WriteIndented = true });
    }

    [Fact]
    public async Task MigrateStore_MovesEverything_SoPostgreSqlReadsBackWhatLiteDbHeld_AndTheAuditChainCarriesOn()
    {
        Seeded seeded;
        string before;
        // A clock that stands still: everything is seeded at one instant, so every list's order rests on its tie-break,
        // which must be the same on both backends (a real clock made that a matter of luck and the test flaky).
        var stoppedClock = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(DateTimeOffset.UtcNow.AddHours(-1));
        using (var liteDb = LiteDbRecordStore.Open(StorePath, null, stoppedClock))
        {
            seeded = await SeedAsync(liteDb);
            before = await ReadEverythingAsync(liteDb, seeded);
        }
        var sourceBytes = await File.ReadAllBytesAsync(StorePath);

        var (exit, output) = await RunningSite.CommandAsync(StorePath, Target, "migrate-store", "--to", "PostgreSql");

        Assert.True(exit == 0, output);
        Assert.Contains("audit trail of 4 events intact, as in the source", output);
        Assert.Contains("submissions: 2", output);
        Assert.Equal(sourceBytes, await File.ReadAllBytesAsync(StorePath)); // the source is only read
        using var postgres = PostgreSqlRecordStore.Open(_database.ConnectionString, TimeProvider.System);
        Assert.Equal(before, await ReadEverythingAsync(postgres, seeded));
        // The queue's reasons came across (worked out by the database as the rows were copied).
        Assert.Contains(await postgres.ListQueueAsync([SubmissionStatus.Filed], 10), r => r.TopReason == "Home average 150/95 or more");

        // The moved store works on: the next audit event chains onto the copied head, a remembered draft key finds its
        // submission, a visit remembers the time it was copied with, and a person still signs in by user name.
        var next = await postgres.AppendAuditAsync(new AuditEntry(seeded.Patient.Id, "signed-in", null, null));
        Assert.Equal(5, next.Sequence);
        Assert.True((await postgres.VerifyAuditAsync()).IsIntact);
        Assert.NotNull(await postgres.RecordVisitAsync(seeded.Patient.Id, "record"));
        Assert.Equal("hash-sam", (await postgres.FindPersonByUserNameAsync("sam"))!.PasswordHash);
    }

    [Fact]
    public async Task MigrateStore_OfTwoPractices_MovesEachPracticesAuditChainIntact_AndEachCarriesOnByItself()
    {
        string hillId;
        IReadOnlyList<AuditEvent> hillBefore, oursBefore;
        var stoppedClock = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(DateTimeOffset.UtcNow.AddHours(-1));
        using (var liteDb = LiteDbRecordStore.Open(StorePath, null, stoppedClock))
        {
            await SeedAsync(liteDb);
            var hill = await liteDb.AddPracticeAsync(new NewPractice("Hill Lane Practice", "Y01234"));
            hillId = hill.Id;
            var patient = await liteDb.AddPersonAsync(new NewPerson(Role.Patient, "Kim Hill", "kim", null, null, null, "hash-kim") { PracticeId = hill.Id });
            var clinician = await liteDb.AddPersonAsync(new NewPerson(Role.Clinician, "Dr Hill", "drhill", null, null, null, "hash-hill") { PracticeId = hill.Id });
            await liteDb.AppendAuditAsync(new AuditEntry(clinician.Id, "record.viewed", patient.Id, "looked"));
            await liteDb.AppendAuditAsync(new AuditEntry(clinician.Id, "signed-in", null, null));
            hillBefore = await liteDb.SearchAuditAsync(new AuditQuery(null, null, null, null) { PracticeId = hill.Id });
            oursBefore = await liteDb.SearchAuditAsync(new AuditQuery(null, null, null, null) { PracticeId = Practice.DefaultId });
        }

        var (exit, output) = await RunningSite.CommandAsync(StorePath, Target, "migrate-store", "--to", "PostgreSql");

        Assert.True(exit == 0, output);
        Assert.Contains("audit trail of 6 events intact, as in the source", output);
        using var postgres = PostgreSqlRecordStore.Open(_database.ConnectionString, TimeProvider.System);
        Assert.Equal(hillBefore, await postgres.SearchAuditAsync(new AuditQuery(null, null, null, null) { PracticeId = hillId }));
        Assert.Equal(oursBefore, await postgres.SearchAuditAsync(new AuditQuery(null, null, null, null) { PracticeId = Practice.DefaultId }));
        Assert.Equal(AuditVerification.Intact(2), await postgres.VerifyAuditAsync(practiceId: hillId));
        Assert.Equal(AuditVerification.Intact(4), await postgres.VerifyAuditAsync(practiceId: Practice.DefaultId));
        Assert.Equal(("Hill Lane Practice", "Y01234"), ((await postgres.GetPracticeAsync(hillId))!.Name, (await postgres.GetPracticeAsync(hillId))!.Code));
        Assert.Equal(hillId, (await postgres.FindPersonByUserNameAsync("kim"))!.PracticeId);
        var next = await postgres.AppendAuditAsync(new AuditEntry(hillBefore[0].ActorId, "signed-in", null, null));
        Assert.Equal((3L, hillId, hillBefore[0].Hash), (next.Sequence, next.PracticeId, next.PreviousHash));
        Assert.Equal(AuditVerification.Intact(7), await postgres.VerifyAuditAsync());
    }

    [Fact]
    public async Task MigrateStore_IntoADatabaseThatHoldsRecords_RefusesAndChangesNothing()
    {
        using (var liteDb = LiteDbRecordStore.Open(StorePath, null, TimeProvider.System))
            await SeedAsync(liteDb);
        Assert.Equal(0, (await RunningSite.CommandAsync(StorePath, Target, "migrate-store", "--to", "PostgreSql")).ExitCode);

        var (exit, output) = await RunningSite.CommandAsync(StorePath, Target, "migrate-store", "--to", "PostgreSql");

        Assert.Equal(1, exit);
        Assert.Contains("already holds records", output);
        Assert.Equal(3L, _database.Scalar<long>("select count(*) from people"));
        Assert.Equal(4L, _database.Scalar<long>("select count(*) from audit_events"));
    }

    [Fact]
    public async Task MigrateStore_FromAStoreWhoseAuditTrailIsBroken_CopiesNothing()
    {
        using (var liteDb = LiteDbRecordStore.Open(StorePath, null, TimeProvider.System))
            await SeedAsync(liteDb);
        using (var raw = new LiteDatabase(new ConnectionString { Filename = StorePath, Connection = ConnectionType.Direct }))
        {
            var audit = raw.GetCollection("audit");
            var doc = audit.FindById(2L);
            doc["details"] = "edited afterwards";
            audit.Update(doc);
        }

        var (exit, output) = await RunningSite.CommandAsync(StorePath, Target, "migrate-store", "--to", "PostgreSql");

        Assert.Equal(1, exit);
        Assert.Contains("does not verify (it breaks at event 2", output);
        Assert.Contains("nothing was copied", output);
        Assert.Equal(0L, _database.Scalar<long>("select count(*) from information_schema.tables where table_schema = $1 and table_name = 'people'", _database.Schema));
    }

    [Fact]
    public async Task MigrateStore_WhenPostgreSqlRefusesARowPartWay_RollsEverythingBack_AndSaysWhy()
    {
        using (var liteDb = LiteDbRecordStore.Open(StorePath, null, TimeProvider.System))
        {
            var seeded = await SeedAsync(liteDb);
            // LiteDB keeps a NUL character; PostgreSQL's text cannot hold one. Messages are copied after people.
            await liteDb.AddMessageAsync(new NewMessage(seeded.Patient.Id, seeded.Clinician.Id, "Odd", "a\0b", null));
        }

        var (exit, output) = await RunningSite.CommandAsync(StorePath, Target, "migrate-store", "--to", "PostgreSql");

        Assert.Equal(1, exit);
        Assert.Contains("failed and was rolled back", output);
        Assert.DoesNotContain("   at ", output); // no stack trace
        Assert.Equal(0L, _database.Scalar<long>("select count(*) from people"));
        Assert.Equal(0L, _database.Scalar<long>("select sequence from audit_head"));
    }

    [Fact]
    public async Task MigrateStore_WithoutATargetOrASource_SaysWhatIsMissing()
    {
        var (noTarget, said) = await RunningSite.CommandAsync(StorePath, "migrate-store");
        Assert.Equal(2, noTarget);
        Assert.Contains("--to PostgreSql", said);

        var (noConnection, saidConnection) = await RunningSite.CommandAsync(StorePath, "migrate-store", "--to", "PostgreSql");
        Assert.Equal(2, noConnection);
        Assert.Contains("ConnectionStrings:Records", saidConnection);

        var (noSource, saidSource) = await RunningSite.CommandAsync(StorePath, Target, "migrate-store", "--to", "PostgreSql",
            "--from", Path.Combine(_folder, "missing.db"));
        Assert.Equal(1, noSource);
        Assert.Contains("there is no LiteDB store", saidSource);
    }

    public void Dispose()
    {
        _database.Dispose();
        Directory.Delete(_folder, recursive: true);
    }
}
