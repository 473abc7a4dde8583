using HistoryEngine.Web.Infrastructure.Records;
using HistoryEngine.Web.Infrastructure.Records.Model;

namespace HistoryEngine.Web.Tests.Records;

public abstract partial class RecordStoreContract
{
    [Fact]
    public async Task AddPerson_ReadBackByIdAndUserName_RoundTripsEveryField()
    {
        var added = await AddPatientAsync("Alex.Smith");

        var byId = await Store.GetPersonAsync(added.Id);
        var byName = await Store.FindPersonByUserNameAsync("  alex.smith ");

        Assert.Equal(added, byId);
        Assert.Equal(added, byName);
        Assert.Equal(new DateOnly(1960, 2, 29), byId!.DateOfBirth);
        Assert.Equal("943 476 5919", byId.NhsNumber);
        Assert.Equal(HistoryEngine.Runtime.PatientSex.Female, byId.Sex);
        Assert.Equal("01632 960000", byId.Phone);
        Assert.Equal(new HistoryEngine.Runtime.PatientContext
        {
            DateOfBirth = new DateOnly(1960, 2, 29), Sex = HistoryEngine.Runtime.PatientSex.Female, Id = byId.Id, Name = byId.DisplayName,
            NhsNumber = "9434765919", // a questionnaire's %patient gets the ten digits, as FHIR writes them
        }, byId.Context);
        Assert.Equal(StoredNow(), byId.CreatedAt);
        AssertUtc(byId.CreatedAt);
        Assert.Null(await Store.GetPersonAsync("nobody"));
    }

    [Fact]
    public async Task AddPerson_SexNotKnown_ReadsBackAsNotKnown()
    {
        var added = await Store.AddPersonAsync(new NewPerson(Role.Patient, "Sam", "sam", null, null, null, "hash"));

        Assert.Null((await Store.GetPersonAsync(added.Id))!.Sex);
        Assert.Equal(HistoryEngine.Runtime.PatientContext.None with { Id = added.Id, Name = "Sam" }, added.Context);
    }

    [Fact]
    public async Task AddPerson_UserNameTakenInAnotherCase_IsDuplicateConflict()
    {
        await AddPatientAsync("sam");

        var e = await Assert.ThrowsAsync<RecordConflictException>(() => AddPatientAsync("SAM"));

        Assert.Equal(ConflictKind.DuplicateUserName, e.Kind);
    }

    [Fact]
    public async Task RecordFailedSignIn_FifthFailure_LocksForTheGivenTimeAndStartsCountingAgain()
    {
        var person = await AddPatientAsync();

        for (var i = 1; i <= 4; i++)
            Assert.Equal(i, (await Store.RecordFailedSignInAsync(person.Id, 5, TimeSpan.FromMinutes(15))).FailedSignIns);
        var locked = await Store.RecordFailedSignInAsync(person.Id, 5, TimeSpan.FromMinutes(15));

        Assert.Equal(0, locked.FailedSignIns);
        Assert.Equal(StoredNow() + TimeSpan.FromMinutes(15), locked.LockoutEnd);
        var reread = await Store.GetPersonAsync(person.Id);
        Assert.Equal(locked.LockoutEnd, reread!.LockoutEnd);
        AssertUtc(reread.LockoutEnd!.Value);
        Assert.True(reread.IsLockedOut(Clock.GetUtcNow()));
        Assert.False(reread.IsLockedOut(Clock.GetUtcNow().AddMinutes(16)));
    }

    [Fact]
    public async Task RecordSuccessfulSignIn_AfterFailures_ClearsCountAndLockout()
    {
        var person = await AddPatientAsync();
        for (var i = 0; i < 6; i++)
            await Store.RecordFailedSignInAsync(person.Id, 5, TimeSpan.FromMinutes(15));

        var cleared = await Store.RecordSuccessfulSignInAsync(person.Id);

        Assert.Equal(0, cleared.FailedSignIns);
        Assert.Null(cleared.LockoutEnd);
        Assert.Equal(cleared, await Store.GetPersonAsync(person.Id));
    }

    [Fact]
    public async Task RecordFailedSignIn_ManyAtOnce_CountsEveryOne()
    {
        var person = await AddPatientAsync();

        await Task.WhenAll(Enumerable.Range(0, 4).Select(_ =>
            Task.Run(() => Store.RecordFailedSignInAsync(person.Id, 100, TimeSpan.FromMinutes(15)))));

        Assert.Equal(4, (await Store.GetPersonAsync(person.Id))!.FailedSignIns);
    }

    [Fact]
    public async Task ListPeople_ByRole_ReturnsOnlyThatRoleByName()
    {
        await AddPatientAsync("b");
        await AddPatientAsync("a");
        await Store.AddPersonAsync(new NewPerson(Role.Clinician, "Dr C", "doc", null, null, null, "hash"));

        var patients = await Store.ListPeopleAsync(Role.Patient);

        Assert.Equal(["Pat a", "Pat b"], patients.Select(p => p.DisplayName));
        Assert.Equal(3, (await Store.ListPeopleAsync()).Count);
    }

    [Fact]
    public async Task SetPasswordHash_UnknownPerson_IsNotFound()
    {
        await Assert.ThrowsAsync<RecordNotFoundException>(() => Store.SetPasswordHashAsync("nobody", "x"));
    }
}
