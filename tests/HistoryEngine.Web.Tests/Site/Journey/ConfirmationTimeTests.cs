using System.Net;
using HistoryEngine.Web.Infrastructure.Questionnaires;
using HistoryEngine.Web.Infrastructure.Records.Model;
using HistoryEngine.Web.Infrastructure.Time;
using Microsoft.Extensions.DependencyInjection;

namespace HistoryEngine.Web.Tests.Site.Journey;

/// <summary>
/// Issue 15 point 10: the confirmation page says when the practice will read the answers, from its opening hours in
/// configuration, and what to do meanwhile, instead of "usually within 2 working days". A site of its own: the clock
/// is moved to given days and the practice's hours are set for it.
/// </summary>
public sealed class ConfirmationTimeTests
{
    /// <summary>The next Monday at least two days after now (the fake clock starts at the real time and moves only
    /// forward), so the week's days are in the clock's future whenever the test runs.</summary>
    private static DateOnly NextMonday()
    {
        var day = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(2);
        while (day.DayOfWeek != DayOfWeek.Monday)
            day = day.AddDays(1);
        return day;
    }

    private static string Iso(DateOnly day) => day.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public async Task TheConfirmation_SaysWhenTheAnswersWillBeRead_WhileOpen_InTheEvening_AndOverAWeekendAndAClosedDate()
    {
        var monday = NextMonday();
        var closedMonday = monday.AddDays(7);
        using var site = new TestSite
        {
            Settings = new Dictionary<string, string>
            {
                ["Practice:OpeningHours:Monday"] = "08:00-18:30",
                ["Practice:OpeningHours:Tuesday"] = "08:00-18:30",
                ["Practice:OpeningHours:Wednesday"] = "08:00-18:30",
                ["Practice:OpeningHours:Thursday"] = "08:00-18:30",
                ["Practice:OpeningHours:Friday"] = "08:00-13:00",
                ["Practice:OpeningHours:Saturday"] = "closed",
                ["Practice:OpeningHours:Sunday"] = "closed",
                // Every entry of the list web/appsettings.json has is replaced, so only this closed date counts.
                ["Practice:ClosedDates:0"] = Iso(closedMonday),
                ["Practice:ClosedDates:1"] = Iso(closedMonday),
                ["Practice:ClosedDates:2"] = Iso(closedMonday),
            },
        };
        var patient = await site.AddPersonAsync(Role.Patient, TestSite.UniqueName("sam"));
        var bp = site.Services.GetRequiredService<QuestionnaireCatalog>().Get("test-bp")!;

        Submission last = null!;
        HttpClient client = null!;
        async Task<string> SentAtAsync(DateOnly day, int hour, int minute)
        {
            site.Clock.SetUtcNow(UkTime.StartOf(day).AddHours(hour).AddMinutes(minute));
            var s = last = await site.Store.AddSubmissionAsync(new NewSubmission(patient.Id, patient.Id, QuestionnaireCatalog.RefTo(bp),
                "{}", """{"flags":[]}""", FlagLevel.None));
            // A fresh sign-in each time: the clock has moved past the idle limit.
            client = site.Browser();
            await site.SignInAsync(client, patient.UserName, withCode: false);
            var (status, html) = await Forms.GetAsync(client, $"/Submissions/{patient.Id}/{s.Id}");
            Assert.Equal(HttpStatusCode.OK, status);
            Assert.DoesNotContain("working days", html);
            Assert.Contains("NHS 111 online", html);
            Assert.Contains("Call 999 or go to A&amp;E in an emergency.", html);
            return html;
        }

        var tuesdayMorning = await SentAtAsync(monday.AddDays(1), 10, 0);
        Assert.Contains("Your GP practice is open until 6:30pm today. A member of the practice team will read your answers", tuesdayMorning);

        var tuesdayEvening = await SentAtAsync(monday.AddDays(1), 19, 0);
        Assert.Contains($"closed now. A member of the practice team will read your answers to \"Test blood pressure check\" on {UkTime.DayName(monday.AddDays(2))}, when they are open (8am to 6:30pm)", tuesdayEvening);

        // Friday closes at 1pm; then the weekend, then the Monday the practice is closed: Tuesday.
        var fridayAfternoon = await SentAtAsync(monday.AddDays(4), 14, 0);
        Assert.Contains($"on {UkTime.DayName(closedMonday.AddDays(1))}, when they are open (8am to 6:30pm)", fridayAfternoon);
        var saturday = await SentAtAsync(monday.AddDays(5), 11, 0);
        Assert.Contains($"on {UkTime.DayName(closedMonday.AddDays(1))}", saturday);

        // Once a clinician has it, the page no longer promises a day: someone is reading it.
        await site.Store.ChangeSubmissionStatusAsync(last.Id, SubmissionStatus.New, SubmissionStatus.InReview, patient.Id, null);
        var (_, inReview) = await Forms.GetAsync(client, $"/Submissions/{patient.Id}/{last.Id}");
        Assert.Contains("A member of the practice team is reading your answers", inReview);
        Assert.DoesNotContain("when they are open", inReview);
    }

    [Fact]
    public async Task WithoutOpeningHours_TheConfirmationPromisesNoDay()
    {
        // The tests' hosts read web/appsettings.json, which has example hours: they are cleared here.
        using var site = new TestSite
        {
            Settings = new Dictionary<string, string>
            {
                ["Practice:OpeningHours:Monday"] = "closed", ["Practice:OpeningHours:Tuesday"] = "closed",
                ["Practice:OpeningHours:Wednesday"] = "closed", ["Practice:OpeningHours:Thursday"] = "closed",
                ["Practice:OpeningHours:Friday"] = "closed", ["Practice:OpeningHours:Saturday"] = "closed",
                ["Practice:OpeningHours:Sunday"] = "closed",
            },
        };
        var (client, patient) = await site.SignedInPersonAsync(Role.Patient, TestSite.UniqueName("sam"));
        var bp = site.Services.GetRequiredService<QuestionnaireCatalog>().Get("test-bp")!;
        var s = await site.Store.AddSubmissionAsync(new NewSubmission(patient.Id, patient.Id, QuestionnaireCatalog.RefTo(bp),
            "{}", """{"flags":[]}""", FlagLevel.None));

        var (_, html) = await Forms.GetAsync(client, $"/Submissions/{patient.Id}/{s.Id}");

        Assert.Contains("will read them when the practice is next open", html);
        Assert.DoesNotContain("working days", html);
    }
}
