using System.Globalization;
using HistoryEngine.Web.Infrastructure.Records;
using HistoryEngine.Web.Infrastructure.Records.Model;
using HistoryEngine.Web.Infrastructure.Security;
using HistoryEngine.Web.Infrastructure.Time;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace HistoryEngine.Web.Features.Admin;

/// <summary>Searching the audit trail by patient, user and date range, with whether the whole chain verifies now.</summary>
public sealed class AuditModel(IRecordStore store) : PageModel
{
    public const int Limit = 500;

    public string? Patient { get; private set; }
    public string? UserName { get; private set; }
    public string? From { get; private set; }
    public string? To { get; private set; }
    public List<string> Problems { get; } = [];
    public AuditVerification Chain { get; private set; } = AuditVerification.Intact(0);
    public IReadOnlyList<AuditEvent> Events { get; private set; } = [];
    public IReadOnlyDictionary<string, string> Names { get; private set; } = new Dictionary<string, string>();

    public async Task OnGetAsync(string? patient, string? user, string? from, string? to, CancellationToken ct)
    {
        (Patient, UserName, From, To) = (Blank(patient), Blank(user), Blank(from), Blank(to));
        Chain = await store.VerifyAuditAsync(ct, User.PracticeId());
        var patientId = await ResolveAsync(Patient, "patient", ct);
        var actorId = await ResolveAsync(UserName, "user", ct);
        // Days are UK days, as the times are shown. "To" is inclusive: up to the start of the next UK day (23 or 25
        // hours away on the days the clocks change); the last day of the calendar has no next day, so no end at all.
        var start = Day(From, "from") is { } first ? UkTime.StartOf(first) : (DateTimeOffset?)null;
        var end = Day(To, "to") is { } last && last < DateOnly.MaxValue ? UkTime.StartOf(last.AddDays(1)) : (DateTimeOffset?)null;
        if (Problems.Count > 0)
            return;
        Events = await store.SearchAuditAsync(new AuditQuery(patientId, actorId, start, end, Limit) { PracticeId = User.PracticeId() }, ct);
        var names = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var id in Events.Select(e => e.ActorId).Concat(Events.Select(e => e.PatientId).OfType<string>()).Distinct())
            names[id] = (await store.GetPersonAsync(id, ct))?.UserName ?? id;
        Names = names;
        await store.AppendAuditAsync(new AuditEntry(User.PersonId(), "audit.searched", patientId,
            $"patient={Patient ?? "any"} user={UserName ?? "any"} from={From ?? "any"} to={To ?? "any"}: {Events.Count} events"), ct);
    }

    /// <summary>A user name (or an id) to a person id; unknown is a problem to show, not an empty result.</summary>
    private async Task<string?> ResolveAsync(string? nameOrId, string what, CancellationToken ct)
    {
        if (nameOrId is null)
            return null;
        if ((await store.FindPersonByUserNameAsync(nameOrId, ct) ?? await store.GetPersonAsync(nameOrId, ct)) is { } person)
            return person.Id;
        Problems.Add($"There is no {what} with the user name or id '{nameOrId}'.");
        return null;
    }

    private DateOnly? Day(string? text, string what)
    {
        if (text is null)
            return null;
        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
            return day;
        Problems.Add($"Enter the '{what}' date as YYYY-MM-DD, for example 2026-03-01.");
        return null;
    }

    private static string? Blank(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();
}
