using HistoryEngine.Web.Features.Shared;
using HistoryEngine.Web.Infrastructure.Questionnaires;
using HistoryEngine.Web.Infrastructure.Records;
using HistoryEngine.Web.Infrastructure.Security;
using Microsoft.AspNetCore.Mvc;

namespace HistoryEngine.Web.Features.Home;

/// <summary>The home page of the patient a carer has chosen to work for (a patient asking for their own id sees
/// their own). Needs a grant that lets the carer fill in questionnaires.</summary>
public sealed class IndexModel(SubjectAccess access, QuestionnaireCatalog catalog, IRecordStore store, TimeProvider clock)
    : SubjectPageModel(access)
{
    public PatientHome Home { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(string subject, CancellationToken ct)
    {
        if (await AuthorizeAsync(subject, SubjectRight.Fill, ct) is { } refused)
            return refused;
        var (recordAccess, _) = await Access.CheckAsync(User, subject, SubjectRight.ViewRecord, ct);
        Home = await PatientHome.BuildAsync(Subject, recordAccess == AccessOutcome.Allowed, catalog, store, clock, ct);
        return Page();
    }
}
