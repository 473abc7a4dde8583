using System.Text.RegularExpressions;
using HistoryEngine.Web.Infrastructure.Records;
using HistoryEngine.Web.Infrastructure.Records.Model;

namespace HistoryEngine.Web.Tests.Records;

public abstract partial class RecordStoreContract
{
    private static readonly SubmissionStatus[] Waiting = [SubmissionStatus.New, SubmissionStatus.InReview];

    [Fact]
    public async Task AddSubmission_ReadBackByIdAndReference_RoundTripsWithStatusNewAndAReference()
    {
        var added = await AddSubmissionAsync("p1", FlagLevel.Urgent);

        Assert.Matches(new Regex("^HE-[2-9A-Z]{4}-[2-9A-Z]{4}$"), added.Reference);
        Assert.Equal(SubmissionStatus.New, added.Status);
        Assert.Equal(StoredNow(), added.SubmittedAt);
        var byId = await Store.GetSubmissionAsync(added.Id);
        var byReference = await Store.FindSubmissionByReferenceAsync(" " + added.Reference.ToLowerInvariant());
        Assert.Equivalent(added, byId, strict: true);
        Assert.Equivalent(added, byReference, strict: true);
        Assert.Equal(FlagLevel.Urgent, byId!.HighestFlag);
        Assert.Equal("""{"systolic":150}""", byId.AnswersJson);
        AssertUtc(byId.SubmittedAt);
        AssertUtc(byId.History.Single().At);
    }

    [Fact]
    public async Task ListQueue_ReturnsTheQueue_HighestFlagFirstThenOldest()
    {
        var oldRoutine = await AddSubmissionAsync("p1", FlagLevel.Routine);
        Clock.Advance(TimeSpan.FromMinutes(1));
        var urgent = await AddSubmissionAsync("p2", FlagLevel.Urgent);
        Clock.Advance(TimeSpan.FromMinutes(1));
        var newRoutine = await AddSubmissionAsync("p3", FlagLevel.Routine);
        var closed = await AddSubmissionAsync("p4", FlagLevel.Emergency);
        await Store.ChangeSubmissionStatusAsync(closed.Id, SubmissionStatus.New, SubmissionStatus.Closed, "c", null);

        var queue = await Store.ListQueueAsync(Waiting, 10);

        Assert.Equal([urgent.Id, oldRoutine.Id, newRoutine.Id], queue.Select(s => s.Id));
        Assert.Single(await Store.ListQueueAsync(Waiting, 1));
    }

    [Fact]
    public async Task ListQueue_GivesEachRowItsTopReasonAndItsPatient_WithoutTheAnswers()
    {
        var patient = await AddPatientAsync();
        var flagged = await Store.AddSubmissionAsync(new NewSubmission(patient.Id, patient.Id, Bp, """{"systolic":190}""",
            """{"flags":[{"rule":"r1","level":"urgent","clinician":"Systolic 180 or more"},{"rule":"r2","level":"emergency","clinician":"Chest pain now"},{"rule":"r3","level":"emergency","clinician":"Second emergency"}]}""",
            FlagLevel.Emergency));
        Clock.Advance(TimeSpan.FromMinutes(1));
        var quiet = await Store.AddSubmissionAsync(new NewSubmission(patient.Id, patient.Id, Bp, """{"systolic":120}""",
            """{"flags":[]}""", FlagLevel.None));
        var unknown = await AddSubmissionAsync("nobody-stored", FlagLevel.Routine);

        var queue = await Store.ListQueueAsync(Waiting, 10);

        Assert.Equal([flagged.Id, unknown.Id, quiet.Id], queue.Select(r => r.Id));
        var top = queue[0];
        Assert.Equal(new QueuedSubmission(flagged.Id, flagged.Reference, patient.Id, Bp, FlagLevel.Emergency, SubmissionStatus.New,
            flagged.SubmittedAt, "Chest pain now", new QueuedPatient(patient.DisplayName, patient.DateOfBirth, patient.NhsNumber)), top);
        AssertUtc(top.SubmittedAt);
        Assert.Null(queue[2].TopReason);
        Assert.Null(queue[1].Patient);
        Assert.Null(queue[1].TopReason); // flagged, but its result names no flag

        // The row shows the patient as they are now, not as they were when they sent it.
        await Store.WriteAsync(w => w.UpdatePersonDetails(patient.Id, new PersonDetails("Pat Renamed", null, null,
            new DateOnly(1970, 1, 1), null, null)));
        var renamed = (await Store.ListQueueAsync(Waiting, 1)).Single();
        Assert.Equal(new QueuedPatient("Pat Renamed", new DateOnly(1970, 1, 1), null), renamed.Patient);
    }

