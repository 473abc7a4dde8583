using HistoryEngine.Web.Infrastructure.Questionnaires;
using HistoryEngine.Web.Infrastructure.Records;
using HistoryEngine.Web.Infrastructure.Records.Model;
using HistoryEngine.Web.Infrastructure.Security;
using Microsoft.AspNetCore.Mvc;

namespace HistoryEngine.Web.Features.Shared.Answering;

/// <summary>A page of the questionnaire journey: checks who may fill in for whom, then loads the journey.</summary>
public abstract class JourneyPageModel(SubjectAccess access, QuestionnaireCatalog catalog, IRecordStore store, TimeProvider clock)
    : SubjectPageModel(access)
{
    protected QuestionnaireCatalog Catalog => catalog;
    protected IRecordStore Store => store;
    protected TimeProvider Clock => clock;

    public Journey Journey { get; private set; } = null!;

    /// <summary>Null when the journey is loaded; otherwise the response (404, 403, or not offered: 404).</summary>
    protected async Task<IActionResult?> LoadAsync(string subject, string questionnaireId, CancellationToken ct)
    {
        if (await AuthorizeAsync(subject, SubjectRight.Fill, ct) is { } refused)
            return refused;
        var journey = await Journey.LoadAsync(Subject, questionnaireId, catalog, store, clock, ct);
        if (journey is null)
            return NotFound();
        Journey = journey;
        ViewData["Title"] = journey.Questionnaire.Title;
        return null;
    }

    /// <summary>Sends the saved draft (<see cref="Journey.SubmitAsync"/>), then lets the patient's care plans see it when
    /// one reads this questionnaire: a diary its rules flag urgent raises the plan's alert for the practice at once.</summary>
    protected async Task<DraftSubmission> SendAsync(string draftKey, long expectedRevision, CancellationToken ct)
    {
        var sent = await Journey.SubmitAsync(store, draftKey, expectedRevision, ct);
        await HttpContext.RequestServices.GetRequiredService<CarePlanWork>()
            .AfterSubmissionAsync(Subject.Patient.Id, sent.Submission.Questionnaire.Id, ct);
        return sent;
    }

    public string StartUrl => JourneyUrls.Start(Subject.Patient.Id, Journey.Questionnaire.Id);
    public string CheckUrl => JourneyUrls.Check(Subject.Patient.Id, Journey.Questionnaire.Id);
    public string PageUrl(string pageId) => JourneyUrls.Page(Subject.Patient.Id, Journey.Questionnaire.Id, pageId);
}

/// <summary>The journey's addresses, in one place so that links and redirects agree.</summary>
public static class JourneyUrls
{
    public static string Start(string patientId, string questionnaireId) =>
        $"/Journey/{Uri.EscapeDataString(patientId)}/{Uri.EscapeDataString(questionnaireId)}";

    public static string Page(string patientId, string questionnaireId, string pageId) =>
        $"{Start(patientId, questionnaireId)}/page/{Uri.EscapeDataString(pageId)}";

    public static string Check(string patientId, string questionnaireId) => $"{Start(patientId, questionnaireId)}/check";

    public static string Sent(string patientId, string submissionId) =>
        $"/Submissions/{Uri.EscapeDataString(patientId)}/{Uri.EscapeDataString(submissionId)}";

    public static string Home(string patientId, bool self) => self ? "/Patient" : $"/Home/{Uri.EscapeDataString(patientId)}";
}
