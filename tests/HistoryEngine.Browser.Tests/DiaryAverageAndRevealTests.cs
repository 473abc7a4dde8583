using HistoryEngine.Testing;
using HistoryEngine.Web.Infrastructure.Records.Model;
using HistoryEngine.Web.Infrastructure.Time;
using Microsoft.Playwright;
using static HistoryEngine.Browser.Tests.PatientPage;

namespace HistoryEngine.Browser.Tests;

/// <summary>
/// Issue 15 point 10 and point 7's last sentence, on a 390 px phone with JavaScript on: the diary's average as one
/// blood pressure with what it means and what happens next, the sent diary's own confirmation, the record's pair,
/// and questions an answer brings onto the same page revealed in place.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class DiaryAverageAndRevealTests(BrowserSite site)
{
    private const int Phone = 390;

    [Fact]
    public async Task TheDiarysAverage_IsOneBloodPressure_WithItsMeaning_ThenTheSentPage_AndTheRecordShowsThePair()
    {
        var (page, patient) = await site.PatientOnAPhoneAsync("diary-average", width: Phone);
        await page.GotoAsync($"/Diary/{patient.Id}");
        var today = UkTime.Now(TimeProvider.System).Date;
        // Too few days: how many more are needed, and no average yet.
        await DiaryPageTests.AddSittingAsync(page, today.AddDays(-4), "07:30", "160", "100", "158", "98");
        await DiaryPageTests.AddSittingAsync(page, today.AddDays(-3), "07:30", "146", "92", "144", "90");
        await Assertions.Expect(page.Locator("#status")).ToHaveTextAsync("Readings on 2 days. 2 more days needed.");
        await Assertions.Expect(page.Locator(".he-average")).ToHaveCountAsync(0);

        // Counted: 146, 144, 148, 146, 145, 147 over 92, 90, 93, 91, 92, 90: 146/91.
        await DiaryPageTests.AddSittingAsync(page, today.AddDays(-2), "07:30", "148", "93", "146", "91");
        await DiaryPageTests.AddSittingAsync(page, today.AddDays(-1), "07:30", "145", "92", "147", "90");
        var average = page.Locator(".he-average");
        await Assertions.Expect(average.Locator(".he-average__pressure")).ToHaveTextAsync("146/91 mmHg");
        await Assertions.Expect(average).ToContainTextAsync("This is higher than it should be: it is 135/85 or more.");
        await Assertions.Expect(average.GetByRole(AriaRole.Heading, new() { Name = "When you send your diary" })).ToBeVisibleAsync();
        await Assertions.Expect(average).ToContainTextAsync("contact you in the next few days");
        await average.ScrollIntoViewIfNeededAsync();
        await CheckAsync(page, "diary15-average");

        await page.GetByRole(AriaRole.Button, new() { Name = "Send your diary to your GP practice" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Your diary has been sent", Level = 1 })).ToBeVisibleAsync();
        var sent = Assert.Single(await site.Store.ListSubmissionsForPatientAsync(patient.Id));
        await Assertions.Expect(page.Locator(".nhsuk-panel")).ToContainTextAsync(sent.Reference);
        await Assertions.Expect(page.Locator(".he-average__pressure")).ToHaveTextAsync("146/91 mmHg");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "What happens next" })).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("main")).ToContainTextAsync("If you feel very unwell, call 999 or go to A&E. For urgent advice, call 111.");
        await CheckAsync(page, "diary15-sent");

        // The GP files both averages (the diastolic first): the record shows one row, systolic first.
        var gp = await site.AddPersonAsync(Role.Clinician, "diary-average-gp");
        foreach (var (code, display, value) in new[] { ("413605002", "Average home diastolic blood pressure", "91"), ("413606001", "Average home systolic blood pressure", "146") })
            await site.Store.AddRecordEntryAsync(new NewRecordEntry(patient.Id, "http://snomed.info/sct", code, display, value, "mm[Hg]",
                gp.Id, sent.Id, sent.Questionnaire.Version));
        await page.GotoAsync($"/Record/{patient.Id}");
        var rows = page.Locator("table.nhsuk-table tbody tr");
        await Assertions.Expect(rows).ToHaveCountAsync(1);
        await Assertions.Expect(rows.First).ToContainTextAsync("Average home blood pressure");
        await Assertions.Expect(rows.First.Locator(".he-pair")).ToHaveTextAsync("146/91 mmHg");
        await CheckAsync(page, "diary15-record-pair");
    }

    [Fact]
    public async Task YesRevealsItsQuestionInPlace_AndNothingTypedIsLost_WhenTheAnswerChangesBackAndForth()
    {
        var (page, patient) = await site.PatientOnAPhoneAsync("reveal-in-place", width: Phone);
        await page.GotoAsync($"/Journey/{patient.Id}/medical-history/page/who");
        await ChooseAsync(page, "Who is filling in this form?", "Me, the person with the appointment");
        await page.GetByRole(AriaRole.Button, new() { Name = "Continue", Exact = true }).ClickAsync();
        await page.GotoAsync($"/Journey/{patient.Id}/medical-history/page/allergies");

        const string Family = "Do any illnesses run in your close family";
        var details = page.GetByLabel("Which illnesses, and who had them?");
        var yes = page.GetByRole(AriaRole.Group, new() { Name = Family }).GetByLabel("Yes", new() { Exact = true });
        await Assertions.Expect(details).ToBeHiddenAsync();
        // The option points at what it reveals (aria-expanded is not allowed on a radio button).
        var controls = await yes.GetAttributeAsync("aria-controls");
        Assert.False(string.IsNullOrEmpty(controls));
        await Assertions.Expect(page.Locator($"#{controls}")).ToContainTextAsync("Which illnesses, and who had them?");

        await ChooseAsync(page, Family, "Yes");
        await Assertions.Expect(details).ToBeVisibleAsync();
        await details.FillAsync("My father had a heart attack at 55.");
        await CheckAsync(page, "diary15-reveal-open");
        await ChooseAsync(page, Family, "No");
        await Assertions.Expect(details).ToBeHiddenAsync();
        await ChooseAsync(page, Family, "Yes");
        await Assertions.Expect(details).ToHaveValueAsync("My father had a heart attack at 55.");

        // The allergy list opens in place under its own Yes, and closes again.
        const string Allergic = "Are you allergic to any medicines, foods or anything else?";
        var substance = page.GetByLabel("What are you allergic to?");
        await Assertions.Expect(substance).ToBeHiddenAsync();
        await ChooseAsync(page, Allergic, "Yes");
        await Assertions.Expect(substance).ToBeVisibleAsync();
        await ChooseAsync(page, Allergic, "No");
        await Assertions.Expect(substance).ToBeHiddenAsync();

        // Continue goes straight on: the question was seen, so no "we need to ask you more" note and no error.
        await page.GetByRole(AriaRole.Button, new() { Name = "Continue", Exact = true }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Group, new() { Name = "Do you smoke?" })).ToBeVisibleAsync();

        // Back on the page, the saved answers are there: the family detail open where it was given, no note, and the
        // allergy list (closed when the page was sent) still closed and empty.
        await page.GotoAsync($"/Journey/{patient.Id}/medical-history/page/allergies");
        await Assertions.Expect(details).ToBeVisibleAsync();
        await Assertions.Expect(details).ToHaveValueAsync("My father had a heart attack at 55.");
        await Assertions.Expect(page.GetByRole(AriaRole.Group, new() { Name = Allergic }).GetByLabel("No", new() { Exact = true })).ToBeCheckedAsync();
        await Assertions.Expect(substance).ToBeHiddenAsync();
        await Assertions.Expect(page.Locator(".he-revealed")).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task WithJavaScriptOff_TheQuestionStaysHidden_AndTheNoteSaysItWasAdded()
    {
        var (page, patient) = await site.PatientOnAPhoneAsync("reveal-no-js", javaScript: false, width: Phone);
        await page.GotoAsync($"/Journey/{patient.Id}/medical-history/page/who");
        await ChooseAsync(page, "Who is filling in this form?", "Me, the person with the appointment");
        await page.GetByRole(AriaRole.Button, new() { Name = "Continue", Exact = true }).ClickAsync();
        await page.GotoAsync($"/Journey/{patient.Id}/medical-history/page/allergies");
        var details = page.GetByLabel("Which illnesses, and who had them?");
        await Assertions.Expect(details).ToBeHiddenAsync();

        await ChooseAsync(page, "Are you allergic to any medicines, foods or anything else?", "No");
        await ChooseAsync(page, "Do any illnesses run in your close family", "Yes");
        await page.GetByRole(AriaRole.Button, new() { Name = "Continue", Exact = true }).ClickAsync();

        await Assertions.Expect(page.Locator(".he-revealed")).ToContainTextAsync("Your answer means we need to ask you more on this page");
        await Assertions.Expect(details).ToBeVisibleAsync();
        await CheckAsync(page, "diary15-reveal-no-js");
    }
}
