using System.Globalization;
using System.Net;
using System.Text.Json;
using HistoryEngine.Web.Features.Shared.HomeReadings;
using HistoryEngine.Web.Infrastructure.Questionnaires;
using HistoryEngine.Web.Infrastructure.Records.Model;
using HistoryEngine.Web.Infrastructure.Time;

namespace HistoryEngine.Web.Tests.Site.Journey;

/// <summary>The home blood pressure diary page, driven as a browser with JavaScript off would.</summary>
[Collection(SharedSite.Collection)]
public sealed class DiaryTests(SharedSite site)
{
    private readonly string _sam = TestSite.UniqueName("sam");

    [Fact]
    public async Task NewDiary_PrefillsNow_AndASittingAddsTwoReadingsAMinuteApart()
    {
        using var d = await DiaryPage.StartAsync(site);
        await d.Driver.GetAsync(d.Url);
        var now = UkTime.Now(d.Site.Clock);
        Assert.Contains("You have not added any readings yet", d.Driver.Html);
        Assert.Contains($"name=\"taken:time\" type=\"text\" autocomplete=\"off\" value=\"{now:HH:mm}\"", d.Driver.Html);
        Assert.Contains("inputmode=\"numeric\"", d.Driver.Html);

        var response = await d.AddAsync(d.DaysAgo(1), "07:30", "148", "92", "146", "90", pulse1: "71");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var readings = await d.SavedReadingsAsync();
        Assert.Equal(2, readings.Length);
        Assert.Contains("T07:30", readings[0].GetProperty("taken").GetString());
        Assert.Contains("T07:31", readings[1].GetProperty("taken").GetString());
        Assert.Equal((148, 92, 71, "left"), (readings[0].GetProperty("systolic").GetInt32(), readings[0].GetProperty("diastolic").GetInt32(),
            readings[0].GetProperty("pulse").GetInt32(), readings[0].GetProperty("arm").GetString()));
        await d.Driver.GetAsync(response.Headers.Location!.OriginalString);
        Assert.Contains("Readings on 1 day. 3 more days needed.", d.Driver.Html);
        Assert.Contains("nhsuk-tag--grey\">Not counted</strong>", d.Driver.Html);
        Assert.Contains("<svg class=\"he-chart__svg\"", d.Driver.Html);
        Assert.Contains("aria-hidden=\"true\"", d.Driver.Html);
        // The arm used last time is chosen for the next sitting.
        Assert.Contains("value=\"left\" checked=\"checked\"", d.Driver.Html);
    }

    [Fact]
    public async Task StatusCountsDays_ThenGivesTheAverageWithoutTheFirstDay()
    {
        using var d = await DiaryPage.StartAsync(site);
        Assert.Equal(HttpStatusCode.Redirect, (await d.AddAsync(d.DaysAgo(4), "07:30", "170", "100", "168", "100")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await d.AddAsync(d.DaysAgo(3), "07:30", "130", "80", "132", "82")).StatusCode);
        await d.Driver.GetAsync(d.Url);
        Assert.Contains("Readings on 2 days. 2 more days needed.", d.Driver.Html);
        Assert.DoesNotContain("Your diary is ready to send", d.Driver.Html);

        Assert.Equal(HttpStatusCode.Redirect, (await d.AddAsync(d.DaysAgo(2), "19:30", "128", "80", "130", "80")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await d.AddAsync(d.DaysAgo(1), "07:00", "126", "78")).StatusCode);
        await d.Driver.GetAsync(d.Url);

        // (130 + 132 + 128 + 130 + 126) / 5 = 129.2; (80 + 82 + 80 + 80 + 78) / 5 = 80
        // The average is one blood pressure, with the file's words for what it means and what happens next.
        Assert.Contains("Readings on 4 days.</p>", d.Driver.Html);
        Assert.Contains("<strong>129/80</strong> mmHg", d.Driver.Html);
        Assert.Contains("This is below 135/85, the level at which home readings count as high blood pressure.", d.Driver.Html);
        Assert.Contains("Your GP practice will look at your readings. They will contact you if they need to.", d.Driver.Html);
        Assert.Contains("Your diary is ready to send", d.Driver.Html);
    }

