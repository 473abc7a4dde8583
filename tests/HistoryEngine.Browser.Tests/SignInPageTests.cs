using HistoryEngine.Web.Infrastructure.Records.Model;
using Microsoft.Playwright;

namespace HistoryEngine.Browser.Tests;

[Collection(BrowserCollection.Name)]
public sealed class SignInPageTests(BrowserSite site)
{
    [Fact]
    public async Task SignInPage_OnAPhone_HasNoSeriousAccessibilityProblems()
    {
        var page = await site.PhoneAsync();
        await page.GotoAsync("/Account/SignIn");
        await BrowserSite.ScreenshotAsync(page, "sign-in");
        await Accessibility.AssertNoSeriousProblemsAsync(page);
    }

    [Fact]
    public async Task WrongPassword_ShowsAnErrorSummary_ThatLinksToTheField()
    {
        await site.AddPersonAsync(Role.Patient, "browser-wrong");
        var page = await site.PhoneAsync();
        await page.GotoAsync("/Account/SignIn");
        await page.GetByLabel("User name").FillAsync("browser-wrong");
        await page.GetByLabel("Password").FillAsync("not the password");
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        var summary = page.Locator(".nhsuk-error-summary");
        await Assertions.Expect(summary).ToBeVisibleAsync();
        await BrowserSite.ScreenshotAsync(page, "sign-in-error");
        await Accessibility.AssertNoSeriousProblemsAsync(page);
    }

    [Fact]
    public async Task Patient_SignsIn_AndSeesTheirHomePage()
    {
        await site.AddPersonAsync(Role.Patient, "browser-patient");
        var page = await site.PhoneAsync();
        await BrowserSite.SignInAsync(page, "browser-patient");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToBeVisibleAsync();
        Assert.Contains("/Patient", page.Url, StringComparison.Ordinal);
        await BrowserSite.ScreenshotAsync(page, "patient-home");
        await Accessibility.AssertNoSeriousProblemsAsync(page);
    }
}
