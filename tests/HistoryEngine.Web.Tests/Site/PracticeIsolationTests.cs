using System.Net;
using HistoryEngine.Web.Infrastructure.Questionnaires;
using HistoryEngine.Web.Infrastructure.Records.Model;
using Microsoft.Extensions.DependencyInjection;

namespace HistoryEngine.Web.Tests.Site;

/// <summary>
/// Issue 17 point 4: two practices in one store. A clinician sees only their own practice's patients: not another
/// practice's submissions in the queue, nor its patients in a search, nor their pages (a 404, as for an id that does
/// not exist); a patient the practice registers is registered there; each practice's pages carry its own name.
/// </summary>
[Collection(SharedSite.Collection)]
public class PracticeIsolationTests(SharedSite site)
{
    private async Task<(Practice Practice, Person Patient, Submission Submission)> OtherPracticeAsync()
    {
        var practice = await site.Store.AddPracticeAsync(new NewPractice(TestSite.UniqueName("Hill Lane Practice")));
        var patient = await site.AddPersonAsync(Role.Patient, TestSite.UniqueName("hillpatient"), practice.Id);
        var submission = await site.Store.AddSubmissionAsync(new NewSubmission(patient.Id, patient.Id,
            QuestionnaireCatalog.RefTo(site.Services.GetRequiredService<QuestionnaireCatalog>().Get("test-bp")!),
            """{"arm":"left"}""", """{"flags":[]}""", FlagLevel.Emergency));
        return (practice, patient, submission);
    }

    [Fact]
    public async Task AClinician_DoesNotSeeAnotherPracticesPatients_InTheQueue_TheSearch_OrTheirPages()
    {
        var (_, theirPatient, theirSubmission) = await OtherPracticeAsync();
        var ours = await site.SignedInAsync(Role.Clinician, TestSite.UniqueName("ourclinician"));

        var (_, queue) = await Forms.GetAsync(ours, "/Clinician?status=all");
        Assert.DoesNotContain(theirSubmission.Reference, queue);
        var (_, search) = await Forms.GetAsync(ours, "/Clinician/Patients?q=" + Uri.EscapeDataString(theirPatient.DisplayName));
        Assert.DoesNotContain(theirPatient.Id, search);
        Assert.Equal(HttpStatusCode.NotFound, (await ours.GetAsync($"/Clinician/Patient/{theirPatient.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await ours.GetAsync($"/Clinician/Submission/{theirSubmission.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await ours.GetAsync($"/fhir/Patient/{theirPatient.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await ours.GetAsync($"/fhir/QuestionnaireResponse/{theirSubmission.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await ours.GetAsync($"/fhir/Observation?patient={theirPatient.Id}")).StatusCode);
    }

    [Fact]
    public async Task TheOtherPracticesClinician_SeesTheirOwn_UnderTheirPracticesName_AndNothingOfOurs()
    {
        var (practice, theirPatient, theirSubmission) = await OtherPracticeAsync();
        var ourPatient = await site.AddPersonAsync(Role.Patient, TestSite.UniqueName("ourpatient"));
        var (theirs, _) = await site.SignedInPersonAsync(Role.Clinician, TestSite.UniqueName("hillclinician"), practice.Id);

        var (_, queue) = await Forms.GetAsync(theirs, "/Clinician");
        Assert.Contains(theirSubmission.Reference, queue);
        Assert.Contains($"<span class=\"nhsuk-header__service-name\">{practice.Name}</span>", queue);
        var (_, found) = await Forms.GetAsync(theirs, "/Clinician/Patients?q=" + Uri.EscapeDataString(theirPatient.DisplayName));
        Assert.Contains(theirPatient.Id, found);
        var (_, notFound) = await Forms.GetAsync(theirs, "/Clinician/Patients?q=" + Uri.EscapeDataString(ourPatient.DisplayName));
        Assert.DoesNotContain(ourPatient.Id, notFound);
        Assert.Equal(HttpStatusCode.OK, (await theirs.GetAsync($"/Clinician/Patient/{theirPatient.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await theirs.GetAsync($"/Clinician/Patient/{ourPatient.Id}")).StatusCode);
        // Their looks are in their practice's audit trail, not in ours.
        Assert.Contains(await site.Store.SearchAuditAsync(new AuditQuery(theirPatient.Id, null, null, null) { PracticeId = practice.Id }),
            e => e.PatientId == theirPatient.Id);
        Assert.Empty(await site.Store.SearchAuditAsync(new AuditQuery(theirPatient.Id, null, null, null) { PracticeId = Practice.DefaultId }));
    }

    [Fact]
    public async Task APatientThePracticeRegisters_IsRegisteredAtThatPractice()
    {
        var (practice, _, _) = await OtherPracticeAsync();
        var (theirs, _) = await site.SignedInPersonAsync(Role.Clinician, TestSite.UniqueName("hillregistrar"), practice.Id);
        var userName = TestSite.UniqueName("hillnew");

        var (_, page) = await Forms.GetAsync(theirs, "/Clinician/Register");
        var response = await Forms.PostAsync(theirs, "/Clinician/Register", page,
            ("name", "Hill New"), ("userName", userName), ("dobDay", "27"), ("dobMonth", "3"), ("dobYear", "1980"),
            ("nhsNumber", ""), ("phone", ""), ("email", ""), ("sex", "Female"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(practice.Id, (await site.Store.FindPersonByUserNameAsync(userName))!.PracticeId);
    }
}