    [Fact]
    public async Task AnotherPatientsDiary_Is404_ForEveryPageAndPost()
    {
        using var d = await DiaryPage.StartAsync(site);
        await d.AddDaysAsync(1);
        var before = await d.Site.Store.GetDraftAsync(d.Patient.Id, DiaryQuestionnaire.Id);
        var other = new JourneyDriver(await d.Site.SignedInAsync(Role.Patient, _sam));
        await other.GetAsync("/Patient");

        Assert.Equal(HttpStatusCode.NotFound, (await other.Client.GetAsync(d.Url)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await other.Client.GetAsync(DiaryUrls.Reading(d.Patient.Id, 0))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await other.Client.GetAsync(DiaryUrls.Remove(d.Patient.Id, 0))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await other.PostAsync(d.Url + "?handler=Add", ("systolic1", "120"), ("diastolic1", "80"))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await other.PostAsync(DiaryUrls.Remove(d.Patient.Id, 0), ("revision", before!.Revision.ToString(CultureInfo.InvariantCulture)))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await other.PostAsync(d.Url + "?handler=Send", ("draftKey", before.Key), ("revision", before.Revision.ToString(CultureInfo.InvariantCulture)))).StatusCode);
        Assert.Equal(before, await d.Site.Store.GetDraftAsync(d.Patient.Id, DiaryQuestionnaire.Id));
        Assert.Empty(await d.Site.Store.ListSubmissionsForPatientAsync(d.Patient.Id));
        // A reading that does not exist is not there either.
        Assert.Equal(HttpStatusCode.NotFound, (await d.Driver.Client.GetAsync(DiaryUrls.Reading(d.Patient.Id, 7))).StatusCode);
    }

    [Theory]
    [InlineData("80", "120", "diastolic1", "The bottom number should be lower than the top number")]
    [InlineData("16", "10", "systolic1", "Enter a number between 50 and 300 mmHg")]
    [InlineData("abc", "80", "systolic1", "Enter a whole number, like 120")]
    [InlineData("", "80", "systolic1", "Enter the top number of your first reading")]
    public async Task InvalidReadings_AreNotAdded_AndTheMessageIsNextToTheBox(string top, string bottom, string box, string message)
    {
        using var d = await DiaryPage.StartAsync(site);

        var response = await d.AddAsync(d.DaysAgo(1), "07:30", top, bottom, "120", "80");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("There is a problem", d.Driver.Html);
        Assert.Contains($"href=\"#sitting-{box}\"", d.Driver.Html);
        Assert.Contains($"id=\"sitting-{box}-error\"><span class=\"nhsuk-u-visually-hidden\">Error:</span> {message}", d.Driver.Html);
        Assert.Contains("<title>Error: ", d.Driver.Html);
        Assert.Contains($"value=\"{top}\"", d.Driver.Html); // what was typed is shown again
        Assert.Empty(await d.SavedReadingsAsync());
    }

    [Fact]
    public async Task ADateInTheFuture_IsRefusedAtTheDate()
    {
        using var d = await DiaryPage.StartAsync(site);
        var response = await d.AddAsync(d.DaysAgo(-3), "07:30", "130", "80");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("href=\"#sitting-day\">Date and time: This date and time is after now", d.Driver.Html);
        Assert.Contains("id=\"sitting-day-error\"", d.Driver.Html);
        Assert.Empty(await d.SavedReadingsAsync());
    }

    [Fact]
    public async Task HostileNotes_AreStoredExactly_AndShownEscaped()
    {
        using var d = await DiaryPage.StartAsync(site);
        const string notes = "<script>alert('x')</script> & \"quoted\" \u202Eevil {{ 7 * 7 }}";

        Assert.Equal(HttpStatusCode.Redirect, (await d.AddAsync(d.DaysAgo(1), "07:30", "130", "80", notes: notes)).StatusCode);

        var readings = await d.SavedReadingsAsync();
        Assert.Equal(notes, readings[0].GetProperty("notes").GetString());
        await d.Driver.GetAsync(d.Url);
        Assert.DoesNotContain("<script>alert", d.Driver.Html);
        Assert.Contains("&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt; &amp; &quot;quoted&quot;", d.Driver.Html);
        Assert.Contains("{{ 7 * 7 }}", d.Driver.Html);
    }

    [Fact]
    public async Task SendingAnIncompleteDiary_IsRefused_WithTheReason()
    {
        using var d = await DiaryPage.StartAsync(site);
        await d.AddDaysAsync(2);
        await d.Driver.GetAsync(d.Url);
        var draft = (await d.Site.Store.GetDraftAsync(d.Patient.Id, DiaryQuestionnaire.Id))!;

        var response = await d.Driver.PostAsync(d.Url + "?handler=Send", ("draftKey", draft.Key),
            ("revision", draft.Revision.ToString(CultureInfo.InvariantCulture)));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("There is a problem", d.Driver.Html);
        Assert.Contains("You need readings on at least 4 different days. Please add readings on 2 more days.", d.Driver.Html);
        Assert.Empty(await d.Site.Store.ListSubmissionsForPatientAsync(d.Patient.Id));
        Assert.NotNull(await d.Site.Store.GetDraftAsync(d.Patient.Id, DiaryQuestionnaire.Id));
    }

