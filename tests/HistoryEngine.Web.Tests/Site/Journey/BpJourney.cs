using System.Net;
using HistoryEngine.Web.Features.Journey;
using HistoryEngine.Web.Infrastructure.Records.Model;

namespace HistoryEngine.Web.Tests.Site.Journey;

/// <summary>A patient (or carer) signed in on a site with the shipped questionnaires, and bp-check's pages.</summary>
public sealed class BpCheckJourney : IDisposable
{
    public TestSite Site { get; }
    public Person Patient { get; private set; } = null!;
    public JourneyDriver Driver { get; set; } = null!;

    private BpCheckJourney(TestSite site) => Site = site;

    public static async Task<BpCheckJourney> StartAsync(string? questionnaires = null)
    {
        var journey = new BpCheckJourney(new TestSite { QuestionnairesPath = questionnaires });
        journey.Driver = new JourneyDriver(await journey.Site.SignedInAsync(Role.Patient, "alex"));
        journey.Patient = (await journey.Site.Store.FindPersonByUserNameAsync("alex"))!;
        return journey;
    }

    public string Page(string pageId, string questionnaire = "bp-check") => JourneyUrls.Page(Patient.Id, questionnaire, pageId);
    public string Check(string questionnaire = "bp-check") => JourneyUrls.Check(Patient.Id, questionnaire);

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

    public void Dispose() => Site.Dispose();
}
