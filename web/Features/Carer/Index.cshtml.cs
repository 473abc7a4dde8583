using HistoryEngine.Web.Infrastructure.Records;
using HistoryEngine.Web.Infrastructure.Records.Model;
using HistoryEngine.Web.Infrastructure.Security;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace HistoryEngine.Web.Features.Carer;

/// <summary>A carer's home: the people who have allowed them to act for them, and what each grant allows.</summary>
public sealed class IndexModel(IRecordStore store) : PageModel
{
    public IReadOnlyList<(ProxyGrant Grant, Person? Patient)> ActingFor { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        var grants = await store.ListActiveProxyGrantsForCarerAsync(User.PersonId(), ct);
        var list = new List<(ProxyGrant, Person?)>();
        foreach (var grant in grants)
            list.Add((grant, await store.GetPersonAsync(grant.PatientId, ct)));
        ActingFor = list;
    }
}
