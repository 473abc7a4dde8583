using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace HistoryEngine.Browser.Tests;

/// <summary>Runs axe-core in the page and fails on any serious or critical problem, naming each.</summary>
public static class Accessibility
{
    public static async Task AssertNoSeriousProblemsAsync(IPage page)
    {
        var result = await page.RunAxe(new AxeRunOptions
        {
            RunOnly = new RunOnlyOptions { Type = "tag", Values = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"] },
        });
        var serious = result.Violations.Where(v => v.Impact is "serious" or "critical").ToList();
        Assert.True(serious.Count == 0, $"{page.Url}:\n" + string.Join("\n", serious.Select(v =>
            $"{v.Impact} {v.Id}: {v.Help} at {string.Join(", ", v.Nodes.Select(n => string.Join(" ", n.Target)))}")));
    }
}

/// <summary>What every patient page in these tests goes through.</summary>
public static class PatientPage
{
    /// <summary>Keeps a phone-width screenshot, then runs axe-core on the page.</summary>
    public static async Task CheckAsync(IPage page, string screenshot)
    {
        await BrowserSite.ScreenshotAsync(page, screenshot);
        await Accessibility.AssertNoSeriousProblemsAsync(page);
    }

    /// <summary>Checks the page, then presses its main button (Continue on a question page).</summary>
    public static async Task ContinueAsync(IPage page, string screenshot, string button = "Continue")
    {
        await CheckAsync(page, screenshot);
        await page.GetByRole(AriaRole.Button, new() { Name = button, Exact = true }).ClickAsync();
    }

    /// <summary>Ticks or chooses an option of the question (a fieldset) with this legend.</summary>
    public static async Task ChooseAsync(IPage page, string question, string option)
    {
        try
        {
            await page.GetByRole(AriaRole.Group, new() { Name = question }).GetByLabel(option, new() { Exact = true }).CheckAsync();
        }
        catch (TimeoutException)
        {
            // What the page showed instead is the quickest way to see why.
            await BrowserSite.ScreenshotAsync(page, "failed-" + new string([.. question.Where(char.IsAsciiLetterOrDigit).Take(40)]));
            throw;
        }
    }
}
