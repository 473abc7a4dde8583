using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace HistoryEngine.Browser.Tests;

/// <summary>Runs axe-core in the page and fails on any serious or critical problem, naming each; then checks the
/// attributes scripts and screen readers rely on (<see cref="AssertAttributesAsync"/>).</summary>
public static class Accessibility
{
    public static async Task AssertNoSeriousProblemsAsync(IPage page)
    {
        await AssertAttributesAsync(page);
        var result = await page.RunAxe(new AxeRunOptions
        {
            RunOnly = new RunOnlyOptions { Type = "tag", Values = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"] },
        });
        var serious = result.Violations.Where(v => v.Impact is "serious" or "critical").ToList();
        Assert.True(serious.Count == 0, $"{page.Url}:\n" + string.Join("\n", serious.Select(v =>
            $"{v.Impact} {v.Id}: {v.Help} at {string.Join(", ", v.Nodes.Select(n => string.Join(" ", n.Target)))}")));
    }

    /// <summary>
    /// Issue 12 point 1: no empty <c>data-*</c> attribute (Razor writes one for a null value, and the NHS.UK scripts
    /// read its presence: an empty exclusive mark on every option unticked the others), and every id an
    /// <c>aria-*</c> attribute points at is on the page. The scripts' own <c>data-…-init</c> marks are empty by design.
    /// </summary>
    public static async Task AssertAttributesAsync(IPage page)
    {
        var problems = await page.EvaluateAsync<string[]>("""
            () => {
              const problems = [];
              const describe = e => e.outerHTML.slice(0, 160);
              for (const e of document.querySelectorAll('*')) {
                for (const a of e.attributes) {
                  if (a.name.startsWith('data-') && !a.name.endsWith('-init') && a.value.trim() === '')
                    problems.push(`empty ${a.name} on ${describe(e)}`);
                  if (['aria-describedby', 'aria-labelledby', 'aria-controls', 'aria-owns', 'aria-errormessage'].includes(a.name)) {
                    const ids = a.value.split(/\s+/).filter(id => id);
                    if (ids.length === 0) problems.push(`empty ${a.name} on ${describe(e)}`);
                    for (const id of ids)
                      if (!document.getElementById(id)) problems.push(`${a.name} points at missing '${id}' on ${describe(e)}`);
                  }
                }
              }
              return problems;
            }
            """);
        Assert.True(problems.Length == 0, $"{page.Url}:\n" + string.Join("\n", problems));
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

    /// <summary>Ticks each of these options of a checkbox question, then expects every one of them still ticked (with
    /// JavaScript on, a wrongly exclusive option unticks the others as the next is ticked).</summary>
    public static async Task TickAsync(IPage page, string question, params string[] options)
    {
        foreach (var option in options)
            await ChooseAsync(page, question, option);
        var group = page.GetByRole(AriaRole.Group, new() { Name = question });
        foreach (var option in options)
            await Assertions.Expect(group.GetByLabel(option, new() { Exact = true })).ToBeCheckedAsync();
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
