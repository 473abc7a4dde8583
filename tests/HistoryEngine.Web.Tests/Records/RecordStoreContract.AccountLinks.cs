using HistoryEngine.Web.Infrastructure.Records;
using HistoryEngine.Web.Infrastructure.Records.Model;

namespace HistoryEngine.Web.Tests.Records;

// Issue 15 point 4: registering and editing people, and the one-time links the practice issues, through a unit of work.
public abstract partial class RecordStoreContract
{
    private NewAccountLink Link(string personId, string tokenHash, TimeSpan? lasts = null,
        AccountLinkPurpose purpose = AccountLinkPurpose.Invitation) =>
        new(personId, purpose, tokenHash, "clinician-1", StoredNow() + (lasts ?? TimeSpan.FromDays(7)));

    [Fact]
    public async Task AddPerson_InAUnitOfWork_WithPhone_RoundTrips_AndTheAuditLandsWithIt()
    {
        var added = await Store.WriteAsync(w =>
        {
            var p = w.AddPerson(new NewPerson(Role.Patient, "Pat New", "pat.new", null, new DateOnly(1990, 1, 2), "9990000018", "")
                { Phone = "07700 900123", Sex = HistoryEngine.Runtime.PatientSex.Male });
            w.AppendAudit(new AuditEntry("clinician-1", "person.registered", p.Id, "registered"));
            return p;
        });

        var read = await Store.GetPersonAsync(added.Id);
        Assert.Equal(added, read);
        Assert.Equal("07700 900123", read!.Phone);
        Assert.Single(await Store.ListAuditAsync(added.Id, 10));
    }

    [Fact]
    public async Task AddPerson_InAUnitOfWork_UserNameTaken_IsAConflict_AndNothingIsWritten()
    {
        await AddPatientAsync("taken");
        var auditBefore = (await Store.ListAuditAsync(null, 100)).Count;

        var e = await Assert.ThrowsAsync<RecordConflictException>(() => Store.WriteAsync(w =>
        {
            w.AppendAudit(new AuditEntry("clinician-1", "person.registered", null, "registered"));
            return w.AddPerson(new NewPerson(Role.Patient, "Other", " TAKEN ", null, null, null, ""));
        }));

        Assert.Equal(ConflictKind.DuplicateUserName, e.Kind);
        Assert.Equal(auditBefore, (await Store.ListAuditAsync(null, 100)).Count);
    }

    [Fact]
    public async Task UpdatePersonDetails_ChangesTheDetails_AndKeepsHowTheySignIn()
    {
        var person = await AddPatientAsync("details");
        await Store.RecordFailedSignInAsync(person.Id, 5, TimeSpan.FromMinutes(15));

        var updated = await Store.WriteAsync(w => w.UpdatePersonDetails(person.Id, new PersonDetails("Pat Renamed", null,
            "01632 960001", new DateOnly(1961, 3, 1), "9990000026", HistoryEngine.Runtime.PatientSex.Male)));

        var read = (await Store.GetPersonAsync(person.Id))!;
        Assert.Equal(updated, read);
        Assert.Equal(("Pat Renamed", (string?)null, "01632 960001", new DateOnly(1961, 3, 1), "9990000026", HistoryEngine.Runtime.PatientSex.Male),
            (read.DisplayName, read.Email, read.Phone, read.DateOfBirth, read.NhsNumber, read.Sex));
        Assert.Equal((person.UserName, person.PasswordHash, 1, person.CreatedAt), (read.UserName, read.PasswordHash, read.FailedSignIns, read.CreatedAt));
        await Assert.ThrowsAsync<RecordNotFoundException>(() => Store.WriteAsync(w =>
            w.UpdatePersonDetails("nobody", new PersonDetails("X", null, null, null, null, null))));
    }

    [Fact]
    public async Task IssueAccountLink_KeepsTheHashNotTheLink_AndFindsItByHash()
    {
        var person = await AddPatientAsync("invited");

        var issued = await Store.WriteAsync(w => w.IssueAccountLink(Link(person.Id, "hash-1")));

        Assert.Equal(issued, await Store.FindAccountLinkAsync("hash-1"));
        Assert.Equal((person.Id, AccountLinkPurpose.Invitation, "clinician-1", StoredNow()), (issued.PersonId, issued.Purpose, issued.IssuedById, issued.IssuedAt));
        AssertUtc(issued.ExpiresAt);
        Assert.True(issued.IsOpen(Clock.GetUtcNow()));
        Assert.Null(await Store.FindAccountLinkAsync("hash-2"));
        Assert.Equal([issued], await Store.ListAccountLinksAsync(person.Id));
        await Assert.ThrowsAsync<RecordNotFoundException>(() => Store.WriteAsync(w => w.IssueAccountLink(Link("nobody", "hash-3"))));
    }

