using HistoryEngine.Web.Infrastructure.Records.Model;

namespace HistoryEngine.Web.Tests.Records;

// What the clinician side needs beyond submissions themselves: visits, open assignments, audit search.
public abstract partial class RecordStoreContract
{
    [Fact]
    public async Task RecordVisit_ReturnsThePreviousVisit_PerPersonAndPlace()
    {
        var first = await Store.RecordVisitAsync("c1", "queue");
        var firstAt = StoredNow();
        Clock.Advance(TimeSpan.FromMinutes(3));
        var second = await Store.RecordVisitAsync("c1", "queue");
        var other = await Store.RecordVisitAsync("c2", "queue");
        var elsewhere = await Store.RecordVisitAsync("c1", "elsewhere");

        Assert.Null(first);
        Assert.Equal(firstAt, second);
        AssertUtc(second!.Value);
        Assert.Null(other);
        Assert.Null(elsewhere);
    }

    [Fact]
    public async Task EndedSessions_AreListedUntilTheirCookiesWouldHaveExpired_ThenForgotten()
    {
        var now = Clock.GetUtcNow();
        await Store.EndSessionAsync("s1", now + TimeSpan.FromHours(1));
        await Store.EndSessionAsync("s2", now + TimeSpan.FromHours(8));

        Assert.Equal(["s1", "s2"], (await Store.ListEndedSessionsAsync(now)).Keys.Order());
        Assert.Equal(["s2"], (await Store.ListEndedSessionsAsync(now + TimeSpan.FromHours(2))).Keys);

        Clock.Advance(TimeSpan.FromHours(2));
        await Store.EndSessionAsync("s3", Clock.GetUtcNow() + TimeSpan.FromHours(8));
        Assert.Equal(["s2", "s3"], (await Store.ListEndedSessionsAsync(now)).Keys.Order());
    }

    [Fact]
    public async Task ListOpenAssignments_AcrossPatients_EarliestDueFirst_OpenOnly()
    {
        var late = await Store.AddAssignmentAsync(new NewAssignment("p1", "bp-check", new DateOnly(2026, 3, 9), "c1"));
        var early = await Store.AddAssignmentAsync(new NewAssignment("p2", "phq9", new DateOnly(2026, 3, 2), "c1"));
        var undated = await Store.AddAssignmentAsync(new NewAssignment("p2", "gad7", null, "c1"));
        var done = await Store.AddAssignmentAsync(new NewAssignment("p1", "auditc", new DateOnly(2026, 3, 1), "c1"));
        await Store.ChangeAssignmentStatusAsync(done.Id, AssignmentStatus.Open, AssignmentStatus.Completed);

        var open = await Store.ListOpenAssignmentsAsync();

        Assert.Equal([early.Id, late.Id, undated.Id], open.Select(a => a.Id));
    }

    [Fact]
    public async Task SearchAudit_ByPatientActorAndTime_NewestFirst()
    {
        var start = StoredNow();
        await Store.AppendAuditAsync(new AuditEntry("c1", "submission.viewed", "p1", "a"));
        Clock.Advance(TimeSpan.FromHours(1));
        await Store.AppendAuditAsync(new AuditEntry("c2", "submission.viewed", "p1", "b"));
        Clock.Advance(TimeSpan.FromHours(1));
        await Store.AppendAuditAsync(new AuditEntry("c1", "record.viewed", "p2", "c"));
        await Store.AppendAuditAsync(new AuditEntry("c1", "queue.viewed", null, "d"));

        var byPatient = await Store.SearchAuditAsync(new AuditQuery("p1", null, null, null));
        var byActor = await Store.SearchAuditAsync(new AuditQuery(null, "c1", null, null));
        var inWindow = await Store.SearchAuditAsync(new AuditQuery(null, null, start.AddMinutes(30), start.AddMinutes(90)));
        var both = await Store.SearchAuditAsync(new AuditQuery("p1", "c1", start, start.AddDays(1)));
        var limited = await Store.SearchAuditAsync(new AuditQuery(null, null, null, null, Limit: 2));

        Assert.Equal(["b", "a"], byPatient.Select(e => e.Details));
        Assert.Equal(["d", "c", "a"], byActor.Select(e => e.Details));
        Assert.Equal(["b"], inWindow.Select(e => e.Details));
        Assert.Equal(["a"], both.Select(e => e.Details));
        Assert.Equal(["d", "c"], limited.Select(e => e.Details));
    }
}