    [Fact]
    public async Task ListSubmissionsForPatient_ReturnsOnlyTheirs_NewestFirst()
    {
        var first = await AddSubmissionAsync("p1");
        Clock.Advance(TimeSpan.FromDays(1));
        var second = await AddSubmissionAsync("p1");
        await AddSubmissionAsync("p2");

        var mine = await Store.ListSubmissionsForPatientAsync("p1");

        Assert.Equal([second.Id, first.Id], mine.Select(s => s.Id));
    }

    [Fact]
    public async Task ChangeSubmissionStatus_WhenItMovedMeanwhile_IsConflict()
    {
        var s = await AddSubmissionAsync("p1");
        await Store.ChangeSubmissionStatusAsync(s.Id, SubmissionStatus.New, SubmissionStatus.InReview, "c1", null);

        var e = await Assert.ThrowsAsync<RecordConflictException>(() =>
            Store.ChangeSubmissionStatusAsync(s.Id, SubmissionStatus.New, SubmissionStatus.InReview, "c2", null));

        Assert.Equal(ConflictKind.StatusMoved, e.Kind);
    }

    [Fact]
    public async Task ChangeSubmissionStatus_ToAStatusTheWorkflowForbids_IsConflict()
    {
        var s = await AddSubmissionAsync("p1");

        var e = await Assert.ThrowsAsync<RecordConflictException>(() =>
            Store.ChangeSubmissionStatusAsync(s.Id, SubmissionStatus.New, SubmissionStatus.Filed, "c1", null));

        Assert.Equal(ConflictKind.StatusMoved, e.Kind);
        Assert.Equal(SubmissionStatus.New, (await Store.GetSubmissionAsync(s.Id))!.Status);
    }

    [Fact]
    public async Task ChangeSubmissionStatus_KeepsTheHistoryInOrder()
    {
        var s = await AddSubmissionAsync("p1");
        Clock.Advance(TimeSpan.FromMinutes(5));
        await Store.ChangeSubmissionStatusAsync(s.Id, SubmissionStatus.New, SubmissionStatus.InReview, "c1", "opened");
        await Store.ChangeSubmissionStatusAsync(s.Id, SubmissionStatus.InReview, SubmissionStatus.Returned, "c1", "please check");

        var history = (await Store.GetSubmissionAsync(s.Id))!.History;

        Assert.Equal([SubmissionStatus.New, SubmissionStatus.InReview, SubmissionStatus.Returned], history.Select(h => h.To));
        Assert.Equal([null, SubmissionStatus.New, SubmissionStatus.InReview], history.Select(h => h.From));
        Assert.Equal("please check", history[^1].Note);
        Assert.Equal(StoredNow(), history[^1].At);
    }

    [Fact]
    public async Task FileSubmission_AddsTheEntriesWithProvenanceAndMarksItFiled()
    {
        var s = await AddSubmissionAsync("p1");
        await Store.ChangeSubmissionStatusAsync(s.Id, SubmissionStatus.New, SubmissionStatus.InReview, "c1", null);

        var filed = await Store.FileSubmissionAsync(s.Id, "c1", [Entry("p1", "142"), Entry("p1", "88")]);

        Assert.Equal(SubmissionStatus.Filed, filed.Status);
        Assert.Equal(SubmissionStatus.Filed, (await Store.GetSubmissionAsync(s.Id))!.Status);
        var record = await Store.ListRecordEntriesAsync("p1");
        Assert.Equal(["142", "88"], record.Select(e => e.Value).Order());
        Assert.All(record, e => Assert.Equal(s.Id, e.SubmissionId));
        Assert.All(record, e => Assert.Equal("c1", e.FiledBy));
    }

