using System.Globalization;
using System.Text.Json;
using HistoryEngine.Testing;
using HistoryEngine.Runtime;
using HistoryEngine.Web.Infrastructure.Questionnaires;
using HistoryEngine.Web.Infrastructure.Records.Model;
using HistoryEngine.Web.Infrastructure.Time;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Microsoft.Playwright;

namespace HistoryEngine.Browser.Tests;

/// <summary>The site on a clock of the test's own, for a path that takes weeks (its own site and chromium).</summary>
public sealed class ClockedBrowserSite() : BrowserSite(new FakeTimeProvider(DateTimeOffset.UtcNow))
{
    public FakeTimeProvider FakeClock => (FakeTimeProvider)Clock;
}

/// <summary>
/// Issue 19, "done means": a GP files "hypertension" for a patient on the GP's pages, and the patient sees a plan
/// with the NICE investigations, their target in plain words and their next diary; a result the GP files ticks its
/// test off; two diaries above target, each filed by the GP on the submission page weeks apart, put the patient in
/// the GP's review queue with the reason; the GP marks it reviewed. The diaries are made as the journey makes them
/// (the engine's result of real answers).
/// </summary>
public sealed class CarePlanPathTests(ClockedBrowserSite site) : IClassFixture<ClockedBrowserSite>
{
    private async Task<Submission> SendDiaryAsync(Person patient, int systolic, int diastolic)
    {
        var catalog = site.Services.GetRequiredService<QuestionnaireCatalog>();
        var diary = catalog.Get("home-bp-diary")!;
        var today = UkTime.Today(site.Clock).ToDateTime(TimeOnly.MinValue);
        var readings = Enumerable.Range(0, 7).SelectMany(d => new[] { 7, 19 }.Select(h => new
        {
            taken = today.AddDays(d - 7).AddHours(h).ToString("yyyy-MM-ddTHH:mm", CultureInfo.InvariantCulture),
            systolic, diastolic,
        }));
        var session = diary.CreateSession(site.Clock);
        using (var answers = JsonDocument.Parse(JsonSerializer.Serialize(new { readings }))) session.SetAnswers(answers.RootElement);
        var result = session.Result();
        Assert.True(result.Errors.Count == 0, string.Join("; ", result.Errors.Select(e => $"{e.Path}: {e.Message}")));
        return await site.Store.AddSubmissionAsync(new NewSubmission(patient.Id, patient.Id, QuestionnaireCatalog.RefTo(diary),
            session.ExportAnswers(), ResultJson.Write(result), StoredFlagLevel.From(result.HighestLevel)));
    }

    private async Task<IPage> GpAsync()
    {
        var gp = await site.DesktopAsync();
        await BrowserSite.SignInAsync(gp, "plan-path-gp", site.Clock);
        return gp;
    }

    private static async Task AddToRecordAsync(IPage gp, string display, string? value)
    {
        await gp.GetByText("Add a diagnosis or test result").ClickAsync();
        var option = await gp.Locator("#Code option", new() { HasText = display }).First.GetAttributeAsync("value");
        await gp.Locator("#Code").SelectOptionAsync(option!);
        if (value is not null)
            await gp.GetByLabel("Result", new() { Exact = true }).FillAsync(value);
        await gp.GetByRole(AriaRole.Button, new() { Name = "Add to the record" }).ClickAsync();
    }

