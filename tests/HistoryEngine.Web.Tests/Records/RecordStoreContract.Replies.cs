using HistoryEngine.Web.Infrastructure.Records;
using HistoryEngine.Web.Infrastructure.Records.Model;

namespace HistoryEngine.Web.Tests.Records;

// Issue 15 point 6: a submission returned to the patient, the pages the clinician asked about, and the draft and new
// submission that answer it, each naming the returned one.
public abstract partial class RecordStoreContract
{
    [Fact]
    public async Task Return_WithPages_KeepsThePagesInTheStatusHistory_AndReadsThemBack()
    {
        var s = await AddSubmissionAsync("p1");
        await Store.WriteAsync(w => w.ChangeSubmissionStatus(s.Id, SubmissionStatus.New, SubmissionStatus.InReview, "gp", null));

        var returned = await Store.WriteAsync(w => w.ChangeSubmissionStatus(s.Id, SubmissionStatus.InReview,
            SubmissionStatus.Returned, "gp", "Which arm?", new PageIds(["start", "symptoms.page-1"])));

        var stored = (await Store.GetSubmissionAsync(s.Id))!;
        Assert.Equal(["start", "symptoms.page-1"], stored.ReturnedPages);
        Assert.Equal(["start", "symptoms.page-1"], stored.History[^1].Pages);
        Assert.Equal(returned.History, stored.History);
        Assert.Empty(stored.History[0].Pages);
    }

    [Fact]
    public async Task Return_WithoutPages_HasNone()
    {
        var s = await AddSubmissionAsync("p1");
        await Store.WriteAsync(w => w.ChangeSubmissionStatus(s.Id, SubmissionStatus.New, SubmissionStatus.InReview, "gp", null));
        await Store.ChangeSubmissionStatusAsync(s.Id, SubmissionStatus.InReview, SubmissionStatus.Returned, "gp", "More please");

        var stored = (await Store.GetSubmissionAsync(s.Id))!;

        Assert.Empty(stored.ReturnedPages);
        Assert.Equal("More please", stored.History[^1].Note);
    }

    [Fact]
    public async Task ADraftThatAnswersAReturn_SaysSo_OnEverySaveThatSaysSo_AndInTheList()
    {
        var first = await Store.SaveDraftAsync(new DraftChange("p1", Bp, "{}", "p1") { RepliesTo = "returned-1" }, 0);
        var again = await Store.SaveDraftAsync(new DraftChange("p1", Bp, """{"a":1}""", "p1") { RepliesTo = "returned-1" }, 1);

        Assert.Equal("returned-1", first.RepliesTo);
        Assert.Equal("returned-1", again.RepliesTo);
        Assert.Equal("returned-1", (await Store.GetDraftAsync("p1", Bp.Id))!.RepliesTo);
        Assert.Equal("returned-1", Assert.Single(await Store.ListDraftsAsync("p1")).RepliesTo);
    }

    [Fact]
    public async Task ADraftSavedWithoutALink_HasNone_AndASaveCanLinkIt()
    {
        var plain = await Store.SaveDraftAsync(new DraftChange("p1", Bp, "{}", "p1"), 0);
        Assert.Null(plain.RepliesTo);
        Assert.Null((await Store.GetDraftAsync("p1", Bp.Id))!.RepliesTo);

        await Store.SaveDraftAsync(new DraftChange("p1", Bp, "{}", "p1") { RepliesTo = "returned-2" }, 1);

        Assert.Equal("returned-2", (await Store.GetDraftAsync("p1", Bp.Id))!.RepliesTo);
    }

    [Fact]
    public async Task ASubmissionThatAnswersAReturn_NamesIt_WhenAddedAndWhenMadeFromADraft()
    {
        var returned = await AddSubmissionAsync("p1");
        var added = await Store.AddSubmissionAsync(new NewSubmission("p1", "p1", Bp, "{}", "{}", FlagLevel.None) { RepliesTo = returned.Id });
        var draft = await Store.SaveDraftAsync(new DraftChange("p1", Bp, "{}", "p1") { RepliesTo = returned.Id }, 0);
        var sent = await Store.SubmitDraftAsync(FromDraft("p1") with { RepliesTo = returned.Id }, draft.Key, draft.Revision);

        Assert.Equal(returned.Id, added.RepliesTo);
        Assert.Equal(returned.Id, (await Store.GetSubmissionAsync(added.Id))!.RepliesTo);
        Assert.Equal(returned.Id, (await Store.GetSubmissionAsync(sent.Submission.Id))!.RepliesTo);
        Assert.Equal(returned.Id, (await Store.FindSubmissionByReferenceAsync(sent.Submission.Reference))!.RepliesTo);
        var listed = await Store.ListSubmissionsForPatientAsync("p1");
        Assert.Equal(new[] { added.Id, sent.Submission.Id }.Order(), listed.Where(x => x.RepliesTo == returned.Id).Select(x => x.Id).Order());
        Assert.Null(listed.Single(x => x.Id == returned.Id).RepliesTo);
    }

    [Fact]
    public async Task TheLink_SurvivesAStatusChangeOfTheAnswer()
    {
        var returned = await AddSubmissionAsync("p1");
        var answer = await Store.AddSubmissionAsync(new NewSubmission("p1", "p1", Bp, "{}", "{}", FlagLevel.None) { RepliesTo = returned.Id });

        await Store.ChangeSubmissionStatusAsync(answer.Id, SubmissionStatus.New, SubmissionStatus.InReview, "gp", null);
        await Store.FileSubmissionAsync(answer.Id, "gp", [Entry("p1")]);

        var stored = (await Store.GetSubmissionAsync(answer.Id))!;
        Assert.Equal(SubmissionStatus.Filed, stored.Status);
        Assert.Equal(returned.Id, stored.RepliesTo);
        Assert.Contains(await Store.ListQueueAsync([SubmissionStatus.Filed], 10),
            x => x.Id == answer.Id);
    }
}
