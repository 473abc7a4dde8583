using HistoryEngine.Web.Infrastructure.Records;
using HistoryEngine.Web.Infrastructure.Records.Model;
using HistoryEngine.Web.Infrastructure.Security;
using Microsoft.AspNetCore.Mvc;

namespace HistoryEngine.Web.Features.Clinician;

/// <summary>The waiting submissions summed up per flag level, read once per request however many parts of the page
/// show it (the count on every clinician page, the queue's oldest wait).</summary>
public sealed class WaitingWork(IRecordStore store)
{
    private Task<WaitingSummary>? _summary;

    /// <summary>The waiting work of the signed-in clinician's practice, never another practice's.</summary>
    public Task<WaitingSummary> GetAsync(System.Security.Claims.ClaimsPrincipal user, CancellationToken ct = default) =>
        _summary ??= store.SummariseWaitingAsync(ct, user.PracticeId());
}

/// <summary>How many emergency and urgent submissions wait, shown at the top of every clinician page
/// (Components/WaitingWork/Default.cshtml beside this file), so urgent work is noticed wherever the clinician is.</summary>
public sealed class WaitingWorkViewComponent(WaitingWork waiting) : ViewComponent
{
    public async Task<IViewComponentResult> InvokeAsync() => View(await waiting.GetAsync(UserClaimsPrincipal, HttpContext.RequestAborted));
}
