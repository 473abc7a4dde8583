using System.Net;
using System.Reflection;
using System.Runtime.ExceptionServices;
using System.Text.Json;
using HistoryEngine.Web.Infrastructure.Records;
using HistoryEngine.Web.Infrastructure.Records.LiteDb;
using HistoryEngine.Web.Infrastructure.Records.Model;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace HistoryEngine.Web.Tests.Site.Journey;

/// <summary>
/// Issue 12, point 6: every way a page saves the draft applies the questions' length limits and the draft size
/// limit. "Save and finish later" and "Add to the list" used to store whatever was typed (3 MB in a field of 1000
/// characters; 12 MB drafts), after which pages slowed and the next save failed.
/// </summary>
[Collection(SharedSite.Collection)]
public sealed class DraftLimitTests(SharedSite shared)
{
    /// <summary>A new patient, signed in on the shared site.</summary>
    private async Task<(TestSite Site, JourneyDriver Driver, string PatientId)> StartAsync()
    {
        var (client, patient) = await shared.SignedInPersonAsync(Role.Patient, TestSite.UniqueName("alex"));
        return (shared, new JourneyDriver(client), patient.Id);
    }

    private static async Task<HttpResponseMessage> PageAsync(JourneyDriver driver, string url, params (string, string)[] fields)
    {
        Assert.Equal(HttpStatusCode.OK, (await driver.GetAsync(url)).StatusCode);
        return await driver.PostAsync(url, [.. JourneyDriver.Shown(driver.Html).Select(s => ("shown", s)), .. fields]);
    }

    [Theory]
    [InlineData("later")]
    [InlineData("continue")]
    public async Task ThreeMegabytes_InAFieldOf1000Characters_IsRefusedWithAMessage_AndNotStored(string action)
    {
        var (site, driver, patient) = await StartAsync();
        var url = $"/Journey/{patient}/test-bp/page/about-you";
        Assert.Equal(HttpStatusCode.Redirect, (await PageAsync(driver, url, ("comments", "First words"), ("action", "later"))).StatusCode);
        var before = await site.Store.GetDraftAsync(patient, "test-bp");

        var response = await PageAsync(driver, url, ("comments", new string('x', 3 * 1024 * 1024)), ("action", action));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("There is a problem", driver.Html);
        Assert.Contains("Your answer must be 1000 characters or fewer", driver.Html);
        Assert.Contains("id=\"q-comments-error\"", driver.Html);
        Assert.Equal(before, await site.Store.GetDraftAsync(patient, "test-bp"));
    }

    [Fact]
    public async Task AddingAnotherEntry_WithAHugeValue_IsRefusedWithAMessage_AndNotStored()
    {
        var (site, driver, patient) = await StartAsync();
        var url = $"/Journey/{patient}/long-answers/page/list";
        Assert.Equal(HttpStatusCode.Redirect, (await PageAsync(driver, url, ("medicines[0].name", "Ramipril"), ("action", "add:medicines"))).StatusCode);
        var before = await site.Store.GetDraftAsync(patient, "long-answers");

        foreach (var action in new[] { "add:medicines", "later" })
        {
            var response = await PageAsync(driver, url, ("medicines[1].name", new string('x', 1024 * 1024)), ("action", action));

            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Contains("Your answer must be 100 characters or fewer", driver.Html);
            Assert.Equal(before, await site.Store.GetDraftAsync(patient, "long-answers"));
        }
        using var kept = JsonDocument.Parse(before!.AnswersJson);
        Assert.Equal("Ramipril", kept.RootElement.GetProperty("medicines")[0].GetProperty("name").GetString());
    }

