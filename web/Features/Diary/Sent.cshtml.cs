using HistoryEngine.Runtime;
using HistoryEngine.Web.Features.Shared.Answering;
using HistoryEngine.Web.Features.Shared.HomeReadings;
using HistoryEngine.Web.Infrastructure.Questionnaires;
using HistoryEngine.Web.Infrastructure.Records;
using HistoryEngine.Web.Infrastructure.Records.Model;
using HistoryEngine.Web.Infrastructure.Security;
using Microsoft.AspNetCore.Mvc;

namespace HistoryEngine.Web.Features.Diary;

/// <summary>
/// The confirmation of a sent diary: that it was sent, its reference, the average as one blood pressure with what it
/// means and what happens next (the file's words, frozen in the submission's result), any urgent advice in the rule's
/// own words, and what to do meanwhile if unwell. A diary that stopped at an emergency has the journey's stop page.
/// </summary>
public sealed class SentModel(SubjectAccess access, IRecordStore store) : SubjectPageModel(access)
{
    public Submission Submission { get; private set; } = null!;
    public DiaryAverage Average { get; private set; } = null!;
    public IReadOnlyList<Flag> Urgent { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(string subject, string submissionId, CancellationToken ct)
    {
        if (await AuthorizeAsync(subject, SubjectRight.Fill, ct) is { } refused)
            return refused;
        // Someone else's submission id, or one that is not a diary, gets the same answer as one that does not exist.
        if (await store.GetSubmissionAsync(submissionId, ct) is not { } submission || submission.PatientId != Subject.Patient.Id
            || submission.Questionnaire.Id != DiaryQuestionnaire.Id)
            return NotFound();
        if (submission.HighestFlag == FlagLevel.Emergency)
            return Redirect(JourneyUrls.Sent(Subject.Patient.Id, submission.Id));
        Submission = submission;
        var result = StoredResult.Read(submission.ResultJson);
        Average = DiaryAverage.From(result);
        Urgent = [.. result.Flags.Where(f => f.Level == Definitions.FlagLevel.Urgent && f.Patient.Length > 0)
            .Select(f => new Flag(f.Rule, Definitions.FlagLevel.Urgent, f.Patient, f.Clinician, f.Source))];
        return Page();
    }

    public string HomeUrl => JourneyUrls.Home(Subject.Patient.Id, Subject.IsSelf);
    public string DiaryUrl => DiaryUrls.Diary(Subject.Patient.Id);
}