    [Fact]
    public async Task GpFilesHypertension_ThePatientSeesThePlan_AResultTicksItsTestOff_AndTwoDiariesAboveTargetReachTheQueue()
    {
        var patient = await site.AddPersonAsync(Role.Patient, "plan-path-patient");
        await site.AddPersonAsync(Role.Clinician, "plan-path-gp");

        // The GP files the diagnosis from the patient's record page.
        var gp = await GpAsync();
        await gp.GotoAsync($"/Clinician/Patient/{patient.Id}");
        await AddToRecordAsync(gp, "Hypertensive disorder", null);
        await Assertions.Expect(gp.Locator(".he-clinician-plan")).ToContainTextAsync("0 of 9 done");

        // The patient, on a phone, finds the plan from their record.
        var phone = await site.PhoneAsync(width: 390);
        await BrowserSite.SignInAsync(phone, "plan-path-patient", site.Clock);
        await phone.GotoAsync($"/Record/{patient.Id}");
        await phone.Locator(".he-plan-link").ClickAsync();
        await Assertions.Expect(phone.GetByRole(AriaRole.Heading, new() { Name = "Your high blood pressure care plan", Level = 1 })).ToBeVisibleAsync();
        await Assertions.Expect(phone.Locator(".he-plan-steps li")).ToHaveCountAsync(9);
        await Assertions.Expect(phone.Locator(".he-plan-steps li", new() { HasText = "Done" })).ToHaveCountAsync(0);
        await Assertions.Expect(phone.Locator("main")).ToContainTextAsync("below 135/85");
        await Assertions.Expect(phone.Locator("main")).ToContainTextAsync("Your next diary is due");

        // The GP files an HbA1c result: its test is ticked off on the patient's plan.
        await AddToRecordAsync(gp, "Haemoglobin A1c", "41");
        await Assertions.Expect(gp.Locator(".he-clinician-plan")).ToContainTextAsync("1 of 9 done");
        await phone.ReloadAsync();
        await Assertions.Expect(phone.Locator(".he-plan-steps li", new() { HasText = "Done" })).ToHaveCountAsync(1);

        // Two diaries above target, 10 days and then 4 weeks later, each filed by the GP from the queue.
        foreach (var (days, systolic, diastolic) in new[] { (10, 146, 91), (28, 142, 88) })
        {
            site.FakeClock.Advance(TimeSpan.FromDays(days));
            var diary = await SendDiaryAsync(patient, systolic, diastolic);
            gp = await GpAsync(); // the days ended the last sign-in
            await gp.GotoAsync("/Clinician");
            await gp.GetByRole(AriaRole.Link, new() { Name = diary.Reference }).ClickAsync();
            await gp.GetByRole(AriaRole.Button, new() { Name = "File ticked entries" }).ClickAsync();
            await Assertions.Expect(gp.Locator("main")).ToContainTextAsync("Filed from this submission");
        }

        // The patient is in the GP's queue with the reason.
        await gp.GotoAsync("/Clinician");
        var alerts = gp.Locator("table.he-plan-alerts");
        await Assertions.Expect(alerts).ToContainTextAsync("Test plan-path-patient");
        await Assertions.Expect(alerts).ToContainTextAsync("Two complete home diaries in a row at or above target 135/85");
        await Assertions.Expect(alerts).ToContainTextAsync("Soon");
        await BrowserSite.ScreenshotAsync(gp, "clinician-queue-plan-alert");
        await Accessibility.AssertNoSeriousProblemsAsync(gp);

        // The patient's plan says the last average was above target, with the averages as a chart and a table.
        phone = await site.PhoneAsync(width: 390);
        await BrowserSite.SignInAsync(phone, "plan-path-patient", site.Clock);
        await phone.GotoAsync($"/Plan/{patient.Id}");
        await Assertions.Expect(phone.Locator("main")).ToContainTextAsync("was above your target");
        await Assertions.Expect(phone.Locator(".he-chart__svg")).ToBeVisibleAsync();
        await Assertions.Expect(phone.Locator("table.he-bp-table tbody tr")).ToHaveCountAsync(2);
        await BrowserSite.ScreenshotAsync(phone, "care-plan-above-target");
        await Accessibility.AssertNoSeriousProblemsAsync(phone);
        var width = await phone.EvaluateAsync<int>("document.documentElement.scrollWidth");
        Assert.True(width <= 390, $"the plan is {width}px wide on a 390px phone");

        // The GP opens the patient from the alert and marks it reviewed: it leaves the queue.
        await alerts.GetByRole(AriaRole.Link, new() { Name = "Test plan-path-patient" }).ClickAsync();
        await gp.GetByRole(AriaRole.Button, new() { Name = "Mark as reviewed" }).ClickAsync();
        await Assertions.Expect(gp.Locator(".he-done")).ToContainTextAsync("marked reviewed");
        await gp.GotoAsync("/Clinician");
        await Assertions.Expect(gp.Locator("table.he-plan-alerts")).ToHaveCountAsync(0);
    }
}
