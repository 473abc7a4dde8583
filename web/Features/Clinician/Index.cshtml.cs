using HistoryEngine.Web.Infrastructure.Records;
using HistoryEngine.Web.Infrastructure.Records.Model;
using HistoryEngine.Web.Infrastructure.Security;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace HistoryEngine.Web.Features.Clinician;

/// <summary>The review queue shell: new and in-review submissions, most urgent first.</summary>
public sealed class IndexModel(IRecordStore store) : PageModel
{
    private static readonly SubmissionStatus[] Waiting = [SubmissionStatus.New, SubmissionStatus.InReview];

    public IReadOnlyList<(Submission Submission, string PatientName)> Queue { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        var submissions = await store.ListSubmissionsByStatusAsync(Waiting, limit: 100, ct);
        var names = new Dictionary<string, string>();
        foreach (var id in submissions.Select(s => s.PatientId).Distinct())
            names[id] = (await store.GetPersonAsync(id, ct))?.DisplayName ?? "Unknown patient";
        Queue = submissions.Select(s => (s, names[s.PatientId])).ToList();
        // The queue shows patients' names and flags, so looking at it is itself audited.
        await store.AppendAuditAsync(new AuditEntry(User.PersonId(), "viewed-review-queue", null,
            $"{Queue.Count} submissions listed"), ct);
    }

    /// <summary>The NHS.UK tag colour for a flag level.</summary>
    public static string TagClass(FlagLevel level) => level switch
    {
        FlagLevel.Emergency or FlagLevel.Urgent => "nhsuk-tag--red",
        FlagLevel.Soon => "nhsuk-tag--orange",
        FlagLevel.Routine => "nhsuk-tag--blue",
        _ => "nhsuk-tag--grey",
    };
}
