namespace HistoryEngine.Web.Infrastructure.Records.Model;

/// <summary>
/// A care plan's flag to put in front of the practice: raised once per patient and <see cref="Key"/> (the plan, its
/// rule and the reason the flag gives), so the same reason is not raised twice, and a new reason (another diary above
/// target) is raised again after the first was reviewed.
/// </summary>
public sealed record NewPlanAlert(string PatientId, string Plan, string PlanTitle, string Rule, FlagLevel Level, string Reason,
    string Source, string Key);

/// <summary>A care plan's flag in the review queue, open until a clinician marks it reviewed.</summary>
public sealed record PlanAlert(
    string Id,
    string PatientId,
    string Plan,
    string PlanTitle,
    string Rule,
    FlagLevel Level,
    string Reason,
    string Source,
    string Key,
    DateTimeOffset RaisedAt,
    DateTimeOffset? ReviewedAt,
    string? ReviewedBy)
{
    public bool IsOpen => ReviewedAt is null;
}
