using HistoryEngine.Web.Infrastructure.Records;
using HistoryEngine.Web.Infrastructure.Records.Model;

namespace HistoryEngine.Web.Tests.Records;

// Messages, proxy grants and questionnaire assignments: the smaller things kept about a patient.
public abstract partial class RecordStoreContract
{
    [Fact]
    public async Task MarkMessageRead_Twice_KeepsTheFirstTime()
    {
        var message = await Store.AddMessageAsync(new NewMessage("p1", "c1", "Your results", "All normal.", null));
        Clock.Advance(TimeSpan.FromHours(2));
        var read = await Store.MarkMessageReadAsync(message.Id);
        Clock.Advance(TimeSpan.FromHours(2));
        var again = await Store.MarkMessageReadAsync(message.Id);

        Assert.Null(message.ReadAt);
        Assert.Equal(read.ReadAt, again.ReadAt);
        var listed = Assert.Single(await Store.ListMessagesAsync("p1"));
        Assert.Equal(read, listed);
        AssertUtc(listed.ReadAt!.Value);
        Assert.Empty(await Store.ListMessagesAsync("p2"));
    }

    [Fact]
    public async Task ProxyGrants_OnceRevoked_NoLongerCountForTheCarer()
    {
        var kept = await Store.AddProxyGrantAsync("p1", "carer", canFill: true, canViewRecord: false);
        var revoked = await Store.AddProxyGrantAsync("p2", "carer", canFill: true, canViewRecord: true);
        Clock.Advance(TimeSpan.FromDays(1));

        var after = await Store.RevokeProxyGrantAsync(revoked.Id);

        Assert.Equal(StoredNow(), after.RevokedAt);
        Assert.Equal([kept], await Store.ListActiveProxyGrantsForCarerAsync("carer"));
        Assert.Equal([after], await Store.ListProxyGrantsForPatientAsync("p2"));
        Assert.Empty(await Store.ListActiveProxyGrantsForCarerAsync("someone-else"));
    }

    [Fact]
    public async Task ProxyGrants_WithAnEnd_CountUntilIt_AndGrantingAgainChangesTheEnd()
    {
        var ends = StoredNow().AddDays(2);
        var grant = await Store.AddProxyGrantAsync("p1", "carer", canFill: true, canViewRecord: false, expiresAt: ends);
        Assert.Equal(ends, grant.ExpiresAt);
        Assert.Equal([grant], await Store.ListActiveProxyGrantsForCarerAsync("carer"));

        Clock.Advance(TimeSpan.FromDays(2) - TimeSpan.FromMilliseconds(1));
        Assert.Equal([grant], await Store.ListActiveProxyGrantsForCarerAsync("carer"));
        Clock.Advance(TimeSpan.FromMilliseconds(1));
        Assert.Empty(await Store.ListActiveProxyGrantsForCarerAsync("carer"));
        Assert.Equal([grant], await Store.ListProxyGrantsForPatientAsync("p1"));

        // Granting again, in a unit of work as the practice does, renews the same grant: new rights, no end.
        var renewed = await Store.WriteAsync(w => w.AddProxyGrant("p1", "carer", true, true, null));
        Assert.Equal((grant.Id, (DateTimeOffset?)null, true), (renewed.Id, renewed.ExpiresAt, renewed.CanViewRecord));
        Assert.Equal([renewed], await Store.ListActiveProxyGrantsForCarerAsync("carer"));
        Assert.Equal([renewed], await Store.ListProxyGrantsForPatientAsync("p1"));
    }

    [Fact]
    public async Task ListAssignments_EarliestDueFirst_UndatedLast()
    {
        var undated = await Store.AddAssignmentAsync(new NewAssignment("p1", "imh", null, "c1"));
        var later = await Store.AddAssignmentAsync(new NewAssignment("p1", "phq9", new DateOnly(2026, 4, 1), "c1"));
        var sooner = await Store.AddAssignmentAsync(new NewAssignment("p1", "home-bp-diary", new DateOnly(2026, 3, 8), "c1"));

        var list = await Store.ListAssignmentsAsync("p1");

        Assert.Equal([sooner, later, undated], list);
        Assert.All(list, a => Assert.Equal(AssignmentStatus.Open, a.Status));
    }

    [Fact]
    public async Task ChangeAssignmentStatus_FromAStaleStatus_IsConflict()
    {
        var a = await Store.AddAssignmentAsync(new NewAssignment("p1", "imh", null, "c1"));
        await Store.ChangeAssignmentStatusAsync(a.Id, AssignmentStatus.Open, AssignmentStatus.Completed);

        var e = await Assert.ThrowsAsync<RecordConflictException>(() =>
            Store.ChangeAssignmentStatusAsync(a.Id, AssignmentStatus.Open, AssignmentStatus.Cancelled));

        Assert.Equal(ConflictKind.StatusMoved, e.Kind);
    }
}
