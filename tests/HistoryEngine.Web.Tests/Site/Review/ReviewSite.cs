using System.Globalization;
using System.Net;
using System.Text.Json;
using HistoryEngine.Runtime;
using HistoryEngine.Web.Features.Journey;
using HistoryEngine.Web.Infrastructure.Questionnaires;
using HistoryEngine.Web.Infrastructure.Records.Model;
using Microsoft.Extensions.DependencyInjection;

namespace HistoryEngine.Web.Tests.Site.Review;

/// <summary>
/// A site with the shipped questionnaires, a patient, and a signed-in clinician. Submissions are made the way the
/// journey makes them (the engine's result of real answers, frozen), without walking every page.
/// </summary>
public sealed class ReviewSite : IDisposable
{
    public TestSite Site { get; } = new();
    public Person Patient { get; private set; } = null!;
    public Person Clinician { get; private set; } = null!;
    public HttpClient ClinicianClient { get; private set; } = null!;

    public static async Task<ReviewSite> StartAsync()
    {
        var site = new ReviewSite();
        site.Patient = await site.Site.AddPersonAsync(Role.Patient, "alex");
        site.ClinicianClient = await site.Site.SignedInAsync(Role.Clinician, "drjones");
        site.Clinician = (await site.Site.Store.FindPersonByUserNameAsync("drjones"))!;
        return site;
    }

    public static string SevereBpCheck(string comments = "Fine") => $$"""
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
            Features.Journey.Journey.Highest(result)));
    }

    /// <summary>Signs the clinician in again: after the clock moves past the 20-minute idle limit the old cookie is dead.</summary>
    public async Task SignInAgainAsync()
    {
        ClinicianClient = Site.Browser();
        Assert.Equal(HttpStatusCode.Redirect, (await SignIn.PasswordAsync(ClinicianClient, "drjones", TestSite.Password)).StatusCode);
        // Staff give their second factor too; the clock has moved on, so this is a fresh code.
        Assert.Equal(HttpStatusCode.Redirect, (await SignIn.CodeAsync(ClinicianClient, Site.CodeNow())).StatusCode);
    }

    public static string Url(Submission s) => $"/Clinician/Submission/{s.Id}";

    /// <summary>A client's view of a page: status and HTML.</summary>
    public static async Task<(HttpStatusCode Status, string Html)> GetAsync(HttpClient client, string url)
    {
        var response = await client.GetAsync(url);
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    /// <summary>Posts a form as a browser would from <paramref name="html"/> (its anti-forgery token).</summary>
    public static async Task<HttpResponseMessage> PostAsync(HttpClient client, string url, string html, params (string Name, string Value)[] fields)
    {
        var form = new List<KeyValuePair<string, string>> { new("__RequestVerificationToken", Forms.AntiforgeryToken(html)) };
        form.AddRange(fields.Select(f => new KeyValuePair<string, string>(f.Name, f.Value)));
        return await client.PostAsync(url, new FormUrlEncodedContent(form));
    }

    /// <summary>Opens the submission as the clinician and posts the filing form with these fields.</summary>
    public async Task<HttpResponseMessage> FileAsync(Submission s, params (string Name, string Value)[] fields)
    {
        var (_, html) = await GetAsync(ClinicianClient, Url(s));
        return await PostAsync(ClinicianClient, Url(s) + "?handler=File", html, fields);
    }

    public async Task<IReadOnlyList<AuditEvent>> AuditAsync(string? patientId = null) =>
        await Site.Store.SearchAuditAsync(new AuditQuery(patientId ?? Patient.Id, null, null, null));

    public void Dispose() => Site.Dispose();
}
