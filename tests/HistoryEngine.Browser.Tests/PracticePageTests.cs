using HistoryEngine.Testing;
using HistoryEngine.Web.Infrastructure.Records.Model;
using Microsoft.Playwright;
using static HistoryEngine.Browser.Tests.PatientPage;

namespace HistoryEngine.Browser.Tests;

/// <summary>
/// Issue 15 points 3, 4 and 5: the practice registers a patient on a phone-sized screen, the patient chooses a password
/// with the invitation link, the practice edits details and makes a reset link; every page passes axe-core and fits
/// the phone. At a GP's desk (1280 by 800) the queue's rows start above the fold, with the urgent work count.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class PracticePageTests(BrowserSite site)
{
    private static async Task FitsAPhoneAsync(IPage page)
    {
        var width = await page.EvaluateAsync<int>("document.documentElement.scrollWidth");
        Assert.True(width <= 375, $"{page.Url} is {width}px wide on a 375px phone");
    }

    private static async Task CheckOnPhoneAsync(IPage page, string screenshot)
    {
        await CheckAsync(page, screenshot);
        await FitsAPhoneAsync(page);
    }

    [Fact]
    public async Task ThePractice_RegistersAPatient_WhoChoosesAPassword_ThenEditsDetailsAndMakesAResetLink_OnAPhone()
    {
        await site.AddPersonAsync(Role.Clinician, "practice-gp");
        var gp = await site.PhoneAsync();
        await BrowserSite.SignInAsync(gp, "practice-gp");

        await gp.GotoAsync("/Clinician/Register");
        await CheckOnPhoneAsync(gp, "practice-register");
        await gp.GetByRole(AriaRole.Button, new() { Name = "Register and make an invitation link" }).ClickAsync();
        await Assertions.Expect(gp.Locator(".nhsuk-error-summary")).ToContainTextAsync("Enter the patient's full name");
        await CheckOnPhoneAsync(gp, "practice-register-errors");

        await gp.GetByLabel("Full name").FillAsync("Morgan Registered");
        await gp.GetByLabel("User name").FillAsync("morgan-registered");
        await gp.GetByLabel("Day").FillAsync("9");
        await gp.GetByLabel("Month").FillAsync("11");
        await gp.GetByLabel("Year").FillAsync("1975");
        await gp.GetByLabel("NHS number (optional)").FillAsync("999 000 0019");
        await gp.GetByLabel("Telephone number (optional)").FillAsync("07700 900321");
        await gp.GetByLabel("Male", new() { Exact = true }).CheckAsync();
        await gp.GetByRole(AriaRole.Button, new() { Name = "Register and make an invitation link" }).ClickAsync();
        // The NHS number's check digit is wrong: said next to the field, and what was typed is kept.
        await Assertions.Expect(gp.Locator("#nhsNumber-error")).ToContainTextAsync("Enter a valid NHS number");
        await Assertions.Expect(gp.GetByLabel("Telephone number (optional)")).ToHaveValueAsync("07700 900321");
        await CheckOnPhoneAsync(gp, "practice-register-nhs-error");
        await gp.GetByLabel("NHS number (optional)").FillAsync("999 000 0069");
        await gp.GetByRole(AriaRole.Button, new() { Name = "Register and make an invitation link" }).ClickAsync();
        await Assertions.Expect(gp.Locator("h1")).ToContainTextAsync("Morgan Registered is registered");
        await CheckOnPhoneAsync(gp, "practice-registered");
        var invitation = await gp.Locator(".he-link-text").InnerTextAsync();

        var patient = await site.PhoneAsync();
        await patient.GotoAsync(invitation);
        await CheckOnPhoneAsync(patient, "patient-set-password");
        await patient.GetByLabel("Password", new() { Exact = true }).FillAsync("a good long password");
        await patient.GetByLabel("Enter the password again").FillAsync("a different password");
        await patient.GetByRole(AriaRole.Button, new() { Name = "Set my password" }).ClickAsync();
        await Assertions.Expect(patient.Locator("#confirm-error")).ToContainTextAsync("The passwords do not match");
        await CheckOnPhoneAsync(patient, "patient-set-password-error");
        await patient.GetByLabel("Password", new() { Exact = true }).FillAsync("a good long password");
        await patient.GetByLabel("Enter the password again").FillAsync("a good long password");
        await patient.GetByRole(AriaRole.Button, new() { Name = "Set my password" }).ClickAsync();
        await Assertions.Expect(patient.Locator("h1")).ToContainTextAsync("Your password is set");
        await CheckOnPhoneAsync(patient, "patient-password-set");
        await patient.GotoAsync(invitation);
        await Assertions.Expect(patient.Locator("h1")).ToContainTextAsync("This link does not work");
        await CheckOnPhoneAsync(patient, "patient-link-spent");
        await patient.GotoAsync("/Account/SignIn");
        await patient.GetByLabel("User name").FillAsync("morgan-registered");
        await patient.GetByLabel("Password").FillAsync("a good long password");
        await patient.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Assertions.Expect(patient).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/Patient$"));

        var registered = (await site.Store.FindPersonByUserNameAsync("morgan-registered"))!;
        await gp.GotoAsync($"/Clinician/Patient/{registered.Id}");
        await Assertions.Expect(gp.Locator(".he-patient-facts")).ToContainTextAsync("NHS number 999 000 0069.");
        await gp.GetByRole(AriaRole.Link, new() { Name = "Change details or make a sign-in link for Morgan Registered" }).ClickAsync();
        await Assertions.Expect(gp.GetByLabel("NHS number (optional)")).ToHaveValueAsync("999 000 0069");
        await CheckOnPhoneAsync(gp, "practice-details");
        await gp.GetByLabel("Telephone number (optional)").FillAsync("01632 960123");
        await gp.GetByRole(AriaRole.Button, new() { Name = "Save details" }).ClickAsync();
        await Assertions.Expect(gp.Locator(".he-done")).ToContainTextAsync("The details were saved.");
        await gp.GetByRole(AriaRole.Button, new() { Name = "Make a password reset link" }).ClickAsync();
        await Assertions.Expect(gp.Locator(".he-issued-link")).ToContainTextAsync("Password reset link");
        await CheckOnPhoneAsync(gp, "practice-reset-link");
        await Assertions.Expect(gp.Locator(".he-waiting")).ToBeVisibleAsync();
    }

    [Fact]
    public async Task TheQueue_AtAGpsDesk_ShowsItsRowsAboveTheFold_WithReasonAgeNhsNumber_AndTheUrgentCount()
    {
        var patient = await site.AddPersonAsync(Role.Patient, "queue-fold-patient");
        await site.Store.WriteAsync(w => w.UpdatePersonDetails(patient.Id, new PersonDetails(patient.DisplayName, null,
            "07700 900654", new DateOnly(1961, 5, 4), "9990000077", HistoryEngine.Runtime.PatientSex.Female)));
        var questionnaire = new QuestionnaireRef("home-bp-diary", "1.0.0", "sha256:fold");
        foreach (var (level, reason) in new[] { ("emergency", "Test emergency reason"), ("urgent", "Test urgent reason"), ("soon", "Test soon reason") })
            await site.Store.AddSubmissionAsync(new NewSubmission(patient.Id, patient.Id, questionnaire, "{}",
                $$"""{"flags":[{"rule":"r","level":"{{level}}","clinician":"{{reason}}","source":"Test fixture"}]}""", StoredFlagLevel.From(HistoryEngine.Definitions.FlagLevels.Parse(level))));
        await site.AddPersonAsync(Role.Clinician, "queue-fold-gp");
        var context = await site.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            ViewportSize = new ViewportSize { Width = 1280, Height = 800 }, BaseURL = site.BaseUrl, BypassCSP = true,
        });
        var gp = await context.NewPageAsync();
        await BrowserSite.SignInAsync(gp, "queue-fold-gp");

        await gp.GotoAsync("/Clinician");
        var firstRow = gp.Locator("table.he-queue tbody tr").First;
        await Assertions.Expect(firstRow).ToContainTextAsync("Test emergency reason");
        await Assertions.Expect(firstRow).ToContainTextAsync("999 000 0077");
        // All three rows, not just the first, are on the first screen.
        var box = (await gp.Locator("table.he-queue tbody tr").Nth(2).BoundingBoxAsync())!;
        Assert.True(box.Y + box.Height <= 800, $"the queue's third row ends at {box.Y + box.Height}px, below the fold at 800px");
        await Assertions.Expect(gp.Locator(".he-waiting")).ToContainTextAsync("Emergency");
        await Assertions.Expect(gp.Locator(".he-queue-filters")).Not.ToHaveAttributeAsync("open", "");
        await BrowserSite.ScreenshotAsync(gp, "clinician-queue-1280x800");
        await Accessibility.AssertNoSeriousProblemsAsync(gp);
    }
}