    [Fact]
    public async Task AnswersEachWithinTheirLimit_ButOverTheDraftLimitTogether_AreRefusedWithAMessage_AndNotStored()
    {
        var (site, driver, patient) = await StartAsync();
        var url = $"/Journey/{patient}/long-answers/page/stories";
        // 100,000 characters is the engine's limit for a text without max_length (counted as a browser counts them,
        // so one "€" each); each is 3 bytes in UTF-8, so four such stories are over the draft's 1 MiB.
        var story = string.Concat(Enumerable.Repeat("€", 100_000));

        var response = await PageAsync(driver, url, ("first", story), ("second", story), ("third", story), ("fourth", story), ("action", "later"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Your answers are too long to save", driver.Html);
        Assert.DoesNotContain("characters or fewer", driver.Html);
        Assert.Null(await site.Store.GetDraftAsync(patient, "long-answers"));
    }

    [Fact]
    public async Task AnEmergency_BesideAnOverLongAnswer_StillGoesToThePractice_WithoutTheOverLongText()
    {
        var (site, driver, patient) = await StartAsync();
        var url = $"/Journey/{patient}/long-answers/page/now";

        var response = await PageAsync(driver, url, ("collapsed", "true"), ("note", "Much longer than ten"), ("action", "later"));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith($"/Submissions/{patient}/", response.Headers.Location!.OriginalString);
        var sent = Assert.Single(await site.Store.ListSubmissionsForPatientAsync(patient));
        Assert.Equal(FlagLevel.Emergency, sent.HighestFlag);
        using var answers = JsonDocument.Parse(sent.AnswersJson);
        Assert.True(answers.RootElement.GetProperty("collapsed").GetBoolean());
        Assert.False(answers.RootElement.TryGetProperty("note", out _));
    }

    [Fact]
    public async Task ADraftTooLargeToSave_OnAPageWithoutItsOwnMessage_GetsAPageSayingSo_NotA500()
    {
        // A draft stored before the limit existed can be refused at its next save wherever that happens (the diary
        // here); the store is made to refuse every draft, as it would that one.
        using var site = new TestSite { ReplaceServices = TooLargeDrafts.Instead };
        var client = await site.SignedInAsync(Role.Patient, "alex");
        var patient = (await site.Store.FindPersonByUserNameAsync("alex"))!;
        var driver = new JourneyDriver(client);
        Assert.Equal(HttpStatusCode.OK, (await driver.GetAsync($"/Diary/{patient.Id}")).StatusCode);

        var taken = site.Clock.GetUtcNow().AddHours(-3); // earlier today in UK time too, summer or winter
        var response = await driver.PostAsync($"/Diary/{patient.Id}?handler=Add", ("systolic1", "140"), ("diastolic1", "85"),
            ("taken:day", $"{taken.Day}"), ("taken:month", $"{taken.Month}"), ("taken:year", $"{taken.Year}"), ("taken:time", taken.ToString("HH:mm")),
            ("arm", "left"));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Contains("your answers are too long to save", driver.Html);
        Assert.DoesNotContain("Exception", driver.Html);
    }
}

/// <summary>The real store, except that every draft save is refused as too large.</summary>
public class TooLargeDrafts : DispatchProxy
{
    private IRecordStore _inner = null!;

    public static void Instead(IServiceCollection services)
    {
        services.RemoveAll<IRecordStore>();
        services.AddSingleton(sp =>
        {
            var proxy = Create<IRecordStore, TooLargeDrafts>();
            ((TooLargeDrafts)(object)proxy)._inner = sp.GetRequiredService<LiteDbRecordStore>();
            return proxy;
        });
    }

    protected override object? Invoke(MethodInfo? targetMethod, object?[]? args)
    {
        if (targetMethod!.Name == nameof(IRecordStore.SaveDraftAsync))
            return Task.FromException<Draft>(new RecordTooLargeException("draft", Draft.MaxAnswersBytes + 1, Draft.MaxAnswersBytes));
        try
        {
            return targetMethod.Invoke(_inner, args);
        }
        catch (TargetInvocationException e) when (e.InnerException is not null)
        {
            ExceptionDispatchInfo.Capture(e.InnerException).Throw();
            throw;
        }
    }
}
