using HistoryEngine.Web.Infrastructure.Records;
using HistoryEngine.Web.Infrastructure.Records.Model;

namespace HistoryEngine.Web.Tests.Records;

// Issue 17 point 4: many practices in one store. Every backend holds the default practice from the start, keeps
// others, and answers the practice-wide lists (the queue, the waiting counts, the open assignments, the search for
// patients, the audit search) for one practice only when asked.
public abstract partial class RecordStoreContract
{
    [Fact]
    public async Task AStore_HasTheDefaultPractice_WhichConfigurationNamesOnce_AndKeepsOthers()
    {
        var unnamed = await Store.GetPracticeAsync(Practice.DefaultId);
        Assert.Equal(Practice.UnnamedName, unnamed!.Name);

        Assert.Equal("Riverside Surgery", (await Store.NameDefaultPracticeAsync("Riverside Surgery")).Name);
        // Once named, the record is the truth: a different configured name does not rename it.
        Assert.Equal("Riverside Surgery", (await Store.NameDefaultPracticeAsync("Another Name")).Name);

        var hill = await Store.AddPracticeAsync(new NewPractice("Hill Lane Practice", "Y01234"));
        Assert.Equal(hill, await Store.GetPracticeAsync(hill.Id));
        Assert.Equal(["Hill Lane Practice", "Riverside Surgery"], (await Store.ListPracticesAsync()).Select(p => p.Name));
        Assert.Null(await Store.GetPracticeAsync("no-such-practice"));
        var e = await Assert.ThrowsAsync<RecordConflictException>(() => Store.AddPracticeAsync(new NewPractice("Copy", "y01234")));
        Assert.Equal(ConflictKind.DuplicatePracticeCode, e.Kind);
    }

    [Fact]
    public async Task APerson_BelongsToOnePractice_AnUnknownPracticeIsRefused_AndUserNamesAreUniqueAcrossPractices()
    {
        var hill = await Store.AddPracticeAsync(new NewPractice("Hill Lane Practice"));
        var here = await AddPatientAsync("sam");
        var there = await Store.AddPersonAsync(new NewPerson(Role.Patient, "Kim", "kim", null, null, null, "hash") { PracticeId = hill.Id });

        Assert.Equal(Practice.DefaultId, here.PracticeId);
        Assert.Equal(hill.Id, (await Store.GetPersonAsync(there.Id))!.PracticeId);
        Assert.Equal(hill.Id, (await Store.FindPersonByUserNameAsync("KIM"))!.PracticeId);
        await Assert.ThrowsAsync<RecordNotFoundException>(() =>
            Store.AddPersonAsync(new NewPerson(Role.Patient, "Lee", "lee", null, null, null, "hash") { PracticeId = "no-such-practice" }));
        var taken = await Assert.ThrowsAsync<RecordConflictException>(() =>
            Store.AddPersonAsync(new NewPerson(Role.Patient, "Sam Two", "SAM", null, null, null, "hash") { PracticeId = hill.Id }));
        Assert.Equal(ConflictKind.DuplicateUserName, taken.Kind);
    }