    [Fact]
    public async Task FileSubmission_Twice_IsRefusedAndFilesNothingMore()
    {
        var s = await AddSubmissionAsync("p1");
        await Store.FileSubmissionAsync(s.Id, "c1", [Entry("p1")]);

        var e = await Assert.ThrowsAsync<RecordConflictException>(() =>
            Store.FileSubmissionAsync(s.Id, "c2", [Entry("p1"), Entry("p1")]));

        Assert.Equal(ConflictKind.AlreadyFiled, e.Kind);
        Assert.Single(await Store.ListRecordEntriesAsync("p1"));
    }

    [Fact]
    public async Task FileSubmission_TwoCliniciansAtOnce_ExactlyOneFiles()
    {
        var s = await AddSubmissionAsync("p1");

        var attempts = Enumerable.Range(0, 4).Select(i => Task.Run(async () =>
        {
            try { await Store.FileSubmissionAsync(s.Id, $"c{i}", [Entry("p1")]); return true; }
            catch (RecordConflictException) { return false; }
        }));
        var results = await Task.WhenAll(attempts);

        Assert.Single(results, won => won);
        Assert.Single(await Store.ListRecordEntriesAsync("p1"));
    }

    [Fact]
    public async Task ChangeSubmissionStatus_ClosingAFiledSubmission_IsRefused_AndFilingAgainIsToo()
    {
        var s = await AddSubmissionAsync("p1");
        await Store.FileSubmissionAsync(s.Id, "c1", [Entry("p1")]);

        var close = await Assert.ThrowsAsync<RecordConflictException>(() =>
            Store.ChangeSubmissionStatusAsync(s.Id, SubmissionStatus.Filed, SubmissionStatus.Closed, "c1", null));
        var file = await Assert.ThrowsAsync<RecordConflictException>(() => Store.FileSubmissionAsync(s.Id, "c1", []));

        Assert.Equal(ConflictKind.StatusMoved, close.Kind);
        Assert.Equal(ConflictKind.AlreadyFiled, file.Kind);
        Assert.Equal(SubmissionStatus.Filed, (await Store.GetSubmissionAsync(s.Id))!.Status);
    }

    [Fact]
    public async Task FileSubmission_FromAReturnedSubmission_IsRefusedAndWritesNothing()
    {
        var s = await AddSubmissionAsync("p1");
        await Store.ChangeSubmissionStatusAsync(s.Id, SubmissionStatus.New, SubmissionStatus.InReview, "c1", null);
        await Store.ChangeSubmissionStatusAsync(s.Id, SubmissionStatus.InReview, SubmissionStatus.Returned, "c1", "more please");

        var e = await Assert.ThrowsAsync<RecordConflictException>(() => Store.FileSubmissionAsync(s.Id, "c1", [Entry("p1")]));

        Assert.Equal(ConflictKind.StatusMoved, e.Kind);
        Assert.Empty(await Store.ListRecordEntriesAsync("p1"));
    }

    [Fact]
    public async Task FileSubmission_WithAnEntryForAnotherPatient_IsRefusedAndWritesNothing()
    {
        var s = await AddSubmissionAsync("p1");

        await Assert.ThrowsAsync<ArgumentException>(() =>
            Store.FileSubmissionAsync(s.Id, "c1", [Entry("p1"), Entry("p2")]));

        Assert.Empty(await Store.ListRecordEntriesAsync("p1"));
        Assert.Equal(SubmissionStatus.New, (await Store.GetSubmissionAsync(s.Id))!.Status);
    }
}
