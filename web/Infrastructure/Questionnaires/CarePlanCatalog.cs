using System.Collections.Frozen;
using HistoryEngine.CarePlans;

namespace HistoryEngine.Web.Infrastructure.Questionnaires;

/// <summary>
/// The care plans in the questionnaires folder (<c>*.care-plan.yaml</c>), loaded once at start-up as the
/// questionnaires are. A plan with errors is left out and logged with its diagnostics; the others still load.
/// </summary>
public sealed class CarePlanCatalog(IReadOnlyList<CompiledCarePlan> plans)
{
    public IReadOnlyList<CompiledCarePlan> Plans { get; } = plans;

    private readonly FrozenSet<string> _questionnairesRead = plans.SelectMany(p => p.Definition.Questionnaires).ToFrozenSet(StringComparer.Ordinal);

    /// <summary>Whether a plan reads the patient's submissions of this questionnaire (it names it as its diary or its
    /// review; the plans' expressions can read no other). Sending any other questionnaire changes no plan's state.</summary>
    public bool ReadsSubmissionsOf(string questionnaireId) => _questionnairesRead.Contains(questionnaireId);

    /// <summary>
    /// What a clinician may add to a record directly: every code the plans declare (once each, by system and code,
    /// in the files' order), with its unit and limits when it takes a number. The codes a plan's diary files its
    /// averages under are left out: those come only from a complete diary.
    /// </summary>
    public IReadOnlyList<CarePlanCode> AddableCodes { get; } = [.. plans
        .SelectMany(p => p.Definition.Codes.Where(c => p.Definition.Diary is not { } d || (c.Name != d.Systolic && c.Name != d.Diastolic)))
        .DistinctBy(c => (c.System, c.Code))];

    public static CarePlanCatalog Load(string folder, ILogger logger)
    {
        if (!Directory.Exists(folder))
            return new CarePlanCatalog([]);
        var plans = new List<CompiledCarePlan>();
        foreach (var path in CarePlanFile.Expand([folder]))
        {
            var file = CarePlanFile.Load(path);
            if (file.Compiled is { } plan && !file.HasErrors)
                plans.Add(plan);
            else
                logger.LogError("Care plan {File} is not used:\n{Diagnostics}", Path.GetRelativePath(folder, path),
                    string.Join('\n', file.Diagnostics.Where(d => d.IsError).Select(d => d.ToString().Replace(folder + Path.DirectorySeparatorChar, ""))));
        }
        return new CarePlanCatalog(plans);
    }
}