    [Fact]
    public async Task ThePracticeWideLists_ForOnePractice_HoldOnlyItsPatients_AndWithoutOne_Everyone()
    {
        var hill = await Store.AddPracticeAsync(new NewPractice("Hill Lane Practice"));
        var ours = await AddPatientAsync("ours");
        var theirs = await Store.AddPersonAsync(new NewPerson(Role.Patient, "Theirs", "theirs", null, null, null, "hash") { PracticeId = hill.Id });
        var theirClinician = await Store.AddPersonAsync(new NewPerson(Role.Clinician, "Dr Hill", "dr.hill", null, null, null, "hash") { PracticeId = hill.Id });
        var our = await AddSubmissionAsync(ours.Id, FlagLevel.Routine);
        Clock.Advance(TimeSpan.FromMinutes(1));
        var their = await AddSubmissionAsync(theirs.Id, FlagLevel.Emergency);
        await Store.AddAssignmentAsync(new NewAssignment(ours.Id, "bp-check", new DateOnly(2026, 3, 9), "c1"));
        var theirAssignment = await Store.AddAssignmentAsync(new NewAssignment(theirs.Id, "bp-check", new DateOnly(2026, 3, 9), theirClinician.Id));
        await Store.AppendAuditAsync(new AuditEntry("c1", "record.viewed", ours.Id, null));
        await Store.AppendAuditAsync(new AuditEntry(theirClinician.Id, "record.viewed", theirs.Id, null));
        await Store.AppendAuditAsync(new AuditEntry(theirClinician.Id, "patients.listed", null, "searched"));
        SubmissionStatus[] waiting = [SubmissionStatus.New, SubmissionStatus.InReview];

        Assert.Equal([our.Id], (await Store.ListQueueAsync(waiting, 10, practiceId: Practice.DefaultId)).Select(s => s.Id));
        Assert.Equal([their.Id], (await Store.ListQueueAsync(waiting, 10, practiceId: hill.Id)).Select(s => s.Id));
        Assert.Equal([their.Id, our.Id], (await Store.ListQueueAsync(waiting, 10)).Select(s => s.Id));
        // The first page of one practice is its own even when another practice's submissions come first in the queue.
        Assert.Equal([our.Id], (await Store.ListQueueAsync(waiting, 1, practiceId: Practice.DefaultId)).Select(s => s.Id));

        Assert.Equal([FlagLevel.Routine], (await Store.SummariseWaitingAsync(practiceId: Practice.DefaultId)).Levels.Select(l => l.Level));
        Assert.Equal([FlagLevel.Emergency], (await Store.SummariseWaitingAsync(practiceId: hill.Id)).Levels.Select(l => l.Level));
        Assert.Equal(2, (await Store.SummariseWaitingAsync()).Levels.Count);

        Assert.Equal([theirAssignment.Id], (await Store.ListOpenAssignmentsAsync(practiceId: hill.Id)).Select(a => a.Id));
        Assert.Equal(2, (await Store.ListOpenAssignmentsAsync()).Count);

        Assert.Equal([ours.Id], (await Store.ListPeopleAsync(Role.Patient, practiceId: Practice.DefaultId)).Select(p => p.Id));
        Assert.Equal([theirClinician.Id, theirs.Id], (await Store.ListPeopleAsync(practiceId: hill.Id)).Select(p => p.Id));

        // An event is its patient's practice's, or when about no patient its actor's.
        var hillAudit = await Store.SearchAuditAsync(new AuditQuery(null, null, null, null) { PracticeId = hill.Id });
        Assert.Equal(["patients.listed", "record.viewed"], hillAudit.Select(e => e.Action));
        Assert.All(hillAudit, e => Assert.Equal(theirClinician.Id, e.ActorId));
        Assert.Equal([ours.Id], (await Store.ListAuditAsync(null, 10, practiceId: Practice.DefaultId)).Select(e => e.PatientId));
        Assert.Empty(await Store.SearchAuditAsync(new AuditQuery(ours.Id, null, null, null) { PracticeId = hill.Id }));
    }

    [Fact]
    public async Task EachPractice_HasAnAuditChainOfItsOwn_NumberedFromOne_AndVerifiedOnItsOwn()
    {
        var hill = await Store.AddPracticeAsync(new NewPractice("Hill Lane Practice"));
        var ours = await AddPatientAsync("ours");
        var theirs = await Store.AddPersonAsync(new NewPerson(Role.Patient, "Theirs", "theirs", null, null, null, "hash") { PracticeId = hill.Id });
        var drHill = await Store.AddPersonAsync(new NewPerson(Role.Clinician, "Dr Hill", "dr.hill", null, null, null, "hash") { PracticeId = hill.Id });

        var ours1 = await Store.AppendAuditAsync(new AuditEntry("c1", "record.viewed", ours.Id, null));
        var theirs1 = await Store.AppendAuditAsync(new AuditEntry(drHill.Id, "record.viewed", theirs.Id, null));
        var ours2 = await Store.AppendAuditAsync(new AuditEntry(ours.Id, "signed-in", null, null));
        var theirs2 = await Store.AppendAuditAsync(new AuditEntry(drHill.Id, "signed-in", null, null));

        Assert.Equal((1L, 2L, Practice.DefaultId), (ours1.Sequence, ours2.Sequence, ours2.PracticeId));
        Assert.Equal((1L, 2L, hill.Id), (theirs1.Sequence, theirs2.Sequence, theirs2.PracticeId));
        Assert.Equal(AuditChain.Genesis, theirs1.PreviousHash);
        Assert.Equal(theirs1.Hash, theirs2.PreviousHash);
        Assert.Equal(ours1.Hash, ours2.PreviousHash);
        Assert.Equal(AuditVerification.Intact(2), await Store.VerifyAuditAsync(practiceId: hill.Id));
        Assert.Equal(AuditVerification.Intact(2), await Store.VerifyAuditAsync(practiceId: Practice.DefaultId));
        Assert.Equal(AuditVerification.Intact(4), await Store.VerifyAuditAsync());
        Assert.Equal(AuditVerification.Intact(0), await Store.VerifyAuditAsync(practiceId: "a-practice-with-no-events"));
    }
}