    [Fact]
    public async Task UseAccountLink_SetsThePassword_ClearsTheLockout_AndWorksOnce()
    {
        var person = await AddPatientAsync("once");
        for (var i = 0; i < 5; i++)
            await Store.RecordFailedSignInAsync(person.Id, 5, TimeSpan.FromMinutes(15));
        await Store.WriteAsync(w => w.IssueAccountLink(Link(person.Id, "hash-once", purpose: AccountLinkPurpose.PasswordReset)));

        var (after, link) = await Store.WriteAsync(w => w.UseAccountLink("hash-once", "new-hash"));

        Assert.Equal(("new-hash", 0, (DateTimeOffset?)null), (after.PasswordHash, after.FailedSignIns, after.LockoutEnd));
        Assert.Equal(after, await Store.GetPersonAsync(person.Id));
        Assert.Equal(StoredNow(), link.UsedAt);
        var again = await Assert.ThrowsAsync<RecordConflictException>(() => Store.WriteAsync(w => w.UseAccountLink("hash-once", "other-hash")));
        Assert.Equal(ConflictKind.LinkClosed, again.Kind);
        Assert.Equal("new-hash", (await Store.GetPersonAsync(person.Id))!.PasswordHash);
        await Assert.ThrowsAsync<RecordNotFoundException>(() => Store.WriteAsync(w => w.UseAccountLink("no-such-hash", "x")));
    }

    [Fact]
    public async Task UseAccountLink_AtItsExpiry_IsClosed_AndJustBeforeItWorks()
    {
        var person = await AddPatientAsync("expiry");
        await Store.WriteAsync(w => w.IssueAccountLink(Link(person.Id, "hash-late", TimeSpan.FromHours(1))));
        Clock.Advance(TimeSpan.FromHours(1));

        var late = await Assert.ThrowsAsync<RecordConflictException>(() => Store.WriteAsync(w => w.UseAccountLink("hash-late", "x")));

        Assert.Equal(ConflictKind.LinkClosed, late.Kind);
        Assert.Equal("hash", (await Store.GetPersonAsync(person.Id))!.PasswordHash);
        var other = await AddPatientAsync("in-time");
        await Store.WriteAsync(w => w.IssueAccountLink(Link(other.Id, "hash-in-time", TimeSpan.FromHours(1))));
        Clock.Advance(TimeSpan.FromHours(1) - TimeSpan.FromMilliseconds(1));
        Assert.Equal("y", (await Store.WriteAsync(w => w.UseAccountLink("hash-in-time", "y"))).Person.PasswordHash);
    }

    [Fact]
    public async Task IssueAccountLink_CancelsTheEarlierOpenLinks_SoOnlyTheNewestWorks()
    {
        var person = await AddPatientAsync("twice");
        await Store.WriteAsync(w => w.IssueAccountLink(Link(person.Id, "hash-first")));
        Clock.Advance(TimeSpan.FromMinutes(1));
        await Store.WriteAsync(w => w.IssueAccountLink(Link(person.Id, "hash-second", purpose: AccountLinkPurpose.PasswordReset)));

        var first = (await Store.FindAccountLinkAsync("hash-first"))!;
        Assert.Equal(StoredNow(), first.CancelledAt);
        Assert.Equal(ConflictKind.LinkClosed, (await Assert.ThrowsAsync<RecordConflictException>(() =>
            Store.WriteAsync(w => w.UseAccountLink("hash-first", "x")))).Kind);
        Assert.Equal(["hash-second", "hash-first"], (await Store.ListAccountLinksAsync(person.Id)).Select(l => l.TokenHash));
        Assert.Equal("y", (await Store.WriteAsync(w => w.UseAccountLink("hash-second", "y"))).Person.PasswordHash);
    }

    [Fact]
    public async Task SummariseWaiting_CountsNewAndInReviewPerLevel_WithTheOldest_AndLeavesTheRestOut()
    {
        Assert.Empty((await Store.SummariseWaitingAsync()).Levels);
        var oldestUrgent = await AddSubmissionAsync("p1", FlagLevel.Urgent);
        Clock.Advance(TimeSpan.FromMinutes(5));
        var inReview = await AddSubmissionAsync("p2", FlagLevel.Urgent);
        await Store.ChangeSubmissionStatusAsync(inReview.Id, SubmissionStatus.New, SubmissionStatus.InReview, "clinician-1", null);
        await AddSubmissionAsync("p3", FlagLevel.Emergency);
        var filed = await AddSubmissionAsync("p4", FlagLevel.Emergency);
        await Store.FileSubmissionAsync(filed.Id, "clinician-1", []);
        await AddSubmissionAsync("p5", FlagLevel.Routine);

        var summary = await Store.SummariseWaitingAsync();

        Assert.Equal([(FlagLevel.Emergency, 1), (FlagLevel.Urgent, 2), (FlagLevel.Routine, 1)],
            summary.Levels.Select(l => (l.Level, l.Count)));
        Assert.Equal(oldestUrgent.SubmittedAt, summary.Levels.Single(l => l.Level == FlagLevel.Urgent).OldestSubmittedAt);
        Assert.Equal(oldestUrgent.SubmittedAt, summary.OldestSubmittedAt);
        Assert.Equal(4, summary.Total);
        Assert.Equal(0, summary.Count(FlagLevel.Soon));
    }
}
