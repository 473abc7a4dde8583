using System.ComponentModel.DataAnnotations;
using HistoryEngine.Web.Infrastructure.Records;
using HistoryEngine.Web.Infrastructure.Records.Model;
using HistoryEngine.Web.Infrastructure.Security;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace HistoryEngine.Web.Features.Patient;

/// <summary>
/// A patient decides who may act for them: names a carer by user name and what they may do, or takes it back.
/// Both are written to the audit trail; a revocation takes effect on the carer's next request.
/// </summary>
public sealed class CarersModel(IRecordStore store, TimeProvider clock) : PageModel
{
    public IReadOnlyList<(ProxyGrant Grant, Person? Carer)> Grants { get; private set; } = [];

    [BindProperty, Display(Name = "Their user name")]
    public string? CarerUserName { get; set; }

    [BindProperty]
    public bool CanFill { get; set; }

    [BindProperty]
    public bool CanViewRecord { get; set; }

    public string? Done { get; private set; }

    /// <summary>The grants that let their carer act now (not revoked, not past an end the practice gave).</summary>
    public IEnumerable<(ProxyGrant Grant, Person? Carer)> Active => Grants.Where(g => g.Grant.IsActiveAt(clock.GetUtcNow()));

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public async Task<IActionResult> OnPostGrantAsync(CancellationToken ct)
    {
        var patientId = User.PersonId();
        var carer = string.IsNullOrWhiteSpace(CarerUserName) ? null : await store.FindPersonByUserNameAsync(CarerUserName.Trim(), ct);
        if (string.IsNullOrWhiteSpace(CarerUserName))
            ModelState.AddModelError(nameof(CarerUserName), "Enter the user name of the person who will help you");
        else if (carer is not { Role: Role.Proxy })
            ModelState.AddModelError(nameof(CarerUserName), "There is no carer account with that user name. Check it with the person who will help you");
        if (!CanFill && !CanViewRecord)
            ModelState.AddModelError(nameof(CanFill), "Select what they can do for you");
        if (!ModelState.IsValid)
        {
            await LoadAsync(ct);
            return Page();
        }
        // Naming someone who can already act for you changes what they can do (the store keeps one grant each).
        var changing = (await store.ListProxyGrantsForPatientAsync(patientId, ct)).Any(g => g.IsActive && g.CarerId == carer!.Id);
        var grant = await store.AddProxyGrantAsync(patientId, carer!.Id, CanFill, CanViewRecord, ct);
        await store.AppendAuditAsync(new AuditEntry(patientId, changing ? "proxy.changed" : "proxy.granted", patientId,
            $"grant {grant.Id} to {carer.Id} fill={CanFill} record={CanViewRecord}"), ct);
        return RedirectToPage(new { done = changing ? "changed" : "granted" });
    }

    public async Task<IActionResult> OnPostRevokeAsync(string grantId, CancellationToken ct)
    {
        var patientId = User.PersonId();
        // Only the patient's own grants: any other id is treated as not there.
        var grant = (await store.ListProxyGrantsForPatientAsync(patientId, ct)).FirstOrDefault(g => g.Id == grantId);
        if (grant is null)
            return NotFound();
        if (grant.IsActive)
        {
            await store.RevokeProxyGrantAsync(grant.Id, ct);
            await store.AppendAuditAsync(new AuditEntry(patientId, "proxy.revoked", patientId,
                $"grant {grant.Id} to {grant.CarerId}"), ct);
        }
        return RedirectToPage(new { done = "revoked" });
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        Done = Request.Query["done"].FirstOrDefault() switch
        {
            "granted" => "They can now act for you.",
            "changed" => "What they can do for you has been changed.",
            "revoked" => "They can no longer act for you.",
            _ => null,
        };
        var list = new List<(ProxyGrant, Person?)>();
        foreach (var grant in await store.ListProxyGrantsForPatientAsync(User.PersonId(), ct))
            list.Add((grant, await store.GetPersonAsync(grant.CarerId, ct)));
        Grants = list;
    }
}
