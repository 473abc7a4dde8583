using HistoryEngine.Testing;
using System.Globalization;
using System.Text.Json;
using HistoryEngine.Runtime;
using HistoryEngine.Web.Features.Shared.Answering;
using HistoryEngine.Web.Infrastructure.Questionnaires;
using HistoryEngine.Web.Infrastructure.Records;
using HistoryEngine.Web.Infrastructure.Records.Model;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace HistoryEngine.Browser.Tests;

/// <summary>
/// A GP opens the queue, reads a flagged history and a diary, files entries, and the patient then sees them in
/// their record. The submissions are made as the journey makes them (the engine's result of real answers).
/// </summary>
public sealed class ClinicianReviewTests(BrowserSite site) : IClassFixture<BrowserSite>
{
    // The medical history of the shipped scenario "headache and low mood", with PHQ-9 item 9 at "several days".
    private const string FlaggedHistory = """
        {"who": "patient", "date_of_birth": "1970-03-27", "urgent_now": ["none"], "complaints": ["mood"],
         "in_own_words": "I feel low <and> I can't sleep",
         "mood.phq2_interest": "LA6570-1", "mood.phq2_down": "LA6569-3", "mood.gad2_nervous": "LA6568-5", "mood.gad2_worry": "LA6569-3",
         "phq9.q1": "LA6570-1", "phq9.q2": "LA6569-3", "phq9.q3": "LA6569-3", "phq9.q4": "LA6570-1", "phq9.q5": "LA6568-5",
         "phq9.q6": "LA6569-3", "phq9.q7": "LA6568-5", "phq9.q8": "LA6568-5", "phq9.q9": "LA6569-3",
         "conditions": ["none"], "takes_medicines": false, "has_allergies": "no", "family": "no", "smoking": "never",
         "alcohol.q1": "never"}
        """;

    private async Task<Submission> SubmitAsync(Person patient, string questionnaireId, string answersJson)
    {
        var catalog = site.Services.GetRequiredService<QuestionnaireCatalog>();
        var questionnaire = catalog.Get(questionnaireId)!;
        var session = questionnaire.CreateSession(TimeProvider.System);
        using (var answers = JsonDocument.Parse(answersJson)) session.SetAnswers(answers.RootElement);
        var result = session.Result();
        Assert.True(result.Errors.Count == 0, string.Join("; ", result.Errors.Select(e => $"{e.Path}: {e.Message}")));
        var store = site.Services.GetRequiredService<IRecordStore>();
        return await store.AddSubmissionAsync(new NewSubmission(patient.Id, patient.Id, QuestionnaireCatalog.RefTo(questionnaire),
            session.ExportAnswers(), ResultJson.Write(result), StoredFlagLevel.From(result.HighestLevel)));
    }

    private static string WeekOfDiary()
    {
        var today = DateTime.Now.Date;
        var readings = Enumerable.Range(0, 7).SelectMany(d => new[] { 7, 19 }.Select(h => new
        {
            taken = today.AddDays(d - 7).AddHours(h).ToString("yyyy-MM-ddTHH:mm", CultureInfo.InvariantCulture),
            systolic = d == 0 ? 172 : 146,
            diastolic = d == 0 ? 98 : 91,
        }));
        return JsonSerializer.Serialize(new { readings });
    }

