using HistoryEngine.Testing;
using HistoryEngine.Web.Infrastructure.Records.Model;
using Microsoft.Playwright;
using static HistoryEngine.Browser.Tests.PatientPage;

namespace HistoryEngine.Browser.Tests;

/// <summary>The other patient pages: my record and its print view, carers, a carer's pages, and the error pages.</summary>
[Collection(BrowserCollection.Name)]
public sealed class RecordAndCarerPageTests(BrowserSite site)
{
    [Fact]
    public async Task RecordAndItsPrintView_HaveNoSeriousProblems()
    {
        var (page, patient) = await site.PatientOnAPhoneAsync("record-pages");
        var clinician = await site.AddPersonAsync(Role.Clinician, "record-gp");
        await site.Store.AddRecordEntryAsync(new NewRecordEntry(patient.Id, "http://snomed.info/sct", "413606001",
            "Average home systolic blood pressure", "138", "mm[Hg]", clinician.Id, null, null));
        await site.Store.AddMessageAsync(new NewMessage(patient.Id, clinician.Id, "Your blood pressure",
            "Thank you for your diary. Please book a review <b>within 2 weeks</b>.", null));

        await page.GotoAsync($"/Record/{patient.Id}");
        await Assertions.Expect(page.GetByText("Average home systolic blood pressure")).ToBeVisibleAsync();
        await CheckAsync(page, "record");
        await page.GotoAsync($"/Record/{patient.Id}/print");
        await CheckAsync(page, "record-print");
    }

    // Issue 19 point 3: the patient's care plan, reached from the record, on a 390 px phone.
    [Fact]
    public async Task CarePlan_FromTheRecord_HasNoSeriousProblems_AndFitsAPhone()
    {
        var (page, patient) = await site.PatientOnAPhoneAsync("plan-pages", width: 390);
        var clinician = await site.AddPersonAsync(Role.Clinician, "plan-gp");
        NewRecordEntry Entry(string code, string display, string? value, string? unit) =>
            new(patient.Id, "http://snomed.info/sct", code, display, value, unit, clinician.Id, null, null);
        await site.Store.AddRecordEntryAsync(Entry("38341003", "Hypertensive disorder", null, null));
        await site.Store.AddRecordEntryAsync(Entry("268400002", "12 lead electrocardiogram", "Normal", null));
        await site.Store.AddRecordEntryAsync(Entry("413606001", "Average home systolic blood pressure", "138", "mm[Hg]"));
        await site.Store.AddRecordEntryAsync(Entry("413605002", "Average home diastolic blood pressure", "84", "mm[Hg]"));

        await page.GotoAsync($"/Record/{patient.Id}");
        await page.Locator(".he-plan-link").ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Your high blood pressure care plan", Level = 1 })).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator(".he-plan-steps li", new() { HasText = "Done" })).ToHaveCountAsync(1);
        await CheckAsync(page, "care-plan");
        var width = await page.EvaluateAsync<int>("document.documentElement.scrollWidth");
        Assert.True(width <= 390, $"the care plan is {width}px wide on a 390px phone");
    }

    [Fact]
    public async Task CarerPages_HaveNoSeriousProblems()
    {
        var (page, patient) = await site.PatientOnAPhoneAsync("carer-patient");
        var carer = await site.AddPersonAsync(Role.Proxy, "carer-jo");
        await page.GotoAsync("/Patient/Carers");
        await CheckAsync(page, "patient-carers");
        // The form's own errors.
        await page.GetByRole(AriaRole.Button, new() { Name = "Let them act for me" }).ClickAsync();
        await CheckAsync(page, "patient-carers-error");

        await site.Store.AddProxyGrantAsync(patient.Id, carer.Id, canFill: true, canViewRecord: true);
        var carerPage = await site.PhoneAsync();
        await BrowserSite.SignInAsync(carerPage, "carer-jo");
        await carerPage.GotoAsync("/Carer");
        await CheckAsync(carerPage, "carer-home");
        await carerPage.GotoAsync($"/Home/{patient.Id}");
        await Assertions.Expect(carerPage.GetByText("You are acting for")).ToBeVisibleAsync();
        await CheckAsync(carerPage, "carer-patient-home");
        await carerPage.GotoAsync($"/Diary/{patient.Id}");
        await CheckAsync(carerPage, "carer-diary");
    }

    [Fact]
    public async Task ErrorPages_HaveNoSeriousProblems_AndFitAPhone()
    {
        var (page, _) = await site.PatientOnAPhoneAsync("error-pages");
        await page.GotoAsync("/Journey/nobody/nothing");
        await CheckAsync(page, "not-found");
        await page.GotoAsync("/Error");
        await CheckAsync(page, "error");
        // Nothing runs off the side of a phone's screen.
        var width = await page.EvaluateAsync<int>("document.documentElement.scrollWidth");
        Assert.True(width <= 375, $"the error page is {width}px wide on a 375px phone");
    }
}
