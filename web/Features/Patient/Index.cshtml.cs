using HistoryEngine.Web.Features.Shared;
using HistoryEngine.Web.Infrastructure.Questionnaires;
using HistoryEngine.Web.Infrastructure.Records;
using HistoryEngine.Web.Infrastructure.Records.Model;
using HistoryEngine.Web.Infrastructure.Security;
using Microsoft.AspNetCore.Mvc;

namespace HistoryEngine.Web.Features.Patient;

/// <summary>A patient's own home: what the practice asked for, what they can start, drafts, and what they sent.</summary>
public sealed class IndexModel(SubjectAccess access, QuestionnaireCatalog catalog, IRecordStore store, TimeProvider clock)
    : SubjectPageModel(access)
{
    public PatientHome Home { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (await AuthorizeAsync(User.PersonId(), SubjectRight.Fill, ct) is { } refused)
            return refused;
        Home = await PatientHome.BuildAsync(Subject, canViewRecord: true, catalog, store, clock, ct);
        return Page();
    }

    /// <summary>Kept for pages that describe a status without building a home.</summary>
    public static string Describe(SubmissionStatus status) => PatientHome.Describe(status);
}
