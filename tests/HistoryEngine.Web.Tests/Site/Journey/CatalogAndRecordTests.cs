using System.Net;
using HistoryEngine.Web.Infrastructure.Questionnaires;
using HistoryEngine.Web.Infrastructure.Records.Model;
using Microsoft.Extensions.DependencyInjection;

namespace HistoryEngine.Web.Tests.Site.Journey;

[Collection(SharedSite.Collection)]
public class CatalogAndRecordTests(SharedSite site)
{
    [Fact]
    public async Task BrokenQuestionnaireFile_SiteStarts_NotOffered_ListedForAdminsWithItsDiagnostics()
    {
        using var j = await BpJourney.StartAsync(site);
        var admin = await j.Site.SignedInAsync(Role.Admin, TestSite.UniqueName("kim"));

        var home = await j.Driver.GetAsync("/Patient");
        var adminPage = await admin.GetStringAsync("/Admin/Questionnaires");

        Assert.Equal(HttpStatusCode.OK, home.StatusCode);
        Assert.Contains("Test notes", j.Driver.Html);
        Assert.DoesNotContain("Broken questionnaire", j.Driver.Html);
        Assert.Equal(HttpStatusCode.NotFound, (await j.Driver.GetAsync(j.Page("q1", "broken"))).StatusCode);
        Assert.Contains("broken.yaml(9,5): error HE1006: unknown key &#x27;requird&#x27;", adminPage);
        Assert.Contains("test-notes", adminPage);
        Assert.Null(j.Site.Services.GetRequiredService<QuestionnaireCatalog>().Get("broken"));
    }

    [Fact]
    public async Task ShippedQuestionnaires_AreOfferedByTitle_ModulesAreNot_AndEachVersionIsArchived()
    {
        using var j = await BpJourney.StartAsync(TestPaths.ShippedQuestionnaires);
        var catalog = j.Site.Services.GetRequiredService<QuestionnaireCatalog>();

        await j.Driver.GetAsync("/Patient");

        Assert.Contains(">Blood pressure check at home</a>", j.Driver.Html);
        Assert.Null(catalog.Get("bp-symptoms"));
        // The yearly review is the practice's to ask for (assigned_only): offered, but not listed for patients to choose.
        Assert.NotNull(catalog.Get("hypertension-review"));
        Assert.DoesNotContain("Yearly blood pressure review", j.Driver.Html);
        await j.Site.Store.AddAssignmentAsync(new NewAssignment(j.Patient.Id, "hypertension-review", null, "c1"));
        await j.Driver.GetAsync("/Patient");
        Assert.Contains("><strong>Yearly blood pressure review</strong></a>", j.Driver.Html);
        foreach (var q in catalog.Offered)
        {
            var archived = await j.Site.Store.GetArchivedQuestionnaireAsync(q.Hash);
            Assert.Equal(q.Definition.SourceFiles.Select(f => f.Text), archived!.Files.Select(f => f.Text));
            var rebuilt = await catalog.ResolveAsync(new QuestionnaireRef(q.Id, q.Version, q.Hash), j.Site.Store);
            Assert.Equal(q.Hash, rebuilt!.Hash);
        }
    }

    [Fact]
    public async Task PatientHome_ShowsOverdueAssignments_DraftsWithProgress_AndSubmissions()
    {
        using var j = await BpJourney.StartAsync(site);
        var today = DateOnly.FromDateTime(j.Site.Clock.GetUtcNow().UtcDateTime);
        await j.Site.Store.AddAssignmentAsync(new NewAssignment(j.Patient.Id, "test-bp", today.AddDays(-1), "c1"));
        await j.AnswerUpToSymptomsAsync();

        await j.Driver.GetAsync("/Patient");

        Assert.Contains("Overdue", j.Driver.Html);
        Assert.Contains("questions answered. Last saved", j.Driver.Html);
        Assert.Matches(@"[1-9]\d* of \d+ questions answered", j.Driver.Html);
    }

    [Fact]
    public async Task Record_ShowsFiledEntriesAndMessagesNewestFirst_EscapesThem_AndPrintsWithoutNavigation()
    {
        using var j = await BpJourney.StartAsync(site);
        var store = j.Site.Store;
        await store.AddRecordEntryAsync(new NewRecordEntry(j.Patient.Id, "http://snomed.info/sct", "407554009",
            "Older sitting systolic", "140", "mm[Hg]", "c1", null, "1.0.0"));
        j.Site.Clock.Advance(TimeSpan.FromMinutes(5));
        await store.AddRecordEntryAsync(new NewRecordEntry(j.Patient.Id, "http://snomed.info/sct", "407554009",
            "Newer sitting systolic", "150", "mm[Hg]", "c1", null, "1.0.0"));
        await store.AddMessageAsync(new NewMessage(j.Patient.Id, "c1", "First", "old news", null));
        j.Site.Clock.Advance(TimeSpan.FromMinutes(5));
        await store.AddMessageAsync(new NewMessage(j.Patient.Id, "c1", "Second <b>bold</b>", "Please book a review", null));

        await j.Driver.GetAsync($"/Record/{j.Patient.Id}");
        var html = j.Driver.Html;
        await j.Driver.GetAsync($"/Record/{j.Patient.Id}/print");

        Assert.True(html.IndexOf("Newer sitting systolic", StringComparison.Ordinal) < html.IndexOf("Older sitting systolic", StringComparison.Ordinal));
        Assert.True(html.IndexOf("Please book a review", StringComparison.Ordinal) < html.IndexOf("old news", StringComparison.Ordinal));
        Assert.Contains("Second &lt;b&gt;bold&lt;/b&gt;", html);
        Assert.Contains("nhsuk-header", html);
        Assert.DoesNotContain("nhsuk-header", j.Driver.Html);
        Assert.Contains("print.css", j.Driver.Html);
        Assert.Contains("Newer sitting systolic", j.Driver.Html);
        Assert.All(await store.ListMessagesAsync(j.Patient.Id), m => Assert.NotNull(m.ReadAt));
    }
}
