using HistoryEngine.Web.Infrastructure.Records;
using HistoryEngine.Web.Infrastructure.Records.Model;
using HistoryEngine.Web.Infrastructure.Security;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace HistoryEngine.Web.Features.Clinician;

/// <summary>Finding a patient by name, NHS number or date of birth, to open their record or ask them for a questionnaire.</summary>
public sealed class PatientsModel(IRecordStore store) : PageModel
{
    public string? Query { get; private set; }
    public IReadOnlyList<Person> Found { get; private set; } = [];

    public async Task OnGetAsync(string? q, CancellationToken ct)
    {
        Query = string.IsNullOrWhiteSpace(q) ? null : q.Trim();
        if (Query is null)
            return;
        var digits = new string([.. Query.Where(char.IsDigit)]);
        Found = [.. (await store.ListPeopleAsync(Role.Patient, ct, User.PracticeId())).Where(p =>
            p.DisplayName.Contains(Query, StringComparison.CurrentCultureIgnoreCase)
            || (digits.Length >= 6 && p.NhsNumber is { } nhs && new string([.. nhs.Where(char.IsDigit)]) == digits)
            || p.DateOfBirth?.ToString("yyyy-MM-dd") == Query).Take(50)];
        await ReviewAudit.WriteAsync(store, User.PersonId(), ReviewAudit.PatientsListed, null, $"searched \"{Query}\": {Found.Count} found", ct);
    }
}
