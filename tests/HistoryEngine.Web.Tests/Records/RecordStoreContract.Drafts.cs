using HistoryEngine.Web.Infrastructure.Records;
using HistoryEngine.Web.Infrastructure.Records.Model;

namespace HistoryEngine.Web.Tests.Records;

public abstract partial class RecordStoreContract
{
    private static DraftChange Change(string patientId, string answers) => new(patientId, Bp, answers, patientId);

    [Fact]
    public async Task SaveDraft_NewThenUpdated_RaisesTheRevisionAndRoundTrips()
    {
        var first = await Store.SaveDraftAsync(Change("p1", """{"a":1}"""), expectedRevision: 0);
        Clock.Advance(TimeSpan.FromMinutes(3));
        var second = await Store.SaveDraftAsync(Change("p1", """{"a":2}"""), expectedRevision: 1);

        Assert.Equal(1, first.Revision);
        Assert.Equal(2, second.Revision);
        var read = await Store.GetDraftAsync("p1", Bp.Id);
        Assert.Equal(second, read);
        Assert.Equal(Bp, read!.Questionnaire);
        Assert.Equal(StoredNow(), read.UpdatedAt);
        AssertUtc(read.UpdatedAt);
    }

    [Fact]
    public async Task SaveDraft_OverTheSizeLimit_IsRefused_AndTheDraftStaysAsItWas()
    {
        var kept = await Store.SaveDraftAsync(Change("p1", """{"a":1}"""), 0);
        var huge = $$"""{"story":"{{new string('x', Draft.MaxAnswersBytes)}}"}""";

        var e = await Assert.ThrowsAsync<RecordTooLargeException>(() => Store.SaveDraftAsync(Change("p1", huge), 1));

        Assert.True(e.Bytes > Draft.MaxAnswersBytes);
        Assert.Equal(kept, await Store.GetDraftAsync("p1", Bp.Id));
        await Assert.ThrowsAsync<RecordTooLargeException>(() => Store.SaveDraftAsync(Change("p2", huge), 0));
        Assert.Null(await Store.GetDraftAsync("p2", Bp.Id));
        // Just under the limit is a draft like any other.
        var under = $$"""{"story":"{{new string('x', Draft.MaxAnswersBytes - 20)}}"}""";
        Assert.Equal(2, (await Store.SaveDraftAsync(Change("p1", under), 1)).Revision);
    }

    [Fact]
    public async Task SaveDraft_FromAStaleRevision_IsConflictAndKeepsTheNewerAnswers()
    {
        await Store.SaveDraftAsync(Change("p1", """{"a":1}"""), 0);
        await Store.SaveDraftAsync(Change("p1", """{"a":2}"""), 1);

        var e = await Assert.ThrowsAsync<RecordConflictException>(() =>
            Store.SaveDraftAsync(Change("p1", """{"a":"stale"}"""), 1));

        Assert.Equal(ConflictKind.StaleRevision, e.Kind);
        Assert.Equal("""{"a":2}""", (await Store.GetDraftAsync("p1", Bp.Id))!.AnswersJson);
    }

    [Fact]
    public async Task SaveDraft_AsNewWhenOneExists_IsConflict()
    {
        await Store.SaveDraftAsync(Change("p1", "{}"), 0);

        var e = await Assert.ThrowsAsync<RecordConflictException>(() => Store.SaveDraftAsync(Change("p1", "{}"), 0));

        Assert.Equal(ConflictKind.StaleRevision, e.Kind);
    }

    [Fact]
    public async Task SaveDraft_TwoSavesFromTheSameRevisionAtOnce_ExactlyOneWins()
    {
        await Store.SaveDraftAsync(Change("p1", "{}"), 0);

        var attempts = Enumerable.Range(0, 4).Select(i => Task.Run(async () =>
        {
            try { await Store.SaveDraftAsync(Change("p1", $$"""{"n":{{i}}}"""), 1); return true; }
            catch (RecordConflictException) { return false; }
        }));
        var results = await Task.WhenAll(attempts);

        Assert.Single(results, won => won);
        Assert.Equal(2, (await Store.GetDraftAsync("p1", Bp.Id))!.Revision);
    }

    [Fact]
    public async Task DeleteDraft_AtTheCurrentRevision_RemovesIt_ButAStaleDeleteIsRefused()
    {
        await Store.SaveDraftAsync(Change("p1", "{}"), 0);
        await Store.SaveDraftAsync(Change("p1", "{}"), 1);

        await Assert.ThrowsAsync<RecordConflictException>(() => Store.DeleteDraftAsync("p1", Bp.Id, 1));
        await Store.DeleteDraftAsync("p1", Bp.Id, 2);

        Assert.Null(await Store.GetDraftAsync("p1", Bp.Id));
    }

    [Fact]
    public async Task ListDrafts_ReturnsOnlyThatPatientsDrafts_NewestFirst()
    {
        await Store.SaveDraftAsync(Change("p1", "{}"), 0);
        Clock.Advance(TimeSpan.FromSeconds(1));
        await Store.SaveDraftAsync(Change("p1", "{}") with { Questionnaire = Bp with { Id = "imh" } }, 0);
        await Store.SaveDraftAsync(Change("p2", "{}"), 0);

        var drafts = await Store.ListDraftsAsync("p1");

        Assert.Equal(["imh", Bp.Id], drafts.Select(d => d.Questionnaire.Id));
    }
}
