using HistoryEngine.Web.Infrastructure.Records;
using HistoryEngine.Web.Infrastructure.Records.Model;

namespace HistoryEngine.Web.Tests.Records;

public abstract partial class RecordStoreContract
{
    private static NewSubmission FromDraft(string patientId, string answeredBy = "p1") =>
        new(patientId, answeredBy, Bp, """{"a":1}""", """{"complete":true}""", FlagLevel.Urgent);

    [Fact]
    public async Task SubmitDraft_AtItsRevision_StoresTheSubmissionAndDeletesTheDraft()
    {
        var draft = await Store.SaveDraftAsync(new DraftChange("p1", Bp, """{"a":1}""", "p1"), 0);

        var result = await Store.SubmitDraftAsync(FromDraft("p1", answeredBy: "carer-1"), draft.Key, draft.Revision);

        Assert.True(result.IsNew);
        Assert.Null(await Store.GetDraftAsync("p1", Bp.Id));
        var stored = await Store.GetSubmissionAsync(result.Submission.Id);
        Assert.Equal(("p1", "carer-1", FlagLevel.Urgent, SubmissionStatus.New),
            (stored!.PatientId, stored.AnsweredById, stored.HighestFlag, stored.Status));
    }

    [Fact]
    public async Task SubmitDraft_Twice_ReturnsTheFirstSubmissionAndMakesNoSecond()
    {
        var draft = await Store.SaveDraftAsync(new DraftChange("p1", Bp, "{}", "p1"), 0);
        var first = await Store.SubmitDraftAsync(FromDraft("p1"), draft.Key, draft.Revision);

        var again = await Store.SubmitDraftAsync(FromDraft("p1"), draft.Key, draft.Revision);

        Assert.False(again.IsNew);
        Assert.Equal(first.Submission.Id, again.Submission.Id);
        Assert.Single(await Store.ListSubmissionsForPatientAsync("p1"));
    }

    [Fact]
    public async Task SubmitDraft_TwiceAtOnce_MakesExactlyOneSubmission()
    {
        var draft = await Store.SaveDraftAsync(new DraftChange("p1", Bp, "{}", "p1"), 0);

        var results = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ =>
            Task.Run(() => Store.SubmitDraftAsync(FromDraft("p1"), draft.Key, draft.Revision))));

        Assert.Single(results, r => r.IsNew);
        Assert.Single(results.Select(r => r.Submission.Id).Distinct());
        Assert.Single(await Store.ListSubmissionsForPatientAsync("p1"));
    }

    [Fact]
    public async Task SubmitDraft_FromAStaleRevision_IsConflictAndKeepsTheDraft()
    {
        var draft = await Store.SaveDraftAsync(new DraftChange("p1", Bp, "{}", "p1"), 0);
        await Store.SaveDraftAsync(new DraftChange("p1", Bp, """{"a":2}""", "p1"), 1);

        var e = await Assert.ThrowsAsync<RecordConflictException>(() =>
            Store.SubmitDraftAsync(FromDraft("p1"), draft.Key, draft.Revision));

        Assert.Equal(ConflictKind.StaleRevision, e.Kind);
        Assert.Equal("""{"a":2}""", (await Store.GetDraftAsync("p1", Bp.Id))!.AnswersJson);
        Assert.Empty(await Store.ListSubmissionsForPatientAsync("p1"));
    }

    [Fact]
    public async Task SubmitDraft_ANewDraftAfterSubmitting_HasANewKeyAndSubmitsSeparately()
    {
        var first = await Store.SaveDraftAsync(new DraftChange("p1", Bp, "{}", "p1"), 0);
        await Store.SubmitDraftAsync(FromDraft("p1"), first.Key, first.Revision);

        var next = await Store.SaveDraftAsync(new DraftChange("p1", Bp, "{}", "p1"), 0);
        var result = await Store.SubmitDraftAsync(FromDraft("p1"), next.Key, next.Revision);

        Assert.NotEqual(first.Key, next.Key);
        Assert.True(result.IsNew);
        Assert.Equal(2, (await Store.ListSubmissionsForPatientAsync("p1")).Count);
    }

    [Fact]
    public async Task SubmitDraft_AnotherPatientsDraftKey_IsConflict()
    {
        var draft = await Store.SaveDraftAsync(new DraftChange("p1", Bp, "{}", "p1"), 0);
        await Store.SubmitDraftAsync(FromDraft("p1"), draft.Key, draft.Revision);

        await Assert.ThrowsAsync<RecordConflictException>(() =>
            Store.SubmitDraftAsync(FromDraft("p2"), draft.Key, draft.Revision));
    }

    [Fact]
    public async Task SaveDraft_KeepsItsKeyAcrossSaves()
    {
        var first = await Store.SaveDraftAsync(new DraftChange("p1", Bp, "{}", "p1"), 0);
        var second = await Store.SaveDraftAsync(new DraftChange("p1", Bp, "{}", "p1"), 1);

        Assert.Equal(first.Key, second.Key);
        Assert.False(string.IsNullOrWhiteSpace(first.Key));
    }
}
