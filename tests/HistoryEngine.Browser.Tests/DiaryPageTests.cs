using System.Globalization;
using HistoryEngine.Web.Infrastructure.Records.Model;
using HistoryEngine.Web.Infrastructure.Time;
using Microsoft.Playwright;
using static HistoryEngine.Browser.Tests.PatientPage;

namespace HistoryEngine.Browser.Tests;

/// <summary>The home blood pressure diary at phone width: a week of sittings, the urgent and emergency branches.</summary>
[Collection(BrowserCollection.Name)]
public sealed class DiaryPageTests(BrowserSite site)
{
    /// <summary>Fills in the sitting form and adds it; without a second reading, only the first is added.</summary>
    internal static async Task AddSittingAsync(IPage page, DateTime day, string time, string top1, string bottom1, string? top2 = null,
        string? bottom2 = null, string? pulse = null)
    {
        await page.Locator("#sitting-systolic1").FillAsync(top1);
        await page.Locator("#sitting-diastolic1").FillAsync(bottom1);
        if (pulse is not null)
            await page.Locator("#sitting-pulse1").FillAsync(pulse);
        await page.Locator("#sitting-systolic2").FillAsync(top2 ?? "");
        await page.Locator("#sitting-diastolic2").FillAsync(bottom2 ?? "");
        await page.Locator("#sitting-day").FillAsync(day.Day.ToString(CultureInfo.InvariantCulture));
        await page.Locator("#sitting-month").FillAsync(day.Month.ToString(CultureInfo.InvariantCulture));
        await page.Locator("#sitting-year").FillAsync(day.Year.ToString(CultureInfo.InvariantCulture));
        await page.Locator("#sitting-time").FillAsync(time);
        await page.GetByRole(AriaRole.Button, new() { Name = "Add these readings" }).ClickAsync();
    }

    private const int Phone = 390;

    private static ILocator Status(IPage page) => page.Locator("#status");

    private static async Task FitsThePhoneAsync(IPage page)
    {
        var width = await page.EvaluateAsync<int>("document.documentElement.scrollWidth");
        Assert.True(width <= Phone, $"{page.Url} is {width}px wide on a {Phone}px phone");
    }

