using System.Text.RegularExpressions;
using HistoryEngine.Web.Infrastructure.Records.Model;
using Microsoft.Playwright;
using static HistoryEngine.Browser.Tests.PatientPage;

namespace HistoryEngine.Browser.Tests;

/// <summary>
/// Patients going through questionnaires on a phone: the medical history about a cough from start to reference,
/// the emergency stop, and bp-check with JavaScript switched off. Every page is checked by axe-core and kept as a
/// phone-width screenshot.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed partial class JourneyPageTests(BrowserSite site)
{
    [Fact]
    public async Task MedicalHistory_AboutACough_IsAnsweredToTheEnd_AndSentWithAReference()
    {
        var (page, _) = await site.PatientOnAPhoneAsync("history-cough");
        await CheckAsync(page, "home");
        await page.GetByRole(AriaRole.Link, new() { Name = "Before your appointment" }).First.ClickAsync();
        await CheckAsync(page, "journey-start");
        await page.GetByRole(AriaRole.Link, new() { Name = "Start now" }).ClickAsync();

        // Radios and a date on one page (issue 15: short related questions share a page)
        await ExpectHeadingAsync(page, "About this form");
        await ContinueAsync(page, "question-radios-unanswered"); // nothing chosen yet: Continue shows the error summary
        await Assertions.Expect(page.Locator(".nhsuk-error-summary")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator(".nhsuk-error-summary")).ToContainTextAsync("Select who is filling in this form");
        await CheckAsync(page, "question-error");
        await ChooseAsync(page, "Who is filling in this form?", "Me, the person with the appointment");
        await page.GetByLabel("Day").FillAsync("27");
        await page.GetByLabel("Month").FillAsync("3");
        await page.GetByLabel("Year").FillAsync("1970");
        await ContinueAsync(page, "question-radios");

        // Checkboxes with an exclusive "None of these": the one question on its page is its heading
        await ExpectHeadingAsync(page, "Before we start, does the person with the appointment have any of these right now?");
        await ChooseAsync(page, "Before we start", "None of these");
        await ContinueAsync(page, "question-checkboxes");

        // Checkboxes and long text on one page
        await ChooseAsync(page, "What is the appointment about?", "Cough or breathlessness");
        await page.GetByLabel("In your own words, what would you like help with?").FillAsync("A cough that will not go away.");
        await ContinueAsync(page, "question-textarea");

        // The cough module's pages
        await ChooseAsync(page, "Do you have any of these?", "None of these");
        await ContinueAsync(page, "cough-breathing");
        await ChooseAsync(page, "How long have you had these symptoms?", "More than 3 weeks");
        await ChooseAsync(page, "have you coughed up any blood?", "No");
        await NextAsync(page);
        // "More than 3 weeks" brings another question onto this page, and the page says so.
        await Assertions.Expect(page.Locator(".he-revealed")).ToContainTextAsync("Since the cough started, have you had any of these?");
        await ChooseAsync(page, "Since the cough started, have you had any of these?", "Feeling very tired");
        await ContinueAsync(page, "cough-revealed");
        await ChooseAsync(page, "Are you aged 40 or over?", "No");
        await ChooseAsync(page, "Do you smoke, or have you smoked in the past?", "No");
        await ContinueAsync(page, "cough-age");

        // Yes brings the "add another" list onto the same page.
        await ChooseAsync(page, "Has a doctor or nurse ever told you", "High blood pressure");
        await ChooseAsync(page, "Do you take any medicines?", "Yes");
        await page.GetByRole(AriaRole.Button, new() { Name = "Continue", Exact = true }).ClickAsync();
        await Assertions.Expect(page.Locator(".he-revealed")).ToBeVisibleAsync();
        await page.GetByLabel("Name of the medicine").FillAsync("Ramipril");
        await page.GetByLabel("How much do you take each time?").FillAsync("1 capsule of 5 mg");
        await page.GetByRole(AriaRole.Button, new() { Name = "Add to the list" }).ClickAsync();
        await Assertions.Expect(page.GetByText("Ramipril")).ToBeVisibleAsync();
        await ContinueAsync(page, "question-repeating-group");

        await ChooseAsync(page, "Are you allergic", "No");
        await ChooseAsync(page, "Do any illnesses run in your close family", "No");
        await NextAsync(page);

        // A whole number, shown once "Yes, I smoke now" is chosen, beside the alcohol questions
        await ChooseAsync(page, "Do you smoke?", "Yes, I smoke now");
        await ChooseAsync(page, "How often do you have a drink that contains alcohol?", "Never");
        await page.GetByRole(AriaRole.Button, new() { Name = "Continue", Exact = true }).ClickAsync();
        await page.GetByLabel("About how many a day?").FillAsync("5");
        await ContinueAsync(page, "question-number");

        await ContinueAsync(page, "question-optional-textarea");

        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Check your answers" })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByText("Ramipril").First).ToBeVisibleAsync();
        // Issue 15 point 8: a back link, a heading per section, change links, labels people understand.
        await Assertions.Expect(page.Locator(".nhsuk-back-link")).ToHaveAttributeAsync("href", new Regex("/page/anything-else$"));
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Illnesses and medicines", Level = 2 })).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator(".nhsuk-summary-list__key", new() { HasTextString = "Medicine 1: name of the medicine" })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Change Medicine 1: name of the medicine" })).ToBeVisibleAsync();
        await ContinueAsync(page, "check-answers", "Send to your GP practice");

        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Your answers have been sent" })).ToBeVisibleAsync();
        var reference = await page.Locator(".nhsuk-panel .he-queue-reference").InnerTextAsync();
        Assert.Matches(ReferencePattern(), reference);
        // Issue 15 point 10: when the practice will read it (from its opening hours), and what to do meanwhile.
        await Assertions.Expect(page.Locator("main")).ToContainTextAsync("A member of the practice team will read your answers");
        await Assertions.Expect(page.Locator("main")).ToContainTextAsync("call 111");
        await Assertions.Expect(page.Locator("main")).Not.ToContainTextAsync("2 working days");
        await CheckAsync(page, "confirmation");
        await page.GetByRole(AriaRole.Link, new() { Name = "Go to your home page" }).ClickAsync();
        await Assertions.Expect(page.GetByText(reference)).ToBeVisibleAsync();
    }

    [Fact]
    public async Task ChestPainRightNow_StopsTheMedicalHistory_OnThe999Page()
    {
        var (page, patient) = await site.PatientOnAPhoneAsync("history-999");
        await page.GotoAsync($"/Journey/{patient.Id}/medical-history/page/who");
        await ChooseAsync(page, "Who is filling in this form?", "Me, the person with the appointment");
        await page.GetByLabel("Day").FillAsync("27");
        await page.GetByLabel("Month").FillAsync("3");
        await page.GetByLabel("Year").FillAsync("1970");
        await page.GetByRole(AriaRole.Button, new() { Name = "Continue", Exact = true }).ClickAsync();

        await ChooseAsync(page, "Before we start", "Chest pain");
        await page.GetByRole(AriaRole.Button, new() { Name = "Continue", Exact = true }).ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Call 999 now", Level = 1 })).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator(".nhsuk-card--care--emergency")).ToBeVisibleAsync();
        // Issue 15 point 10: one tap calls 999, and the page says "Call 999" once.
        await Assertions.Expect(page.Locator("a[href='tel:999']")).ToHaveCountAsync(1);
        await Assertions.Expect(page.GetByText(new Regex("Call 999"))).ToHaveCountAsync(1);
        await CheckAsync(page, "emergency");
        var sent = Assert.Single(await site.Store.ListSubmissionsForPatientAsync(patient.Id));
        Assert.Equal(FlagLevel.Emergency, sent.HighestFlag);
    }

    [Fact]
    public async Task BpCheck_IsCompletedWithJavaScriptOff()
    {
        var (page, patient) = await site.PatientOnAPhoneAsync("bp-nojs", javaScript: false);
        await page.GotoAsync($"/Journey/{patient.Id}/bp-check");
        await page.GetByRole(AriaRole.Link, new() { Name = "Start now" }).ClickAsync();

        await page.GetByLabel("Day").FillAsync("1");
        await page.GetByLabel("Month").FillAsync("3");
        await page.GetByLabel("Year").FillAsync("2026");
        await page.GetByLabel("Time", new() { Exact = true }).FillAsync("7.30am"); // issue 15: times as people write them
        await page.GetByLabel("Left arm").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Continue", Exact = true }).ClickAsync();

        // The "add another" list, by posting the form (no script to add rows).
        await page.GetByLabel("Top number", new() { Exact = false }).First.FillAsync("140");
        await page.GetByLabel("Bottom number", new() { Exact = false }).First.FillAsync("90");
        await page.GetByRole(AriaRole.Button, new() { Name = "Add to the list" }).ClickAsync();
        await page.GetByLabel("Top number", new() { Exact = false }).First.FillAsync("150");
        await page.GetByLabel("Bottom number", new() { Exact = false }).First.FillAsync("92");
        await BrowserSite.ScreenshotAsync(page, "nojs-bp-check-readings");
        await page.GetByRole(AriaRole.Button, new() { Name = "Continue", Exact = true }).ClickAsync();

        // Every page after the readings: answer "none" or "no" and go on, until the check page.
        for (var guard = 0; guard < 10 && !page.Url.EndsWith("/check", StringComparison.Ordinal); guard++)
        {
            var none = page.GetByLabel("None of these", new() { Exact = true });
            var no = page.GetByLabel("No", new() { Exact = true });
            if (await none.CountAsync() > 0) await none.First.CheckAsync();
            foreach (var radio in await no.AllAsync()) await radio.CheckAsync();
            await page.GetByRole(AriaRole.Button, new() { Name = "Continue", Exact = true }).ClickAsync();
        }
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Check your answers" })).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Send to your GP practice" }).ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Your answers have been sent" })).ToBeVisibleAsync();
        await BrowserSite.ScreenshotAsync(page, "nojs-bp-check-sent");
        var sent = Assert.Single(await site.Store.ListSubmissionsForPatientAsync(patient.Id));
        Assert.Equal("bp-check", sent.Questionnaire.Id);
    }

    /// <summary>Continue from a page of a kind already checked on the way (same components, different words).</summary>
    private static Task NextAsync(IPage page) => page.GetByRole(AriaRole.Button, new() { Name = "Continue", Exact = true }).ClickAsync();

    private static async Task ExpectHeadingAsync(IPage page, string heading) =>
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = heading, Level = 1 })).ToBeVisibleAsync();

    [GeneratedRegex(@"^\S+$")]
    private static partial Regex ReferencePattern();
}
