using HistoryEngine.Web.Infrastructure.Records;
using HistoryEngine.Web.Infrastructure.Records.Model;

namespace HistoryEngine.Web.Tests.Records;

public abstract partial class RecordStoreContract
{
    private async Task AppendAsync(int count)
    {
        for (var i = 1; i <= count; i++)
        {
            await Store.AppendAuditAsync(new AuditEntry("c1", "viewed-submission", i % 2 == 0 ? "p2" : "p1", $"event {i}"));
            Clock.Advance(TimeSpan.FromSeconds(1));
        }
    }

    [Fact]
    public async Task VerifyAudit_OnAnEmptyTrail_IsIntact()
    {
        Assert.Equal(AuditVerification.Intact(0), await Store.VerifyAuditAsync());
    }

    [Fact]
    public async Task AppendAudit_ChainsEachEventToTheOneBefore_AndVerifies()
    {
        var first = await Store.AppendAuditAsync(new AuditEntry("c1", "signed-in", null, null));
        var second = await Store.AppendAuditAsync(new AuditEntry("c1", "viewed-submission", "p1", "HE-AAAA-BBBB"));

        Assert.Equal(1, first.Sequence);
        Assert.Equal(AuditChain.Genesis, first.PreviousHash);
        Assert.Equal(first.Hash, second.PreviousHash);
        Assert.Equal(AuditChain.Hash(second), second.Hash);
        Assert.Equal(StoredNow(), second.At);
        Assert.Equal(AuditVerification.Intact(2), await Store.VerifyAuditAsync());
    }

    [Fact]
    public async Task ListAudit_ForOnePatient_ReturnsTheirEventsNewestFirst()
    {
        await AppendAsync(5);

        var p1 = await Store.ListAuditAsync("p1", 10);
        var latest = await Store.ListAuditAsync(null, 2);

        Assert.Equal([5L, 3L, 1L], p1.Select(e => e.Sequence));
        Assert.Equal([5L, 4L], latest.Select(e => e.Sequence));
        Assert.All(p1, e => AssertUtc(e.At));
    }

    [Fact]
    public async Task VerifyAudit_AfterAnEventIsChanged_ReportsThatEvent()
    {
        await AppendAsync(5);

        TamperWithAuditEvent(3, "nothing to see here");
        var result = await Store.VerifyAuditAsync();

        Assert.False(result.IsIntact);
        Assert.Equal(3, result.FirstBrokenSequence);
    }

    [Fact]
    public async Task VerifyAudit_AfterAMiddleEventIsRemoved_ReportsWhereTheChainBreaks()
    {
        await AppendAsync(5);

        RemoveAuditEvent(2);
        var result = await Store.VerifyAuditAsync();

        Assert.False(result.IsIntact);
        Assert.Equal(2, result.FirstBrokenSequence);
    }

    [Fact]
    public async Task VerifyAudit_AfterTheNewestEventIsRemoved_ReportsTheBreak()
    {
        await AppendAsync(4);

        RemoveAuditEvent(4);
        var result = await Store.VerifyAuditAsync();

        Assert.False(result.IsIntact);
        Assert.Equal(4, result.FirstBrokenSequence);
    }

    [Fact]
    public async Task AppendAudit_ManyAtOnce_KeepsOneUnbrokenChain()
    {
        await Task.WhenAll(Enumerable.Range(0, 8).Select(i =>
            Task.Run(() => Store.AppendAuditAsync(new AuditEntry($"c{i}", "signed-in", null, null)))));

        Assert.Equal(AuditVerification.Intact(8), await Store.VerifyAuditAsync());
    }

    [Fact]
    public async Task VerifyAudit_WhileEventsAreAppended_NeverReportsABreak()
    {
        // The site checks the chain while it serves (at start-up and on the admin pages): an event appended during
        // the check must not look like a missing or an extra one.
        await Store.AppendAuditAsync(new AuditEntry("c1", "signed-in", null, null));
        var appending = Task.Run(async () =>
        {
            for (var i = 0; i < 300; i++)
                await Store.AppendAuditAsync(new AuditEntry("c1", "viewed-submission", "p1", $"event {i}"));
        });
        var checks = new List<AuditVerification>();
        while (!appending.IsCompleted)
            checks.Add(await Task.Run(() => Store.VerifyAuditAsync()));
        await appending;

        Assert.All(checks, c => Assert.True(c.IsIntact, c.Problem));
        Assert.Equal(AuditVerification.Intact(301), await Store.VerifyAuditAsync());
    }
}