    [Fact]
    public async Task Gp_ReadsAFlaggedHistoryAndADiary_FilesEntries_AndThePatientSeesThem()
    {
        var patient = await site.AddPersonAsync(Role.Patient, "review-patient");
        await site.AddPersonAsync(Role.Clinician, "review-gp");
        var history = await SubmitAsync(patient, "medical-history", FlaggedHistory);
        var diary = await SubmitAsync(patient, "home-bp-diary", WeekOfDiary());

        var gp = await site.DesktopAsync();
        await BrowserSite.SignInAsync(gp, "review-gp");
        await gp.GotoAsync("/Clinician");
        // The urgent history comes before the routine diary.
        var rows = await gp.Locator("table.he-queue tbody tr").AllInnerTextsAsync();
        var historyRow = rows.ToList().FindIndex(r => r.Contains(history.Reference));
        var diaryRow = rows.ToList().FindIndex(r => r.Contains(diary.Reference));
        Assert.True(historyRow >= 0 && historyRow < diaryRow, $"history at row {historyRow}, diary at row {diaryRow}");
        await BrowserSite.ScreenshotAsync(gp, "clinician-queue");
        await Accessibility.AssertNoSeriousProblemsAsync(gp);

        await gp.GetByRole(AriaRole.Link, new() { Name = history.Reference }).ClickAsync();
        await Assertions.Expect(gp.Locator("main")).ToContainTextAsync("PHQ-9");
        await Assertions.Expect(gp.Locator("main")).ToContainTextAsync("I feel low <and> I can't sleep");
        await BrowserSite.ScreenshotAsync(gp, "clinician-history");
        await Accessibility.AssertNoSeriousProblemsAsync(gp);
        await gp.GetByRole(AriaRole.Button, new() { Name = "File ticked entries" }).ClickAsync();
        await Assertions.Expect(gp.Locator("main")).ToContainTextAsync("Filed from this submission");

        await gp.GotoAsync($"/Clinician/Submission/{diary.Id}");
        await Assertions.Expect(gp.Locator("main")).ToContainTextAsync("set aside");
        await BrowserSite.ScreenshotAsync(gp, "clinician-diary");
        await Accessibility.AssertNoSeriousProblemsAsync(gp);
        await gp.GetByLabel("Message to the patient (optional)").First.FillAsync("Your readings are a little high. Please book a review.");
        await gp.GetByRole(AriaRole.Button, new() { Name = "File ticked entries" }).ClickAsync();
        await Assertions.Expect(gp.Locator("main")).ToContainTextAsync("Filed from this submission");

        var phone = await site.PhoneAsync(width: 390);
        await BrowserSite.SignInAsync(phone, "review-patient");
        await phone.GotoAsync($"/Record/{patient.Id}");
        var record = phone.Locator("main");
        // The diary's two averages are one blood pressure on the record, systolic first (issue 15 point 10).
        await Assertions.Expect(record).ToContainTextAsync("Average home blood pressure");
        await Assertions.Expect(record.Locator(".he-pair").First).ToHaveTextAsync(new System.Text.RegularExpressions.Regex(@"^\d{2,3}/\d{2,3} mmHg$"));
        await Assertions.Expect(record).ToContainTextAsync("PHQ-9");
        await Assertions.Expect(record).ToContainTextAsync("Please book a review.");
        await BrowserSite.ScreenshotAsync(phone, "patient-record-after-filing");
        await Accessibility.AssertNoSeriousProblemsAsync(phone);
        var width = await phone.EvaluateAsync<int>("document.documentElement.scrollWidth");
        Assert.True(width <= 390, $"the record is {width}px wide on a 390px phone");
    }

    // Issue 15 point 1: what decides the next action is above the fold on a GP's 1280 x 800 screen, for a history
    // stopped at an emergency and for a complete one. The page heights are written beside the screenshots
    // (page-heights.txt) for the notes; the assertion is the fold, not a height.
    [Theory]
    [InlineData("stopped", """{"who": "patient", "date_of_birth": "1970-03-27", "urgent_now": ["chest-pain"]}""")]
    [InlineData("complete", FlaggedHistory)]
    public async Task Gp_SeesWhoWhyFlagsAndKeyScores_AboveTheFold(string name, string answers)
    {
        var patient = await site.AddPersonAsync(Role.Patient, $"fold-{name}");
        await site.AddPersonAsync(Role.Clinician, $"fold-gp-{name}");
        var history = await SubmitAsync(patient, "medical-history", answers);

        var gp = await site.DesktopAsync();
        await gp.SetViewportSizeAsync(1280, 800);
        await BrowserSite.SignInAsync(gp, $"fold-gp-{name}");
        await gp.GotoAsync($"/Clinician/Submission/{history.Id}");

        foreach (var part in new[] { ".he-who", ".he-flags li", name == "complete" ? ".he-values" : ".he-flags" })
        {
            var box = await gp.Locator(part).Last.BoundingBoxAsync();
            Assert.True(box is not null && box.Y + box.Height <= 800, $"{part} ends at {box?.Y + box?.Height} px, below the fold");
        }
        if (name == "complete")
            await Assertions.Expect(gp.Locator(".he-values")).ToContainTextAsync("PHQ-9 total");
        await BrowserSite.ScreenshotAsync(gp, $"clinician-{name}-history-1280");
        await Accessibility.AssertNoSeriousProblemsAsync(gp);
        var height = await gp.EvaluateAsync<int>("document.documentElement.scrollHeight");
        Directory.CreateDirectory(BrowserSite.ScreenshotFolder);
        await File.AppendAllTextAsync(Path.Combine(BrowserSite.ScreenshotFolder, "page-heights.txt"),
            $"GP submission page, {name} history, 1280 wide: {height} px{Environment.NewLine}");
    }
}