    [Fact]
    public async Task ACompleteDiary_IsSentOnce_WithItsReference()
    {
        using var d = await DiaryPage.StartAsync(site);
        await d.AddDaysAsync(4, top: "140", bottom: "88");
        await d.Driver.GetAsync(d.Url);
        var page = d.Driver.Html;
        var form = new[] { ("draftKey", JourneyDriver.Hidden(page, "draftKey")!), ("revision", JourneyDriver.Hidden(page, "revision")!) };

        var first = await d.Driver.PostAsync(d.Url + "?handler=Send", form);
        var again = await d.Driver.PostWithPageAsync(d.Url + "?handler=Send", page, form);

        Assert.Equal(HttpStatusCode.Redirect, first.StatusCode);
        Assert.Equal(first.Headers.Location, again.Headers.Location);
        var submission = Assert.Single(await d.Site.Store.ListSubmissionsForPatientAsync(d.Patient.Id));
        Assert.Equal(DiaryQuestionnaire.Id, submission.Questionnaire.Id);
        Assert.Equal(FlagLevel.Soon, submission.HighestFlag);
        Assert.Null(await d.Site.Store.GetDraftAsync(d.Patient.Id, DiaryQuestionnaire.Id));
        // The diary's own confirmation: sent, the reference, the average as one pressure, what it means, what next.
        Assert.Equal(DiaryUrls.Sent(d.Patient.Id, submission.Id), first.Headers.Location!.OriginalString);
        await d.Driver.GetAsync(first.Headers.Location!.OriginalString);
        Assert.Contains("Your diary has been sent", d.Driver.Html);
        Assert.Contains(submission.Reference, d.Driver.Html);
        Assert.Contains("<strong>140/88</strong> mmHg", d.Driver.Html);
        Assert.Contains("This is higher than it should be: it is 135/85 or more.", d.Driver.Html);
        Assert.Contains("contact you in the next few days to talk about them", d.Driver.Html);
        Assert.Contains("call 999 or go to A&amp;E", d.Driver.Html);
        // Someone else's sent diary is not found, as if it did not exist.
        var other = new JourneyDriver(await d.Site.SignedInAsync(Role.Patient, TestSite.UniqueName("sam")));
        Assert.Equal(HttpStatusCode.NotFound, (await other.Client.GetAsync(DiaryUrls.Sent(d.Patient.Id, submission.Id))).StatusCode);
        await d.Driver.GetAsync(d.Url);
        Assert.Contains("You have not added any readings yet", d.Driver.Html);
        Assert.Contains(submission.Reference, d.Driver.Html);
    }

    [Fact]
    public async Task AVeryHighReading_ShowsUrgentAdviceAtOnce_AndAsksAboutSymptoms()
    {
        using var d = await DiaryPage.StartAsync(site);

        var response = await d.AddAsync(d.DaysAgo(1), "07:30", "182", "100", "178", "98");
        await d.Driver.GetAsync(response.Headers.Location!.OriginalString);

        Assert.Contains("nhsuk-card--care--urgent", d.Driver.Html);
        Assert.Contains("At least one of your readings is very high (<strong>180/120 or more</strong>).", d.Driver.Html);
        Assert.Contains("<strong>Contact your GP practice today</strong>", d.Driver.Html);
        Assert.Contains("Do you have any of these now, or have you had them in the last 12 hours?", d.Driver.Html);
        Assert.True(d.Driver.Html.IndexOf("nhsuk-card--care--urgent", StringComparison.Ordinal)
                    < d.Driver.Html.IndexOf("<h1>", StringComparison.Ordinal), "the advice comes before everything else");
    }

    [Fact]
    public async Task ADiastolicOf120_IsUrgentToo_AndNoSymptomsKeepsTheDiaryGoing()
    {
        using var d = await DiaryPage.StartAsync(site);
        await d.AddAsync(d.DaysAgo(1), "07:30", "150", "120");
        await d.Driver.GetAsync(d.Url);
        Assert.Contains("nhsuk-card--care--urgent", d.Driver.Html);

        var response = await d.Driver.PostAsync(d.Url + "?handler=FollowUp", ("shown", "high_symptoms"), ("high_symptoms", "none"));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        await d.Driver.GetAsync(d.Url);
        Assert.Contains("What you told us about how you feel", d.Driver.Html);
        Assert.Contains("nhsuk-card--care--urgent", d.Driver.Html);
        Assert.Empty(await d.Site.Store.ListSubmissionsForPatientAsync(d.Patient.Id));
    }

