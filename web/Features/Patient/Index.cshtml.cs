using HistoryEngine.Web.Infrastructure.Records;
using HistoryEngine.Web.Infrastructure.Records.Model;
using HistoryEngine.Web.Infrastructure.Security;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace HistoryEngine.Web.Features.Patient;

/// <summary>A patient's home: what the practice asked for, drafts in progress, and what they have sent.</summary>
public sealed class IndexModel(IRecordStore store) : PageModel
{
    public IReadOnlyList<Assignment> Asked { get; private set; } = [];
    public IReadOnlyList<Draft> Drafts { get; private set; } = [];
    public IReadOnlyList<Submission> Submissions { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        var patientId = User.PersonId();
        Asked = (await store.ListAssignmentsAsync(patientId, ct)).Where(a => a.Status == AssignmentStatus.Open).ToList();
        Drafts = await store.ListDraftsAsync(patientId, ct);
        Submissions = await store.ListSubmissionsForPatientAsync(patientId, ct);
    }

    /// <summary>Words a patient understands for where their submission is.</summary>
    public static string Describe(SubmissionStatus status) => status switch
    {
        SubmissionStatus.New => "Sent to your practice",
        SubmissionStatus.InReview => "Being looked at",
        SubmissionStatus.Filed => "Added to your record",
        SubmissionStatus.Returned => "Your practice has asked you to check it",
        SubmissionStatus.Closed => "Closed",
        _ => status.ToString(),
    };
}
