using System.Text.Json;
using HistoryEngine.Web.Infrastructure.Records.Model;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static HistoryEngine.Browser.Tests.PatientPage;

namespace HistoryEngine.Browser.Tests;

/// <summary>
/// Issue 15 point 12 at phone width (390 px): the practice registers a carer for a patient, with an invitation link and
/// access until a date; the carer chooses a password, signs in, acts for the patient, reads their name and "their" on
/// every page, finds "who is filling in this form" answered, and sends the medical history. Every page passes axe-core
/// (no serious or critical problem) and fits the phone.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class CarerJourneyPageTests(BrowserSite site)
{
    private const int Width = 390;

    private static async Task CheckOnPhoneAsync(IPage page, string screenshot)
    {
        await CheckAsync(page, screenshot);
        var width = await page.EvaluateAsync<int>("document.documentElement.scrollWidth");
        Assert.True(width <= Width, $"{page.Url} is {width}px wide on a {Width}px phone");
    }

    private static Task NextAsync(IPage page) => page.GetByRole(AriaRole.Button, new() { Name = "Continue", Exact = true }).ClickAsync();

    [Fact]
    public async Task ThePracticeRegistersACarer_WhoSignsIn_ActsForThePatient_AndSendsTheirHistory_InTheirWords()
    {
        var hasher = site.Services.GetRequiredService<IPasswordHasher<Person>>();
        var patient = await site.Store.AddPersonAsync(new NewPerson(Role.Patient, "Pat Example", "carer-flow-patient", null,
            new DateOnly(1950, 5, 1), null, hasher.HashPassword(null!, BrowserSite.Password)));
        await site.AddPersonAsync(Role.Clinician, "carer-flow-gp");
        var gp = await site.PhoneAsync(width: Width);
        await BrowserSite.SignInAsync(gp, "carer-flow-gp");

        // The practice registers the carer from the patient's page.
        await gp.GotoAsync($"/Clinician/Patient/{patient.Id}");
        await Assertions.Expect(gp.GetByRole(AriaRole.Heading, new() { Name = "People who can act for Pat Example" })).ToBeVisibleAsync();
        await CheckOnPhoneAsync(gp, "carer-practice-patient");
        await gp.GetByRole(AriaRole.Link, new() { Name = "Register a new carer for Pat Example" }).ClickAsync();
        await CheckOnPhoneAsync(gp, "carer-practice-register");
        await gp.GetByRole(AriaRole.Button, new() { Name = "Register the carer and make an invitation link" }).ClickAsync();
        await Assertions.Expect(gp.Locator(".nhsuk-error-summary")).ToContainTextAsync("Enter the carer's full name");
        await Assertions.Expect(gp.Locator(".nhsuk-error-summary")).ToContainTextAsync("Confirm that you have checked");
        await CheckOnPhoneAsync(gp, "carer-practice-register-errors");
        var ends = DateOnly.FromDateTime(DateTime.UtcNow).AddYears(1);
        await gp.GetByLabel("Carer's full name").FillAsync("Robin Example");
        await gp.GetByLabel("User name").FillAsync("carer-flow-robin");
        await gp.GetByLabel("Fill in questionnaires for them").CheckAsync();
        await gp.GetByLabel("Day").FillAsync(ends.Day.ToString());
        await gp.GetByLabel("Month").FillAsync(ends.Month.ToString());
        await gp.GetByLabel("Year").FillAsync(ends.Year.ToString());
        await gp.GetByLabel("I have checked that the patient agrees").CheckAsync();
        await gp.GetByRole(AriaRole.Button, new() { Name = "Register the carer and make an invitation link" }).ClickAsync();
        await Assertions.Expect(gp.Locator("h1")).ToContainTextAsync("Robin Example is registered");
        await Assertions.Expect(gp.Locator(".he-issued-link")).ToContainTextAsync("Give this link to the carer");
        await CheckOnPhoneAsync(gp, "carer-practice-registered");
        var invitation = await gp.Locator(".he-link-text").InnerTextAsync();

        // The carer chooses a password with the link and signs in.
        var carer = await site.PhoneAsync(width: Width);
        await carer.GotoAsync(invitation);
        await carer.GetByLabel("Password", new() { Exact = true }).FillAsync("robin's own long password");
        await carer.GetByLabel("Enter the password again").FillAsync("robin's own long password");
        await carer.GetByRole(AriaRole.Button, new() { Name = "Set my password" }).ClickAsync();
        await Assertions.Expect(carer.Locator("h1")).ToContainTextAsync("Your password is set");
        await carer.GotoAsync("/Account/SignIn");
        await Assertions.Expect(carer.GetByText("Sign in with your user name and the password you chose.")).ToBeVisibleAsync();
        await Assertions.Expect(carer.GetByText("ask your GP practice for a link to reset it")).ToBeVisibleAsync();
        await CheckOnPhoneAsync(carer, "carer-sign-in");
        await carer.GetByLabel("User name").FillAsync("carer-flow-robin");
        await carer.GetByLabel("Password").FillAsync("robin's own long password");
        await carer.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Assertions.Expect(carer).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/Carer$"));
        await CheckOnPhoneAsync(carer, "carer-people");

        // Acting for the patient: their name, and "their", not "your".
        await carer.GetByRole(AriaRole.Link, new() { Name = "Fill in questionnaires for Pat Example" }).ClickAsync();
        await Assertions.Expect(carer.Locator("h1")).ToHaveTextAsync("Questionnaires for Pat Example");
        await Assertions.Expect(carer.GetByRole(AriaRole.Heading, new() { Name = "Asked for by Pat Example's practice" })).ToBeVisibleAsync();
        await Assertions.Expect(carer.GetByRole(AriaRole.Heading, new() { Name = "Pat Example's submissions" })).ToBeVisibleAsync();
        await CheckOnPhoneAsync(carer, "carer-patient-home-their");
        await carer.GetByRole(AriaRole.Link, new() { Name = "Before your appointment" }).First.ClickAsync();
        await CheckOnPhoneAsync(carer, "carer-journey-start");
        await carer.GetByRole(AriaRole.Link, new() { Name = "Start now" }).ClickAsync();

        // Who is filling in the form: answered for the carer, with their name; the line says whom they answer for.
        await Assertions.Expect(carer.Locator(".he-acting-for")).ToContainTextAsync("You are answering for Pat Example. Answer each question about them, not about you.");
        await Assertions.Expect(carer).ToHaveTitleAsync(new System.Text.RegularExpressions.Regex(@"\(answering for Pat Example\)"));
        var who = carer.GetByRole(AriaRole.Group, new() { Name = "Who is filling in this form for the person with the appointment?" });
        await Assertions.Expect(who.GetByLabel("Someone else, with their permission", new() { Exact = false })).ToBeCheckedAsync();
        await Assertions.Expect(carer.GetByLabel("What is your name?")).ToHaveValueAsync("Robin Example");
        await carer.GetByLabel("How do you know them?").FillAsync("I am their carer");
        await ContinueAsync(carer, "carer-question-who");

        await Assertions.Expect(carer.Locator(".he-acting-for")).ToContainTextAsync("You are answering for Pat Example");
        await ChooseAsync(carer, "Before we start", "None of these");
        await ContinueAsync(carer, "carer-question-right-now");
        await ChooseAsync(carer, "What is the appointment about?", "Something else");
        await carer.GetByLabel("What would they like help with? Use their own words if you can.").FillAsync("Trouble sleeping for a month.");
        await ContinueAsync(carer, "carer-question-reason");
        await ChooseAsync(carer, "How long has this been going on?", "1 to 4 weeks");
        await ChooseAsync(carer, "Is it getting better, worse, or staying the same?", "Staying the same");
        await NextAsync(carer);
        await ChooseAsync(carer, "Has a doctor or nurse ever told them", "None of these");
        await ChooseAsync(carer, "Do they take any medicines?", "No");
        await ContinueAsync(carer, "carer-question-conditions");
        await ChooseAsync(carer, "Are they allergic", "No");
        await ChooseAsync(carer, "Do any illnesses run in their close family", "No");
        await NextAsync(carer);
        await ChooseAsync(carer, "Do they smoke?", "No, I have never smoked");
        await ChooseAsync(carer, "How often do you have a drink that contains alcohol?", "Never");
        await NextAsync(carer);
        await Assertions.Expect(carer.GetByLabel("Is there anything else you want their GP to know? (optional)")).ToBeVisibleAsync();
        await NextAsync(carer);

        await Assertions.Expect(carer.GetByRole(AriaRole.Heading, new() { Name = "Check Pat Example's answers" })).ToBeVisibleAsync();
        await Assertions.Expect(carer).ToHaveTitleAsync(new System.Text.RegularExpressions.Regex("^Check Pat Example's answers"));
        await Assertions.Expect(carer.Locator(".nhsuk-summary-list__key", new() { HasTextString = "Who is filling in this form for the person with the appointment?" })).ToBeVisibleAsync();
        await ContinueAsync(carer, "carer-check", "Send to their GP practice");

        await Assertions.Expect(carer.GetByRole(AriaRole.Heading, new() { Name = "Pat Example's answers have been sent" })).ToBeVisibleAsync();
        await Assertions.Expect(carer.GetByText("contact them if they need to", new() { Exact = false })).ToBeVisibleAsync();
        await CheckOnPhoneAsync(carer, "carer-confirmation");

        var submission = Assert.Single(await site.Store.ListSubmissionsForPatientAsync(patient.Id));
        var robin = (await site.Store.FindPersonByUserNameAsync("carer-flow-robin"))!;
        Assert.Equal(robin.Id, submission.AnsweredById);
        using var answers = JsonDocument.Parse(submission.AnswersJson);
        Assert.Equal("someone-else", answers.RootElement.GetProperty("who").GetString());
        Assert.Equal("Robin Example", answers.RootElement.GetProperty("helper_name").GetString());
    }
}
