using HistoryEngine.Web.Infrastructure.Records;
using HistoryEngine.Web.Infrastructure.Records.Model;

namespace HistoryEngine.Web.Tests.Records;

// Issue 19: what a care plan asks of the practice. Its background step assigns the yearly review under a key, and
// raises its flags as alerts under a key; every backend keeps each key once per patient, however often it is asked.
public abstract partial class RecordStoreContract
{
    private static NewPlanAlert Alert(string patientId, string key, FlagLevel level = FlagLevel.Soon, string rule = "above-target-twice") =>
        new(patientId, "hypertension", "Your high blood pressure care plan", rule, level, $"Reason {key}", "NICE NG136", key);

    [Fact]
    public async Task AKeyedAssignment_IsMadeOncePerPatientAndKey_EvenAfterTheFirstWasCancelled()
    {
        var pat = await AddPatientAsync("pat");
        var kim = await AddPatientAsync("kim");
        NewAssignment Review(string patientId, string key) =>
            new(patientId, "hypertension-review", DateOnly.Parse(key[^10..]), "care-plan:hypertension") { Key = key };

        var first = await Store.WriteAsync(w => w.AddAssignmentOnce(Review(pat.Id, "hypertension/review/2027-03-01")));
        Assert.NotNull(first);
        Assert.Equal("hypertension/review/2027-03-01", first!.Key);
        Assert.Null(await Store.WriteAsync(w => w.AddAssignmentOnce(Review(pat.Id, "hypertension/review/2027-03-01"))));
        // Another patient's same key, and the same patient's next due date, are their own.
        Assert.NotNull(await Store.WriteAsync(w => w.AddAssignmentOnce(Review(kim.Id, "hypertension/review/2027-03-01"))));
        await Store.WriteAsync(w => w.ChangeAssignmentStatus(first.Id, AssignmentStatus.Open, AssignmentStatus.Cancelled));
        Assert.Null(await Store.WriteAsync(w => w.AddAssignmentOnce(Review(pat.Id, "hypertension/review/2027-03-01"))));
        Assert.NotNull(await Store.WriteAsync(w => w.AddAssignmentOnce(Review(pat.Id, "hypertension/review/2028-03-01"))));

        var mine = await Store.ListAssignmentsAsync(pat.Id);
        Assert.Equal(["hypertension/review/2027-03-01", "hypertension/review/2028-03-01"], mine.Select(a => a.Key));
        // An assignment a clinician makes has no key, and any number of them may be open.
        await Store.AddAssignmentAsync(new NewAssignment(pat.Id, "phq9", null, "c1"));
        await Store.AddAssignmentAsync(new NewAssignment(pat.Id, "phq9", null, "c1"));
        Assert.Equal(2, (await Store.ListAssignmentsAsync(pat.Id)).Count(a => a.Key is null));
    }