    [Fact]
    public async Task AWeekOfSittings_ChangesTheStatus_DrawsTheChart_AndIsSent()
    {
        var (page, patient) = await site.PatientOnAPhoneAsync("diary-week", width: Phone);
        await page.GetByRole(AriaRole.Link, new() { Name = "Home blood pressure diary" }).ClickAsync();
        await Assertions.Expect(Status(page)).ToHaveTextAsync("You have not added any readings yet. You need readings on at least 4 days.");
        await CheckAsync(page, "diary-empty");
        // The form starts with now, from the site's clock, in UK time. Readings go up to yesterday: a reading later
        // today would be after now when the tests run in the morning.
        var today = UkTime.Now(TimeProvider.System).Date;
        Assert.Equal(today.Day.ToString(CultureInfo.InvariantCulture), await page.Locator("#sitting-day").InputValueAsync());
        Assert.Equal("numeric", await page.Locator("#sitting-systolic1").GetAttributeAsync("inputmode"));

        // A mistake first: the numbers swapped round.
        await AddSittingAsync(page, today.AddDays(-7), "07:30", "92", "148", "146", "90");
        await Assertions.Expect(page.Locator(".nhsuk-error-summary")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#sitting-diastolic1-error")).ToContainTextAsync("The bottom number should be lower than the top number");
        await CheckAsync(page, "diary-error");

        var readings = new[] { ("148", "92"), ("142", "90"), ("138", "88"), ("140", "86"), ("136", "84"), ("139", "87"), ("137", "85") };
        for (var d = 0; d < 7; d++)
        {
            var (top, bottom) = readings[d];
            await AddSittingAsync(page, today.AddDays(d - 7), "07:30", top, bottom, top, bottom, pulse: "70");
            if (d == 0)
            {
                await Assertions.Expect(Status(page)).ToHaveTextAsync("Readings on 1 day. 3 more days needed.");
                await Assertions.Expect(page.Locator(".he-day .nhsuk-tag", new() { HasText = "Not counted" })).ToBeVisibleAsync();
                await CheckAsync(page, "diary-day-1");
            }
            if (d == 1)
                await Assertions.Expect(Status(page)).ToHaveTextAsync("Readings on 2 days. 2 more days needed.");
            if (d == 3)
                await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Your diary is ready to send" })).ToBeVisibleAsync();
        }
        // Evening sittings on two days: two sittings a day, as NICE asks.
        await AddSittingAsync(page, today.AddDays(-2), "19:30", "141", "89", "139", "87");
        await AddSittingAsync(page, today.AddDays(-1), "19:15", "135", "83", "133", "83");

        // 6 counted days, 16 readings: top (142+138+140+136+139+137)*2 + 141+139+135+133 = 2212, 138.25; bottom 1382, 86.4
        await Assertions.Expect(Status(page)).ToHaveTextAsync("Readings on 7 days.");
        await Assertions.Expect(page.Locator(".he-average__pressure")).ToHaveTextAsync("138/86 mmHg");
        await Assertions.Expect(page.Locator("svg.he-chart__svg")).ToBeVisibleAsync();
        Assert.Equal(18, await page.Locator("svg.he-chart__svg circle").CountAsync());
        Assert.Equal("true", await page.Locator("svg.he-chart__svg").GetAttributeAsync("aria-hidden"));
        Assert.Equal(7, await page.Locator("table.he-day").CountAsync());
        await CheckAsync(page, "diary-week");

        // Change a reading, then look at removing one (and keep it).
        await page.GetByRole(AriaRole.Link, new() { Name = "Change reading at 7:15pm", Exact = false }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Change this reading" })).ToBeVisibleAsync();
        await CheckAsync(page, "diary-change-reading");
        await page.GetByLabel("Top number (systolic)").FillAsync("134");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save this reading" }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Remove reading at 7:16pm", Exact = false }).ClickAsync();
        await CheckAsync(page, "diary-remove-reading");
        await page.GetByRole(AriaRole.Link, new() { Name = "No, keep it" }).ClickAsync();

        await page.GetByRole(AriaRole.Button, new() { Name = "Send your diary to your GP practice" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Your diary has been sent" })).ToBeVisibleAsync();
        var reference = await page.Locator(".nhsuk-panel .he-queue-reference").InnerTextAsync();
        // The sent diary's own page (issue 15 point 10): the average as one blood pressure, what it means and what
        // happens next, in the diary file's words, then what to do if the patient feels unwell.
        var average = page.Locator(".he-average");
        await Assertions.Expect(average.Locator(".he-average__pressure")).ToHaveTextAsync("138/86 mmHg");
        await Assertions.Expect(average.Locator(".he-average__meaning")).ToHaveTextAsync(
            "This is higher than it should be: it is 135/85 or more. Your GP may call this stage 1 high blood pressure.");
        await Assertions.Expect(average.Locator(".he-average__next")).ToContainTextAsync("contact you in the next few days");
        await Assertions.Expect(page.Locator("main")).ToContainTextAsync("call 999");
        await CheckAsync(page, "diary-sent");
        await FitsThePhoneAsync(page);

        // The home page lists the diary among the patient's submissions, without a table wider than the phone.
        await page.GetByRole(AriaRole.Link, new() { Name = "Go to your home page" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Table).GetByRole(AriaRole.Link, new() { Name = reference })).ToBeVisibleAsync();
        await CheckAsync(page, "diary-sent-home");
        await FitsThePhoneAsync(page);
        var sent = Assert.Single(await site.Store.ListSubmissionsForPatientAsync(patient.Id));
        Assert.Equal((reference, "home-bp-diary", 18), (sent.Reference, sent.Questionnaire.Id,
            System.Text.Json.JsonDocument.Parse(sent.AnswersJson).RootElement.GetProperty("readings").GetArrayLength()));
        Assert.Contains("134", sent.AnswersJson, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AVeryHighReading_ShowsUrgentAdviceAtOnce_AndChestPainLeadsToThe999Page()
    {
        var (page, patient) = await site.PatientOnAPhoneAsync("diary-urgent");
        await page.GotoAsync($"/Diary/{patient.Id}");
        await AddSittingAsync(page, UkTime.Now(TimeProvider.System).Date.AddDays(-1), "08:00", "184", "104", "181", "100");

        var card = page.Locator(".nhsuk-card--care--urgent");
        await Assertions.Expect(card).ToBeVisibleAsync();
        await Assertions.Expect(card).ToContainTextAsync("Contact your GP practice today");
        await CheckAsync(page, "diary-urgent");

        await ChooseAsync(page, "Do you have any of these now", "Chest pain or tightness");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save your answer" }).ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Call 999 now", Level = 1 })).ToBeVisibleAsync();
        await CheckAsync(page, "diary-emergency");
        Assert.Equal(FlagLevel.Emergency, Assert.Single(await site.Store.ListSubmissionsForPatientAsync(patient.Id)).HighestFlag);
    }
}
