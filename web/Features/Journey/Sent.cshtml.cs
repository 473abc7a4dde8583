using HistoryEngine.Runtime;
using HistoryEngine.Web.Infrastructure.Questionnaires;
using HistoryEngine.Web.Infrastructure.Records;
using HistoryEngine.Web.Infrastructure.Records.Model;
using HistoryEngine.Web.Infrastructure.Security;
using Microsoft.AspNetCore.Mvc;
using HistoryEngine.Web.Features.Shared.Answering;

namespace HistoryEngine.Web.Features.Journey;

/// <summary>
/// The confirmation of one submission, with its reference and what happens next. For a submission flagged
/// emergency it is the stop page: what to do now comes first, in the rule's own words.
/// </summary>
public sealed class SentModel(SubjectAccess access, QuestionnaireCatalog catalog, IRecordStore store) : SubjectPageModel(access)
{
    public Submission Submission { get; private set; } = null!;
    public string Title { get; private set; } = "";
    public IReadOnlyList<StoredFlag> Flags { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(string subject, string submissionId, CancellationToken ct)
    {
        if (await AuthorizeAsync(subject, SubjectRight.Fill, ct) is { } refused)
            return refused;
        // Someone else's submission id gets the same answer as one that does not exist.
        if (await store.GetSubmissionAsync(submissionId, ct) is not { } submission || submission.PatientId != Subject.Patient.Id)
            return NotFound();
        Submission = submission;
        Title = catalog.TitleOf(submission.Questionnaire.Id);
        Flags = StoredResult.Read(submission.ResultJson).Flags;
        return Page();
    }

    public bool IsEmergency => Submission.HighestFlag == FlagLevel.Emergency;

    /// <summary>What the rules of one level told the patient, in their own words.</summary>
    public IEnumerable<string> Words(Definitions.FlagLevel level) => Flags.Where(f => f.Level == level && f.Patient.Length > 0).Select(f => f.Patient);
}
