using HistoryEngine.Testing;
using System.Text.Json;
using HistoryEngine.Runtime;
using HistoryEngine.Web.Infrastructure.Questionnaires;
using HistoryEngine.Web.Infrastructure.Records.Model;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static HistoryEngine.Browser.Tests.PatientPage;

namespace HistoryEngine.Browser.Tests;

/// <summary>
/// Issue 15 point 6 on a phone (390 px wide): the GP returns a blood pressure check asking about one page; the patient
/// sees the question on their home page, answers it on that page with the earlier answers filled in, sends it, and the
/// GP sees the new submission linked to the returned one. Every patient page is checked by axe-core and kept as a
/// screenshot.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class ReturnedAnswerPageTests(BrowserSite site)
{
    private const string Answers = """
        {"measured_at": "2026-03-01T08:00", "arm": "right",
         "readings": [{"systolic": 128, "diastolic": 82}, {"systolic": 124, "diastolic": 80}],
         "symptoms_now.symptoms": ["none"], "dizzy_on_standing": false, "comments": "My words from before"}
        """;

    private const string Question = "Have you started any new medicine? Please tell us on the medicines page.";

    [Fact]
    public async Task ThePatient_AnswersTheGpsQuestion_FromTheHomePage_OnThePageAskedAbout_AndTheGpSeesTheLink()
    {
        var patient = await site.AddPersonAsync(Role.Patient, "returned-patient");
        await site.AddPersonAsync(Role.Clinician, "returned-gp");
        var bp = site.Services.GetRequiredService<QuestionnaireCatalog>().Get("bp-check")!;
        var session = bp.CreateSession(TimeProvider.System);
        using (var answers = JsonDocument.Parse(Answers)) session.SetAnswers(answers.RootElement);
        var result = session.Result();
        var returned = await site.Store.AddSubmissionAsync(new NewSubmission(patient.Id, patient.Id, QuestionnaireCatalog.RefTo(bp),
            session.ExportAnswers(), ResultJson.Write(result), StoredFlagLevel.From(result.HighestLevel)));

        // The GP returns it, naming the page to look at again.
        var gp = await site.DesktopAsync();
        await BrowserSite.SignInAsync(gp, "returned-gp");
        await gp.GotoAsync($"/Clinician/Submission/{returned.Id}");
        await gp.GetByText("Return to the patient, asking for more").ClickAsync();
        await gp.GetByLabel("What do you need from the patient?").FillAsync(Question);
        await gp.GetByLabel("Your medicines", new() { Exact = true }).CheckAsync();
        await BrowserSite.ScreenshotAsync(gp, "returned-gp-return-form");
        await Accessibility.AssertNoSeriousProblemsAsync(gp);
        await gp.GetByRole(AriaRole.Button, new() { Name = "Return to the patient" }).ClickAsync();
        await Assertions.Expect(gp.Locator("main")).ToContainTextAsync("Returned to the patient with your message.");

        // The patient, on a phone: the question leads the home page.
        var phone = await site.PhoneAsync(width: 390);
        await BrowserSite.SignInAsync(phone, "returned-patient");
        await phone.GotoAsync("/Patient");
        var card = phone.Locator(".he-practice-question");
        await Assertions.Expect(card).ToContainTextAsync("Your practice has a question");
        await Assertions.Expect(card).ToContainTextAsync(Question);
        await CheckAsync(phone, "returned-home-question");

        // A message from the practice is counted as unread, opened on its own page, then no longer counted.
        await site.Store.AddMessageAsync(new NewMessage(patient.Id, patient.Id, "Flu clinic on Saturday", "Book your flu jab at reception.", null));
        await phone.GotoAsync("/Patient");
        await Assertions.Expect(phone.Locator(".he-unread-count")).ToHaveTextAsync("You have 1 unread message.");
        await phone.GetByRole(AriaRole.Link, new() { Name = "Flu clinic on Saturday" }).ClickAsync();
        await Assertions.Expect(phone.Locator("main")).ToContainTextAsync("Book your flu jab at reception.");
        await CheckAsync(phone, "returned-message-page");
        await phone.GotoAsync("/Patient");
        await Assertions.Expect(phone.Locator("main")).ToContainTextAsync("You have no unread messages.");

        // The returned submission's own confirmation asks the question too, instead of "within 2 working days".
        await phone.GetByRole(AriaRole.Link, new() { Name = returned.Reference }).ClickAsync();
        await Assertions.Expect(phone.Locator("h1")).ToHaveTextAsync("Your practice has a question");
        await Assertions.Expect(phone.Locator("main")).Not.ToContainTextAsync("working days");
        await CheckAsync(phone, "returned-question-confirmation");
        await phone.GotoAsync("/Patient");
        await phone.GetByRole(AriaRole.Button, new() { Name = "Answer the question" }).ClickAsync();

        // The page the GP asked about, with the rest of the earlier answers kept.
        Assert.EndsWith($"/Journey/{patient.Id}/bp-check/page/medicines", phone.Url);
        await ChooseAsync(phone, "Have you started a new medicine for your blood pressure in the last 4 weeks?", "No");
        await ContinueAsync(phone, "returned-medicines-page");
        await Assertions.Expect(phone.Locator("main textarea")).ToHaveValueAsync("My words from before");
        await ContinueAsync(phone, "returned-about-you-prefilled");
        await Assertions.Expect(phone.Locator("main")).ToContainTextAsync("Check your answers");
        await Assertions.Expect(phone.Locator("main")).ToContainTextAsync("128");
        await ContinueAsync(phone, "returned-check", "Send to your GP practice");
        await Assertions.Expect(phone.Locator("main")).ToContainTextAsync("Your answers have been sent");
        await Assertions.Expect(phone.Locator("main")).ToContainTextAsync($"reference {returned.Reference}");
        await Assertions.Expect(phone.Locator("main")).Not.ToContainTextAsync("working days");
        await CheckAsync(phone, "returned-sent");
        var reply = (await site.Store.ListSubmissionsForPatientAsync(patient.Id)).Single(s => s.Id != returned.Id);
        Assert.Equal(returned.Id, reply.RepliesTo);

        // The old confirmation now says it was answered; the home page no longer asks.
        await phone.GotoAsync($"/Submissions/{patient.Id}/{returned.Id}");
        await Assertions.Expect(phone.Locator("main")).ToContainTextAsync("you answered it");
        await CheckAsync(phone, "returned-old-confirmation");
        await phone.GotoAsync("/Patient");
        await Assertions.Expect(phone.Locator(".he-practice-question")).ToHaveCountAsync(0);

        // The GP sees the new submission answer the question, and each links to the other.
        await gp.GotoAsync($"/Clinician/Submission/{reply.Id}");
        await Assertions.Expect(gp.Locator(".he-answers-return")).ToContainTextAsync(Question);
        await BrowserSite.ScreenshotAsync(gp, "returned-gp-new-submission");
        await gp.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserSite.ScreenshotFolder, "returned-gp-new-submission-top.png") });
        await Accessibility.AssertNoSeriousProblemsAsync(gp);
        await gp.Locator(".he-answers-return").GetByRole(AriaRole.Link).ClickAsync();
        Assert.EndsWith($"/Clinician/Submission/{returned.Id}", gp.Url);
        await Assertions.Expect(gp.Locator(".he-answered-in")).ToContainTextAsync(reply.Reference);
    }
}
