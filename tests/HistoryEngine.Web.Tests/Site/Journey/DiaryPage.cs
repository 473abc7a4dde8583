using System.Globalization;
using System.Net;
using System.Text.Json;
using HistoryEngine.Web.Features.Shared.HomeReadings;
using HistoryEngine.Web.Infrastructure.Questionnaires;
using HistoryEngine.Web.Infrastructure.Records.Model;
using HistoryEngine.Web.Infrastructure.Time;

namespace HistoryEngine.Web.Tests.Site.Journey;

/// <summary>A signed-in patient and their diary page, driven as a browser with JavaScript off would; on a site whose
/// clock a test may first move on to a given moment, and whose own zone it may set (UTC unless it says).</summary>
public sealed class DiaryPage : IDisposable
{
    private readonly bool _ownsSite;

    private DiaryPage(TestSite site, bool ownsSite) => (Site, _ownsSite) = (site, ownsSite);

    public TestSite Site { get; }
    public JourneyDriver Driver { get; private set; } = null!;
    public Person Patient { get; private set; } = null!;
    public string Url => DiaryUrls.Diary(Patient.Id);

    /// <summary>On a site of its own, whose clock is first set to <paramref name="at"/> and its zone to
    /// <paramref name="clockZone"/> (UTC unless given).</summary>
    public static async Task<DiaryPage> StartAsync(DateTimeOffset? at = null, TimeZoneInfo? clockZone = null)
    {
        var site = new TestSite();
        site.Clock.SetLocalTimeZone(clockZone ?? TimeZoneInfo.Utc);
        if (at is { } moment)
            site.Clock.Advance(moment - site.Clock.GetUtcNow());
        return await StartAsync(site, ownsSite: true);
    }

    /// <summary>On the shared site, as a patient no other test has.</summary>
    public static Task<DiaryPage> StartAsync(SharedSite site) => StartAsync(site, ownsSite: false);

    /// <summary>On this site (the shipped questionnaires, say), which the page then owns and disposes of.</summary>
    public static Task<DiaryPage> StartAsync(TestSite site) => StartAsync(site, ownsSite: true);

    private static async Task<DiaryPage> StartAsync(TestSite site, bool ownsSite)
    {
        var diary = new DiaryPage(site, ownsSite);
        var (client, patient) = await site.SignedInPersonAsync(Role.Patient, TestSite.UniqueName("alex"));
        (diary.Driver, diary.Patient) = (new JourneyDriver(client), patient);
        return diary;
    }

    /// <summary>The UK day some days before the site's today. Tests add readings from yesterday back: a reading
    /// later today would be after now when the tests run early in the morning.</summary>
    public DateTime DaysAgo(int days) => UkTime.Now(Site.Clock).Date.AddDays(-days);

    /// <summary>Opens the diary and adds one sitting from its form.</summary>
    public async Task<HttpResponseMessage> AddAsync(DateTime day, string time, string top1, string bottom1, string? top2 = null,
        string? bottom2 = null, string? notes = null, string pulse1 = "", string arm = "left")
    {
        Assert.Equal(HttpStatusCode.OK, (await Driver.GetAsync(Url)).StatusCode);
        return await Driver.PostAsync(Url + "?handler=Add",
            ("taken:day", day.Day.ToString(CultureInfo.InvariantCulture)),
            ("taken:month", day.Month.ToString(CultureInfo.InvariantCulture)),
            ("taken:year", day.Year.ToString(CultureInfo.InvariantCulture)), ("taken:time", time),
            ("systolic1", top1), ("diastolic1", bottom1), ("pulse1", pulse1),
            ("systolic2", top2 ?? ""), ("diastolic2", bottom2 ?? ""), ("pulse2", ""), ("arm", arm), ("notes", notes ?? ""));
    }

    public async Task AddDaysAsync(int days, string top = "128", string bottom = "80")
    {
        for (var d = days; d >= 1; d--)
            Assert.Equal(HttpStatusCode.Redirect, (await AddAsync(DaysAgo(d), "07:30", top, bottom, top, bottom)).StatusCode);
    }

    public async Task<JsonElement[]> SavedReadingsAsync()
    {
        var draft = await Site.Store.GetDraftAsync(Patient.Id, DiaryQuestionnaire.Id);
        if (draft is null)
            return [];
        using var answers = JsonDocument.Parse(draft.AnswersJson);
        return answers.RootElement.TryGetProperty("readings", out var r) ? [.. r.EnumerateArray().Select(e => e.Clone())] : [];
    }

    public void Dispose()
    {
        if (_ownsSite)
            Site.Dispose();
    }
}
