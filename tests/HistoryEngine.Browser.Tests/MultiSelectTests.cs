using HistoryEngine.Web.Infrastructure.Records.Model;
using HistoryEngine.Web.Infrastructure.Time;
using Microsoft.Playwright;
using static HistoryEngine.Browser.Tests.PatientPage;

namespace HistoryEngine.Browser.Tests;

/// <summary>
/// Issue 12 point 1: with JavaScript on, a checkbox question kept only the last tick, because every option was marked
/// exclusive. Two or more ticks on every kind of multi-select page (the right-now red flags, complaints, the pain
/// module's character, a complaint module's own, conditions, the diary's follow-up symptoms) must reach the check
/// page and the GP's submission page, and "None of these" must still untick the others.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class MultiSelectTests(BrowserSite site)
{
    private const string RightNow = "Before we start";
    private const string Complaints = "What is the appointment about?";
    private const string PainFeel = "What does the pain feel like?";
    private const string SkinLike = "What is it like?";
    private const string Conditions = "Has a doctor or nurse ever told you";

    [Fact]
    public async Task MedicalHistory_SeveralTicksOnEveryMultiSelectPage_ReachTheCheckPage_AndTheGp()
    {
        var (page, patient) = await site.PatientOnAPhoneAsync("ticks-history");
        await StartHistoryAsync(page, patient);

        // The right-now screen: two ticks stay, "None of these" unticks them, a tick unticks "None of these".
        await TickAsync(page, RightNow, "Chest pain", "Struggling to breathe");
        await ChooseAsync(page, RightNow, "None of these");
        var screen = page.GetByRole(AriaRole.Group, new() { Name = RightNow });
        await Assertions.Expect(screen.GetByLabel("Chest pain", new() { Exact = true })).Not.ToBeCheckedAsync();
        await Assertions.Expect(screen.GetByLabel("Struggling to breathe", new() { Exact = true })).Not.ToBeCheckedAsync();
        await ChooseAsync(page, RightNow, "Chest pain");
        await Assertions.Expect(screen.GetByLabel("None of these", new() { Exact = true })).Not.ToBeCheckedAsync();
        await screen.GetByLabel("Chest pain", new() { Exact = true }).UncheckAsync();
        await ChooseAsync(page, RightNow, "None of these");
        await ContinueAsync(page, "ticks-right-now");

        await TickAsync(page, Complaints, "Back pain", "A skin problem");
        await ContinueAsync(page, "ticks-complaints");
        await page.GetByLabel("In your own words, what would you like help with?").FillAsync("Back pain and a rash.");
        await NextAsync(page);

        // The back pain module's red flags, then its SOCRATES pain questions.
        await ChooseAsync(page, "Since your back pain started, have you had any of these?", "None of these");
        await NextAsync(page);
        await page.GetByLabel("Where is the pain?").FillAsync("Lower back");
        await NextAsync(page);
        await ChooseAsync(page, "When did the pain start?", "1 to 4 weeks ago");
        await ChooseAsync(page, "How did the pain start?", "Slowly (over hours or days)");
        await NextAsync(page);
        await TickAsync(page, PainFeel, "Aching", "Sharp or stabbing", "Cramping");
        await ContinueAsync(page, "ticks-pain-character");
        await ChooseAsync(page, "Does the pain spread to anywhere else in your body?", "No");
        await NextAsync(page);
        await ChooseAsync(page, "Is the pain there all the time, or does it come and go?", "It comes and goes");
        await NextAsync(page);
        await NextAsync(page); // what makes it worse or better (optional)
        await NextAsync(page); // anything else along with it (optional)
        await page.GetByLabel("At its worst, how bad is the pain, from 0 to 10?").FillAsync("6");
        await NextAsync(page);

        // The skin module's own multi-select.
        await page.GetByLabel("Where on your body is the skin problem?").FillAsync("Left forearm");
        await NextAsync(page);
        await TickAsync(page, SkinLike, "A rash", "Itchy");
        await ContinueAsync(page, "ticks-skin");
        await ChooseAsync(page, "How long have you had it?", "1 to 4 weeks");
        await ChooseAsync(page, "Is it changing?", "It is staying the same");
        await NextAsync(page);

        await TickAsync(page, Conditions, "High blood pressure", "Diabetes", "Asthma or COPD");
        await ContinueAsync(page, "ticks-conditions");
        await ChooseAsync(page, "Do you take any medicines?", "No");
        await NextAsync(page);
        await ChooseAsync(page, "Are you allergic", "No");
        await NextAsync(page);
        await ChooseAsync(page, "Do any illnesses run in your close family", "No");
        await NextAsync(page);
        await ChooseAsync(page, "Do you smoke?", "No, I have never smoked");
        await NextAsync(page);
        await ChooseAsync(page, "How often do you have a drink that contains alcohol?", "Never");
        await NextAsync(page);
        await NextAsync(page); // anything else (optional)

        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Check your answers" })).ToBeVisibleAsync();
        var check = page.Locator("main");
        await ExpectAnswerAsync(check, Complaints, "Back pain", "A skin problem");
        await ExpectAnswerAsync(check, PainFeel, "Aching", "Sharp or stabbing", "Cramping");
        await ExpectAnswerAsync(check, SkinLike, "A rash", "Itchy");
        await ExpectAnswerAsync(check, Conditions, "High blood pressure", "Diabetes", "Asthma or COPD");
        await ContinueAsync(page, "ticks-check", "Send to your GP practice");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Your answers have been sent" })).ToBeVisibleAsync();

        var gp = await GpOnTheSubmissionAsync("ticks-gp-history", patient);
        var answers = gp.Locator(".he-answers");
        await ExpectAnswerAsync(answers, Complaints, "Back pain", "A skin problem");
        await ExpectAnswerAsync(answers, PainFeel, "Aching", "Sharp or stabbing", "Cramping");
        await ExpectAnswerAsync(answers, SkinLike, "A rash", "Itchy");
        await ExpectAnswerAsync(answers, Conditions, "High blood pressure", "Diabetes", "Asthma or COPD");
    }

    [Fact]
    public async Task RightNowScreen_TwoRedFlagsTicked_StopTheHistory_AndTheGpSeesBoth()
    {
        var (page, patient) = await site.PatientOnAPhoneAsync("ticks-999");
        await StartHistoryAsync(page, patient);

        await TickAsync(page, RightNow, "Chest pain", "Struggling to breathe");
        await NextAsync(page);

        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Call 999 now", Level = 1 })).ToBeVisibleAsync();
        var sent = Assert.Single(await site.Store.ListSubmissionsForPatientAsync(patient.Id));
        Assert.Equal(FlagLevel.Emergency, sent.HighestFlag);
        var gp = await GpOnTheSubmissionAsync("ticks-gp-999", patient);
        await ExpectAnswerAsync(gp.Locator(".he-answers"), RightNow, "Chest pain", "Struggling to breathe");
    }

    [Fact]
    public async Task DiaryFollowUps_TwoSymptomsTicked_AreKept_AndTheGpSeesBoth_BothForLowAndForVeryHighReadings()
    {
        // Low readings: the follow-up is "soon", so the diary carries on and is sent once complete.
        var (page, patient) = await site.PatientOnAPhoneAsync("ticks-diary-low");
        await page.GotoAsync($"/Diary/{patient.Id}");
        var today = UkTime.Today(TimeProvider.System);
        for (var d = -4; d <= -1; d++)
            await AddSittingAsync(page, today.AddDays(d), "86", "56");
        const string low = "Since you started this diary, have you had any of these?";
        await TickAsync(page, low, "Feeling dizzy or light-headed", "Feeling weak");
        await CheckAsync(page, "ticks-diary-low-symptoms");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save your answer" }).ClickAsync();
        await ExpectAnswerAsync(page.Locator("#followup"), low, "Feeling dizzy or light-headed", "Feeling weak");
        await page.GetByRole(AriaRole.Button, new() { Name = "Send your diary to your GP practice" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Your diary has been sent" })).ToBeVisibleAsync();

        // A very high reading with two symptoms: an emergency, which stops the diary and sends it at once.
        var (high, highPatient) = await site.PatientOnAPhoneAsync("ticks-diary-high");
        await high.GotoAsync($"/Diary/{highPatient.Id}");
        await AddSittingAsync(high, today.AddDays(-1), "184", "104");
        const string now = "Do you have any of these now";
        await TickAsync(high, now, "Chest pain or tightness", "Feeling short of breath");
        await high.GetByRole(AriaRole.Button, new() { Name = "Save your answer" }).ClickAsync();
        await Assertions.Expect(high.GetByRole(AriaRole.Heading, new() { Name = "Call 999 now", Level = 1 })).ToBeVisibleAsync();

        var gp = await GpOnTheSubmissionAsync("ticks-gp-diary", patient);
        await ExpectAnswerAsync(gp.Locator(".he-answers"), low, "Feeling dizzy or light-headed", "Feeling weak");
        await gp.GotoAsync($"/Clinician/Submission/{Assert.Single(await site.Store.ListSubmissionsForPatientAsync(highPatient.Id)).Id}");
        await ExpectAnswerAsync(gp.Locator(".he-answers"), "Do you have any of these now", "Chest pain or tightness", "Feeling short of breath");
    }

    private static async Task StartHistoryAsync(IPage page, Person patient)
    {
        await page.GotoAsync($"/Journey/{patient.Id}/medical-history/page/who");
        await ChooseAsync(page, "Who is filling in this form?", "Me, the person with the appointment");
        await NextAsync(page);
        await page.GetByLabel("Day").FillAsync("27");
        await page.GetByLabel("Month").FillAsync("3");
        await page.GetByLabel("Year").FillAsync("1970");
        await NextAsync(page);
    }

    private static async Task AddSittingAsync(IPage page, DateOnly day, string top, string bottom)
    {
        await DiaryPageTests.AddSittingAsync(page, day.ToDateTime(TimeOnly.MinValue), "08:00", top, bottom);
        await Assertions.Expect(page.Locator(".nhsuk-error-summary")).ToHaveCountAsync(0);
    }

    /// <summary>A GP signs in (password and code) on a desktop and opens the patient's only submission.</summary>
    private async Task<IPage> GpOnTheSubmissionAsync(string userName, Person patient)
    {
        await site.AddPersonAsync(Role.Clinician, userName);
        var gp = await site.DesktopAsync();
        await BrowserSite.SignInAsync(gp, userName);
        var submission = (await site.Store.ListSubmissionsForPatientAsync(patient.Id)).OrderBy(s => s.SubmittedAt).Last();
        await gp.GotoAsync($"/Clinician/Submission/{submission.Id}");
        await Assertions.Expect(gp.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync(submission.Reference);
        return gp;
    }

    /// <summary>The summary row of this question shows every one of these answers.</summary>
    private static async Task ExpectAnswerAsync(ILocator scope, string question, params string[] answers)
    {
        var row = scope.Locator(".nhsuk-summary-list__row", new() { HasText = question });
        await Assertions.Expect(row).ToHaveCountAsync(1);
        foreach (var answer in answers)
            await Assertions.Expect(row.Locator(".he-answer")).ToContainTextAsync(answer);
    }

    private static Task NextAsync(IPage page) => page.GetByRole(AriaRole.Button, new() { Name = "Continue", Exact = true }).ClickAsync();
}
