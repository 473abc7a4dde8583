using System.Net;
using HistoryEngine.Web.Features.Shared.Answering;
using HistoryEngine.Web.Infrastructure.Records.Model;

namespace HistoryEngine.Web.Tests.Site.Journey;

/// <summary>A patient signed in on a site with the tests' questionnaires (the shared one, or one of its own), and the
/// pages of test-bp, the tests' blood pressure check.</summary>
public sealed class BpJourney : IDisposable
{
    private readonly bool _ownsSite;

    public TestSite Site { get; }
    public Person Patient { get; private set; } = null!;
    public JourneyDriver Driver { get; set; } = null!;

    private BpJourney(TestSite site, bool ownsSite) => (Site, _ownsSite) = (site, ownsSite);

    /// <summary>On a site of its own, with these questionnaires (the tests' own unless given).</summary>
    public static Task<BpJourney> StartAsync(string? questionnaires = null) =>
        StartAsync(new TestSite { QuestionnairesPath = questionnaires ?? TestPaths.Questionnaires }, ownsSite: true);

    /// <summary>On the shared site, as a patient no other test has.</summary>
    public static Task<BpJourney> StartAsync(SharedSite site) => StartAsync(site, ownsSite: false);

    private static async Task<BpJourney> StartAsync(TestSite site, bool ownsSite)
    {
        var journey = new BpJourney(site, ownsSite);
        var (client, patient) = await site.SignedInPersonAsync(Role.Patient, TestSite.UniqueName("alex"));
        (journey.Driver, journey.Patient) = (new JourneyDriver(client), patient);
        return journey;
    }

    public string Page(string pageId, string questionnaire = "test-bp") => JourneyUrls.Page(Patient.Id, questionnaire, pageId);
    public string Check(string questionnaire = "test-bp") => JourneyUrls.Check(Patient.Id, questionnaire);

    /// <summary>Answers the first three pages: two readings (the first 182/90 when <paramref name="severe"/>).</summary>
    public async Task AnswerUpToSymptomsAsync(bool severe = false)
    {
        Assert.Equal(HttpStatusCode.Redirect, (await Driver.AnswerAsync(Page("start"),
            ("measured_at:day", "1"), ("measured_at:month", "3"), ("measured_at:year", "2026"), ("measured_at:time", "07:30"),
            ("arm", "left"))).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await Driver.AnswerAsync(Page("sitting"),
            ("readings[0].systolic", severe ? "182" : "140"), ("readings[0].diastolic", "90"), ("action", "add:readings"))).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await Driver.AnswerAsync(Page("sitting"),
            ("readings[1].systolic", "150"), ("readings[1].diastolic", "92"))).StatusCode);
    }

    /// <summary>Answers everything after the readings, without a red flag.</summary>
    public async Task AnswerTheRestAsync()
    {
        await Driver.AnswerAsync(Page("symptoms"), ("symptoms_now.symptoms", "none"));
        await Driver.AnswerAsync(Page("standing"), ("dizzy_on_standing", "false"));
        await Driver.AnswerAsync(Page("medicines"), ("new_medicine", "false"));
        Assert.Equal(HttpStatusCode.Redirect, (await Driver.AnswerAsync(Page("about-you"), ("comments", "Fine"))).StatusCode);
    }

    public void Dispose()
    {
        if (_ownsSite)
            Site.Dispose();
    }
}
