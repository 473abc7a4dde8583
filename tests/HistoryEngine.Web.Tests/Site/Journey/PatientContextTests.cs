using System.Net;
using HistoryEngine.Runtime;
using HistoryEngine.Web.Features.Shared.Answering;
using HistoryEngine.Web.Infrastructure.Questionnaires;
using HistoryEngine.Web.Infrastructure.Records.Model;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace HistoryEngine.Web.Tests.Site.Journey;

/// <summary>
/// The site gives each session what the practice's record says about the patient (date of birth, sex), so a
/// questionnaire asks only what applies; a submission is replayed with the context it was answered with.
/// </summary>
public class PatientContextTests
{
    private static async Task<(TestSite Site, Person Patient, JourneyDriver Driver)> StartAsync(PatientSex? sex)
    {
        var site = new TestSite { QuestionnairesPath = TestPaths.Questionnaires };
        var hasher = site.Services.GetRequiredService<IPasswordHasher<Person>>();
        var patient = await site.Store.AddPersonAsync(new NewPerson(Role.Patient, "Alex", "alex", null, new DateOnly(1990, 5, 1), null,
            hasher.HashPassword(null!, TestSite.Password)) { Sex = sex });
        var client = site.Browser();
        Assert.Equal(HttpStatusCode.Redirect, (await SignIn.PasswordAsync(client, "alex", TestSite.Password)).StatusCode);
        return (site, patient, new JourneyDriver(client));
    }

    [Theory]
    [InlineData(PatientSex.Female, "pregnancy")]
    [InlineData(null, "pregnancy")]
    [InlineData(PatientSex.Male, "story")]
    public async Task Start_LeadsToTheFirstQuestionThatApplies_ByTheRecordsSex(PatientSex? sex, string firstPage)
    {
        var (site, patient, driver) = await StartAsync(sex);
        using var _ = site;

        await driver.GetAsync(JourneyUrls.Start(patient.Id, "test-context"));

        Assert.Contains($"href=\"{JourneyUrls.Page(patient.Id, "test-context", firstPage)}\"", driver.Html);
    }

    [Fact]
    public async Task Replay_UsesTheContextTheSubmissionWasAnsweredWith()
    {
        var (site, patient, driver) = await StartAsync(PatientSex.Male);
        using var _ = site;
        await driver.AnswerAsync(JourneyUrls.Page(patient.Id, "test-context", "story"), ("story", "Tired"));
        await driver.GetAsync(JourneyUrls.Check(patient.Id, "test-context"));
        await driver.PostAsync(JourneyUrls.Check(patient.Id, "test-context"), ("draftKey", JourneyDriver.Hidden(driver.Html, "draftKey")!));
        var sent = Assert.Single(await site.Store.ListSubmissionsForPatientAsync(patient.Id));
        Assert.Contains("\"sex\": \"male\"", sent.ResultJson, StringComparison.Ordinal);

        var catalog = site.Services.GetRequiredService<QuestionnaireCatalog>();
        var replayed = await SubmissionReplay.LoadAsync(sent, catalog, site.Store, site.Clock, default);
        // The same answers stored without a context (as before the field existed) replay without one.
        var withoutContext = await SubmissionReplay.LoadAsync(sent with { ResultJson = "{}" }, catalog, site.Store, site.Clock, default);

        Assert.Equal(PatientSex.Male, replayed!.Session.Patient.Sex);
        Assert.False(replayed.Session.IsEnabled("could_be_pregnant"));
        Assert.True(replayed.Session.Result().Complete);
        Assert.Equal(PatientContext.None, withoutContext!.Session.Patient);
        Assert.True(withoutContext.Session.IsEnabled("could_be_pregnant"));
    }
}
