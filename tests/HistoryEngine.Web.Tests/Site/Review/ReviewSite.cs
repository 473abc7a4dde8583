using System.Globalization;
using System.Net;
using System.Text.Json;
using HistoryEngine.Runtime;
using HistoryEngine.Web.Features.Shared.Answering;
using HistoryEngine.Web.Infrastructure.Questionnaires;
using HistoryEngine.Web.Infrastructure.Records.Model;
using Microsoft.Extensions.DependencyInjection;

namespace HistoryEngine.Web.Tests.Site.Review;

/// <summary>
/// A patient and a signed-in clinician of their own on a site with the tests' questionnaires (the shared one, or a
/// new site when a test needs one to itself, as one that looks at the whole queue does). Submissions are made the
/// way the journey makes them (the engine's result of real answers, frozen), without walking every page.
/// </summary>
public sealed class ReviewSite : IDisposable
{
    private readonly bool _ownsSite;

    private ReviewSite(TestSite site, bool ownsSite) => (Site, _ownsSite) = (site, ownsSite);

    public TestSite Site { get; }
    public Person Patient { get; private set; } = null!;
    public Person Clinician { get; private set; } = null!;
    public HttpClient ClinicianClient { get; private set; } = null!;

    /// <summary>On a site of its own.</summary>
    public static Task<ReviewSite> StartAsync() => StartAsync(new TestSite(), ownsSite: true);

    /// <summary>On the shared site, with people no other test has.</summary>
    public static Task<ReviewSite> StartAsync(SharedSite site) => StartAsync(site, ownsSite: false);

    /// <summary>On a site a test class shares (a class fixture, such as the shipped questionnaires' plan site), with
    /// people no other test has; the fixture disposes the site.</summary>
    public static Task<ReviewSite> OnAsync(TestSite site) => StartAsync(site, ownsSite: false);

    private static async Task<ReviewSite> StartAsync(TestSite site, bool ownsSite)
    {
        var r = new ReviewSite(site, ownsSite);
        r.Patient = await site.AddPersonAsync(Role.Patient, TestSite.UniqueName("alex"));
        (r.ClinicianClient, r.Clinician) = await site.SignedInPersonAsync(Role.Clinician, TestSite.UniqueName("drjones"));
        return r;
    }

    public static string SevereBp(string comments = "Fine") => $$"""
        {"measured_at": "2026-03-01T07:30", "arm": "left",
         "readings": [{"systolic": 182, "diastolic": 90}, {"systolic": 150, "diastolic": 92}],
         "symptoms_now.symptoms": ["none"], "dizzy_on_standing": false, "new_medicine": false,
         "comments": {{JsonSerializer.Serialize(comments)}}}
        """;

    /// <summary>A week of diary readings ending yesterday by the site's clock, the first day high (set aside).</summary>
    public string Diary(int systolic = 140, int diastolic = 88)
    {
        var today = Site.Clock.GetUtcNow().UtcDateTime.Date;
        var readings = Enumerable.Range(0, 7).SelectMany(d => new[] { 7, 19 }.Select(h => new
        {
            taken = today.AddDays(d - 7).AddHours(h).ToString("yyyy-MM-ddTHH:mm", CultureInfo.InvariantCulture),
            systolic = d == 0 ? 175 : systolic,
            diastolic = d == 0 ? 100 : diastolic,
        }));
        return JsonSerializer.Serialize(new { readings });
    }

    /// <summary>Stores a submission as the journey would: the engine's result on the current version, frozen.</summary>
    public async Task<Submission> SubmitAsync(string questionnaireId, string answersJson, string? answeredBy = null, string? patientId = null)
    {
        var catalog = Site.Services.GetRequiredService<QuestionnaireCatalog>();
        var questionnaire = catalog.Get(questionnaireId)!;
        var session = questionnaire.CreateSession(Site.Clock);
        using (var answers = JsonDocument.Parse(answersJson))
            session.SetAnswers(answers.RootElement);
        var result = session.Result();
        Assert.Empty(result.Errors);
        patientId ??= Patient.Id;
        return await Site.Store.AddSubmissionAsync(new NewSubmission(patientId, answeredBy ?? patientId,
            QuestionnaireCatalog.RefTo(questionnaire), session.ExportAnswers(), ResultJson.Write(result),
            StoredFlagLevel.From(result.HighestLevel)));
    }

    /// <summary>Signs the clinician in again: after the clock moves past the 20-minute idle limit the old cookie is dead.</summary>
    public async Task SignInAgainAsync()
    {
        ClinicianClient = Site.Browser();
        // Staff give their second factor too; the clock has moved on, so this is a fresh code.
        await Site.SignInAsync(ClinicianClient, Clinician.UserName, withCode: true);
    }

    public static string Url(Submission s) => $"/Clinician/Submission/{s.Id}";

    /// <summary>A client's view of a page: status and HTML.</summary>
    public static Task<(HttpStatusCode Status, string Html)> GetAsync(HttpClient client, string url) => Forms.GetAsync(client, url);

    /// <summary>Posts a form as a browser would from <paramref name="html"/> (its anti-forgery token).</summary>
    public static Task<HttpResponseMessage> PostAsync(HttpClient client, string url, string html, params (string Name, string Value)[] fields) =>
        Forms.PostAsync(client, url, html, fields);

    /// <summary>The patient, signed in on a new client.</summary>
    public async Task<HttpClient> PatientClientAsync()
    {
        var client = Site.Browser();
        await Site.SignInAsync(client, Patient.UserName, withCode: false);
        return client;
    }

    /// <summary>Opens the submission as the clinician and posts the filing form with these fields.</summary>
    public async Task<HttpResponseMessage> FileAsync(Submission s, params (string Name, string Value)[] fields)
    {
        var (_, html) = await GetAsync(ClinicianClient, Url(s));
        return await PostAsync(ClinicianClient, Url(s) + "?handler=File", html, fields);
    }

    public async Task<IReadOnlyList<AuditEvent>> AuditAsync(string? patientId = null) =>
        await Site.Store.SearchAuditAsync(new AuditQuery(patientId ?? Patient.Id, null, null, null));

    public void Dispose()
    {
        if (_ownsSite)
            Site.Dispose();
    }
}