    [Fact]
    public async Task AVeryHighReadingWithChestPain_StopsTheDiary_AndShowsThe999Page()
    {
        using var d = await DiaryPage.StartAsync(site);
        await d.AddAsync(d.DaysAgo(1), "07:30", "186", "112");
        await d.Driver.GetAsync(d.Url);

        var response = await d.Driver.PostAsync(d.Url + "?handler=FollowUp", ("shown", "high_symptoms"), ("high_symptoms", "chest-pain"));

        Assert.StartsWith("/Submissions/", response.Headers.Location!.OriginalString);
        await d.Driver.GetAsync(response.Headers.Location!.OriginalString);
        Assert.Contains("Call 999 now", d.Driver.Html);
        var submission = Assert.Single(await d.Site.Store.ListSubmissionsForPatientAsync(d.Patient.Id));
        Assert.Equal(FlagLevel.Emergency, submission.HighestFlag);
    }

    [Fact]
    public async Task AReading_CanBeChanged_AndRemoved()
    {
        using var d = await DiaryPage.StartAsync(site);
        await d.AddAsync(d.DaysAgo(1), "07:30", "130", "80", "132", "82");
        await d.Driver.GetAsync(DiaryUrls.Reading(d.Patient.Id, 1));
        Assert.Contains("Change this reading", d.Driver.Html);
        var shown = JourneyDriver.Shown(d.Driver.Html).Select(s => ("shown", s)).ToArray();
        Assert.Contains(("shown", "readings[1].systolic"), shown);

        // A swapped pair is refused here too, with the file's message.
        var bad = await d.Driver.PostAsync(DiaryUrls.Reading(d.Patient.Id, 1), [.. shown, ("readings[1].taken:day", d.DaysAgo(1).Day.ToString(CultureInfo.InvariantCulture)),
            ("readings[1].taken:month", d.DaysAgo(1).Month.ToString(CultureInfo.InvariantCulture)), ("readings[1].taken:year", d.DaysAgo(1).Year.ToString(CultureInfo.InvariantCulture)),
            ("readings[1].taken:time", "07:31"), ("readings[1].systolic", "70"), ("readings[1].diastolic", "90")]);
        Assert.Equal(HttpStatusCode.OK, bad.StatusCode);
        Assert.Contains("The bottom number should be lower than the top number", d.Driver.Html);
        Assert.Equal(132, (await d.SavedReadingsAsync())[1].GetProperty("systolic").GetInt32());

        var good = await d.Driver.PostAsync(DiaryUrls.Reading(d.Patient.Id, 1), [.. shown, ("readings[1].taken:day", d.DaysAgo(1).Day.ToString(CultureInfo.InvariantCulture)),
            ("readings[1].taken:month", d.DaysAgo(1).Month.ToString(CultureInfo.InvariantCulture)), ("readings[1].taken:year", d.DaysAgo(1).Year.ToString(CultureInfo.InvariantCulture)),
            ("readings[1].taken:time", "07:31"), ("readings[1].systolic", "134"), ("readings[1].diastolic", "84"), ("readings[1].arm", "right")]);
        Assert.Equal(HttpStatusCode.Redirect, good.StatusCode);
        var readings = await d.SavedReadingsAsync();
        Assert.Equal((134, "right"), (readings[1].GetProperty("systolic").GetInt32(), readings[1].GetProperty("arm").GetString()));

        await d.Driver.GetAsync(DiaryUrls.Remove(d.Patient.Id, 0));
        Assert.Contains("Remove this reading?", d.Driver.Html);
        Assert.Equal(HttpStatusCode.Redirect, (await d.Driver.PostAsync(DiaryUrls.Remove(d.Patient.Id, 0))).StatusCode);
        Assert.Equal(134, Assert.Single(await d.SavedReadingsAsync()).GetProperty("systolic").GetInt32());
    }

    [Fact]
    public async Task ARemoveFromAnOldPage_ChangesNothing_WhenTheDiaryChangedMeanwhile()
    {
        using var d = await DiaryPage.StartAsync(site);
        await d.AddAsync(d.DaysAgo(1), "07:30", "130", "80", "132", "82");
        await d.Driver.GetAsync(DiaryUrls.Remove(d.Patient.Id, 0));
        var oldPage = d.Driver.Html;
        await d.AddAsync(d.DaysAgo(1), "19:30", "120", "70");

        var response = await d.Driver.PostWithPageAsync(DiaryUrls.Remove(d.Patient.Id, 0), oldPage);

        Assert.Contains("stale=true", response.Headers.Location!.OriginalString);
        Assert.Equal(3, (await d.SavedReadingsAsync()).Length);
    }

    [Fact]
    public async Task PatientHome_LinksTheDiaryToTheDiaryPage()
    {
        using var d = await DiaryPage.StartAsync(site);
        await d.Driver.GetAsync("/Patient");
        Assert.Contains($"href=\"{d.Url}\"", d.Driver.Html);
        await d.AddDaysAsync(1);
        await d.Driver.GetAsync("/Patient");
        Assert.Contains($"href=\"{d.Url}\"", d.Driver.Html);
    }
}
