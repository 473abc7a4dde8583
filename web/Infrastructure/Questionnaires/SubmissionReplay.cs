using System.Text.Json;
using HistoryEngine.Runtime;
using HistoryEngine.Web.Infrastructure.Records;
using HistoryEngine.Web.Infrastructure.Records.Model;
using HistoryEngine.Web.Infrastructure.Time;

namespace HistoryEngine.Web.Infrastructure.Questionnaires;

/// <summary>
/// A submission's answers replayed in the exact questionnaire version they were given to (recompiled from the archive
/// by hash when the file has changed since), on a clock stopped at the moment it was sent, so that "today" in a check
/// or a value means the day the patient answered, not the day a clinician reads it; and with the patient's context
/// the session was given then.
/// </summary>
public sealed record SubmissionReplay(Submission Submission, CompiledQuestionnaire Questionnaire, Session Session, TimeProvider Clock)
{
    /// <summary>Null when neither the current files nor the archive hold the version answered.</summary>
    public static async Task<SubmissionReplay?> LoadAsync(Submission submission, QuestionnaireCatalog catalog,
        IRecordStore store, TimeProvider clock, CancellationToken ct)
    {
        var questionnaire = await catalog.ResolveAsync(submission.Questionnaire, store, ct);
        if (questionnaire is null)
            return null;
        // UK time, as when the patient answered (Journey gives sessions the same), whatever the server's zone.
        var stopped = new StoppedClock(submission.SubmittedAt, UkTime.Zone);
        // With what the session was told about the patient when it was sent, not what the record says today.
        var session = questionnaire.CreateSession(stopped, ResultJson.ReadPatient(submission.ResultJson));
        using (var answers = JsonDocument.Parse(submission.AnswersJson))
            session.SetAnswers(answers.RootElement);
        return new SubmissionReplay(submission, questionnaire, session, stopped);
    }

    /// <summary>The FHIR reference of the submission's patient.</summary>
    public string PatientReference => "Patient/" + Submission.PatientId;

    /// <summary>"bp-check 1.0.0 (3f2a9c1d04be)": what a record entry keeps as its questionnaire provenance.</summary>
    public static string VersionLabel(QuestionnaireRef q) => $"{q.Id} {q.Version} ({ShortHash(q.ContentHash)})";

    /// <summary>The first 12 hex digits of a content hash: enough to tell versions apart on screen.</summary>
    public static string ShortHash(string hash) => hash.Length <= 12 ? hash : hash[..12];

    private sealed class StoppedClock(DateTimeOffset at, TimeZoneInfo zone) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => at;
        public override TimeZoneInfo LocalTimeZone => zone;
    }
}
