using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using HistoryEngine.Runtime;
using HistoryEngine.Web.Infrastructure.Questionnaires;
using Microsoft.Extensions.DependencyInjection;
using HistoryEngine.Web.Features.Shared.Answering;
using HistoryEngine.Web.Infrastructure.Records.Model;
using HistoryEngine.Web.Tests.Site.Journey;
using HistoryEngine.Web.Tests.Time;

namespace HistoryEngine.Web.Tests.Site;

/// <summary>
/// Issue 12 point 11: patients saw times labelled "(UTC)" (the resume page, messages), and clinicians UTC times. Every
/// page shows UK local time with no zone label, on both sides of a clock change; the store still keeps UTC. The site's
/// clock is set through its TimeProvider, whose own zone is UTC, as on the server.
/// </summary>
public sealed partial class UkTimePageTests
{
    /// <summary>13:05 UTC some days before or after the next clock change in <paramref name="month"/>.</summary>
    private static DateTimeOffset Around(int month, int days) => ClockChanges.At(ClockChanges.Next(month).AddDays(days), "13:05");

    private static TestSite SiteAt(DateTimeOffset at)
    {
        var site = new TestSite();
        site.Clock.Advance(at - site.Clock.GetUtcNow());
        return site;
    }

    /// <summary>The day, "13:05" UTC, and what UK time that is: BST after the March change and before the October one.</summary>
    public static TheoryData<int, int, string, string> Sides => new()
    {
        { 3, -1, "1:05pm", "13:05" },
        { 3, 1, "2:05pm", "14:05" },
        { 10, -1, "2:05pm", "14:05" },
        { 10, 1, "1:05pm", "13:05" },
    };

    [Theory]
    [MemberData(nameof(Sides))]
    public async Task Issue12_PatientsSeeUkTimes_OnTheResumePageAndInMessages_WithNoZoneLabel(int month, int days, string patientTime, string _)
    {
        var at = Around(month, days);
        using var site = SiteAt(at);
        var client = await site.SignedInAsync(Role.Patient, "alex");
        var patient = (await site.Store.FindPersonByUserNameAsync("alex"))!;
        var clinician = await site.AddPersonAsync(Role.Clinician, "drjones");
        var driver = new JourneyDriver(client);
        await driver.AnswerAsync(JourneyUrls.Page(patient.Id, "test-history", "who"), ("who", "patient"));
        await site.Store.AddMessageAsync(new NewMessage(patient.Id, clinician.Id, "About your readings", "Please book a review.", null));
        var day = UkDate(at);

        var home = await client.GetStringAsync("/Patient");
        var start = await client.GetStringAsync(JourneyUrls.Start(patient.Id, "test-history"));
        var record = await client.GetStringAsync($"/Record/{patient.Id}");

        Assert.Contains($"Last saved\n                    <time datetime=\"{Machine(at)}\">{day} at {patientTime}</time>", home);
        Assert.Contains($">{day} at {patientTime}</time>.", start);
        Assert.Contains($"<time datetime=\"{Machine(at)}\">{day} at {patientTime}</time>", record);
        foreach (var html in new[] { home, start, record })
            Assert.DoesNotMatch(UtcLabel(), html);
    }

    [Theory]
    [MemberData(nameof(Sides))]
    public async Task Issue12_CliniciansSeeUkTimes_InTheQueueAndOnASubmission_WithNoZoneLabel(int month, int days, string _, string clinicianTime)
    {
        var at = Around(month, days);
        using var site = SiteAt(at);
        var patient = await site.AddPersonAsync(Role.Patient, "alex");
        var questionnaire = site.Services.GetRequiredService<QuestionnaireCatalog>().Get("test-bp")!;
        var session = questionnaire.CreateSession(site.Clock);
        using (var answers = JsonDocument.Parse(Review.ReviewSite.SevereBp()))
            session.SetAnswers(answers.RootElement);
        var s = await site.Store.AddSubmissionAsync(new NewSubmission(patient.Id, patient.Id, QuestionnaireCatalog.RefTo(questionnaire),
            session.ExportAnswers(), ResultJson.Write(session.Result()), FlagLevel.Urgent));
        var clinician = await site.SignedInAsync(Role.Clinician, "drjones");
        var when = $"{UkShortDate(at)} {clinicianTime}";

        var queue = await clinician.GetStringAsync("/Clinician");
        var page = await clinician.GetStringAsync($"/Clinician/Submission/{s.Id}");

        Assert.Contains($"since {when}</span>", queue); // issue 15: the queue's waiting column says since when
        Assert.Contains($"Sent {when}", page);
        Assert.Contains($"<td class=\"nhsuk-table__cell\">{when}</td>", page); // the status history
        Assert.DoesNotMatch(UtcLabel(), queue);
        Assert.DoesNotMatch(UtcLabel(), page);
        // The store still keeps UTC.
        Assert.Equal(TimeSpan.Zero, (await site.Store.GetSubmissionAsync(s.Id))!.SubmittedAt.Offset);
    }

    [Fact]
    public async Task Issue12_TheAuditTrail_ShowsAndSearchesUkDays()
    {
        // 23:30 UTC on a summer evening is 00:30 the next day in the UK.
        var at = Around(3, 10).Date.AddHours(23).AddMinutes(30);
        using var site = SiteAt(new DateTimeOffset(at, TimeSpan.Zero));
        var admin = await site.SignedInAsync(Role.Admin, "kim");
        var patient = await site.AddPersonAsync(Role.Patient, "alex");
        await site.Store.AppendAuditAsync(new AuditEntry(patient.Id, "test.event", patient.Id, "late in the evening"));
        var ukDay = DateOnly.FromDateTime(at).AddDays(1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var utcDay = DateOnly.FromDateTime(at).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

        var onUkDay = await admin.GetStringAsync($"/Admin/Audit?patient=alex&from={ukDay}&to={ukDay}");
        var onUtcDay = await admin.GetStringAsync($"/Admin/Audit?patient=alex&from={utcDay}&to={utcDay}");

        Assert.Contains("late in the evening", onUkDay);
        Assert.Contains($"<td class=\"nhsuk-table__cell\">{ukDay} 00:30:00</td>", onUkDay);
        Assert.DoesNotContain("late in the evening", onUtcDay);
        Assert.DoesNotMatch(UtcLabel(), onUkDay);
    }

    private static readonly TimeZoneInfo London = TimeZoneInfo.FindSystemTimeZoneById("Europe/London");

    private static string UkDate(DateTimeOffset at) => TimeZoneInfo.ConvertTime(at, London).ToString("d MMMM yyyy", CultureInfo.GetCultureInfo("en-GB"));

    private static string UkShortDate(DateTimeOffset at) => TimeZoneInfo.ConvertTime(at, London).ToString("d MMM yyyy", CultureInfo.GetCultureInfo("en-GB"));

    /// <summary>The <c>datetime</c> attribute: the instant with its UK offset (Razor encodes the plus sign).</summary>
    private static string Machine(DateTimeOffset at) =>
        System.Net.WebUtility.HtmlEncode(TimeZoneInfo.ConvertTime(at, London).ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture)).Replace("+", "&#x2B;");

    [GeneratedRegex(@"\bUTC\b")]
    private static partial Regex UtcLabel();
}
