using HistoryEngine.Web.Infrastructure.Records;
using HistoryEngine.Web.Infrastructure.Records.Model;
using HistoryEngine.Web.Infrastructure.Security;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace HistoryEngine.Web.Features.Admin;

/// <summary>The admin home shell: accounts by role, and whether the audit trail is intact.</summary>
public sealed class IndexModel(IRecordStore store) : PageModel
{
    public IReadOnlyList<(Role Role, int Count)> Accounts { get; private set; } = [];
    public AuditVerification Audit { get; private set; } = AuditVerification.Intact(0);
    public IReadOnlyList<AuditEvent> RecentAudit { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        var people = await store.ListPeopleAsync(null, ct, User.PracticeId());
        Accounts = Enum.GetValues<Role>().Select(r => (r, people.Count(p => p.Role == r))).ToList();
        Audit = await store.VerifyAuditAsync(ct, User.PracticeId());
        RecentAudit = await store.ListAuditAsync(null, 20, ct, User.PracticeId());
    }
}