    [Fact]
    public async Task AKeyedAssignment_AskedForFromManyWritersAtOnce_LandsOnce()
    {
        var pat = await AddPatientAsync("pat");
        var made = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() => Store.WriteAsync(w =>
            w.AddAssignmentOnce(new NewAssignment(pat.Id, "hypertension-review", new DateOnly(2027, 3, 1), "care-plan:hypertension")
                { Key = "hypertension/review/2027-03-01" })))));
        Assert.Single(made, a => a is not null);
        Assert.Single(await Store.ListAssignmentsAsync(pat.Id));
    }

    [Fact]
    public async Task APlanAlert_IsRaisedOncePerKey_ListedOpenHighestFirst_AndReviewedOnce()
    {
        var pat = await AddPatientAsync("pat");
        var kim = await AddPatientAsync("kim");
        var soon = await Store.WriteAsync(w => w.RaisePlanAlert(Alert(pat.Id, "k1")));
        Assert.NotNull(soon);
        Assert.Null(await Store.WriteAsync(w => w.RaisePlanAlert(Alert(pat.Id, "k1"))));
        Clock.Advance(TimeSpan.FromMinutes(1));
        var routine = await Store.WriteAsync(w => w.RaisePlanAlert(Alert(kim.Id, "k1", FlagLevel.Routine, "review-overdue")));
        Clock.Advance(TimeSpan.FromMinutes(1));
        var urgent = await Store.WriteAsync(w => w.RaisePlanAlert(Alert(kim.Id, "k2", FlagLevel.Urgent, "diary-flagged-urgent")));

        Assert.Equal([urgent!.Id, soon!.Id, routine!.Id], (await Store.ListOpenPlanAlertsAsync(10)).Select(a => a.Id));
        Assert.Equal([urgent.Id], (await Store.ListOpenPlanAlertsAsync(1)).Select(a => a.Id));
        Assert.Equal(soon, (await Store.ListOpenPlanAlertsAsync(10)).Single(a => a.Id == soon.Id));
        AssertUtc(soon.RaisedAt);

        var reviewed = await Store.WriteAsync(w => w.ReviewPlanAlert(soon.Id, "c1"));
        Assert.Equal(("c1", StoredNow()), (reviewed.ReviewedBy, reviewed.ReviewedAt!.Value));
        Assert.False(reviewed.IsOpen);
        Assert.Equal([urgent.Id, routine.Id], (await Store.ListOpenPlanAlertsAsync(10)).Select(a => a.Id));
        var again = await Assert.ThrowsAsync<RecordConflictException>(() => Store.WriteAsync(w => w.ReviewPlanAlert(soon.Id, "c2")));
        Assert.Equal(ConflictKind.StatusMoved, again.Kind);
        await Assert.ThrowsAsync<RecordNotFoundException>(() => Store.WriteAsync(w => w.ReviewPlanAlert("no-such-alert", "c1")));
        // A reviewed alert's key is spent: the same reason is not raised again; a new reason is.
        Assert.Null(await Store.WriteAsync(w => w.RaisePlanAlert(Alert(pat.Id, "k1"))));
        Assert.NotNull(await Store.WriteAsync(w => w.RaisePlanAlert(Alert(pat.Id, "k3"))));
        Assert.Equal([reviewed], (await Store.ListPlanAlertsAsync(pat.Id)).Where(a => a.Id == soon.Id));
        Assert.Equal(2, (await Store.ListPlanAlertsAsync(pat.Id)).Count);
    }

    [Fact]
    public async Task TheOpenPlanAlerts_OfOnePractice_HoldOnlyItsPatients()
    {
        var hill = await Store.AddPracticeAsync(new NewPractice("Hill Lane Practice"));
        var ours = await AddPatientAsync("ours");
        var theirs = await Store.AddPersonAsync(new NewPerson(Role.Patient, "Theirs", "theirs", null, null, null, "hash") { PracticeId = hill.Id });
        var our = await Store.WriteAsync(w => w.RaisePlanAlert(Alert(ours.Id, "k")));
        var their = await Store.WriteAsync(w => w.RaisePlanAlert(Alert(theirs.Id, "k", FlagLevel.Urgent)));

        Assert.Equal([our!.Id], (await Store.ListOpenPlanAlertsAsync(10, practiceId: Practice.DefaultId)).Select(a => a.Id));
        Assert.Equal([their!.Id], (await Store.ListOpenPlanAlertsAsync(10, practiceId: hill.Id)).Select(a => a.Id));
        Assert.Equal([their.Id, our.Id], (await Store.ListOpenPlanAlertsAsync(10)).Select(a => a.Id));
    }

    [Fact]
    public async Task ThePatientsWithCodes_AreThoseWithACurrentEntryHoldingOneInAnyCoding()
    {
        var primary = await AddPatientAsync("primary");
        var secondary = await AddPatientAsync("secondary");
        var corrected = await AddPatientAsync("corrected");
        var other = await AddPatientAsync("other");
        const string Sct = "http://snomed.info/sct";
        await Store.FileSubmissionAsync((await AddSubmissionAsync(primary.Id)).Id, "c1",
            [new NewRecordEntry(primary.Id, Sct, "38341003", "Hypertensive disorder", null, null, "c1", null, null)]);
        await Store.FileSubmissionAsync((await AddSubmissionAsync(secondary.Id)).Id, "c1",
            [new NewRecordEntry(secondary.Id, "http://example.org/local", "HT1", "Local hypertension", null, null, "c1", null, null)
            {
                Codings = new RecordCodings([new("http://example.org/local", "HT1", "Local hypertension"), new(Sct, "38341003", "Hypertensive disorder")]),
            }]);
        await Store.FileSubmissionAsync((await AddSubmissionAsync(corrected.Id)).Id, "c1",
            [new NewRecordEntry(corrected.Id, Sct, "38341003", "Hypertensive disorder", null, null, "c1", null, null)]);
        var wrong = (await Store.ListRecordEntriesAsync(corrected.Id)).Single();
        await Store.WriteAsync(w => w.SupersedeRecordEntry(wrong.Id,
            new NewRecordEntry(corrected.Id, Sct, "73211009", "Diabetes mellitus", null, null, "c1", null, null)));
        // The same code in another system is not the code.
        await Store.FileSubmissionAsync((await AddSubmissionAsync(other.Id)).Id, "c1",
            [new NewRecordEntry(other.Id, "http://loinc.org", "38341003", "Not it", null, null, "c1", null, null)]);

        var found = await Store.ListPatientsWithCodesAsync(
            [new RecordCoding(Sct, "38341003", "Hypertensive disorder"), new RecordCoding(Sct, "59621000", "Essential hypertension")]);
        Assert.Equal(new[] { primary.Id, secondary.Id }.Order(StringComparer.Ordinal), found);
        Assert.Empty(await Store.ListPatientsWithCodesAsync([]));
    }
}
