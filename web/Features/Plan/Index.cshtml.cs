using HistoryEngine.CarePlans;
using HistoryEngine.Web.Features.Shared;
using HistoryEngine.Web.Features.Shared.HomeReadings;
using HistoryEngine.Web.Infrastructure.Questionnaires;
using HistoryEngine.Web.Infrastructure.Records;
using HistoryEngine.Web.Infrastructure.Security;
using HistoryEngine.Web.Infrastructure.Time;
using Microsoft.AspNetCore.Mvc;

namespace HistoryEngine.Web.Features.Plan;

/// <summary>"My plan": the care plans the patient's record has started (a filed diagnosis of high blood pressure, say),
/// with what is done and what is next, their target, their home averages over time and the plan's information. Seen
/// by the patient, and by a carer whose grant lets them see the record.</summary>
public sealed class IndexModel(SubjectAccess access, IRecordStore store, CarePlanCatalog plans, TimeProvider clock)
    : SubjectPageModel(access)
{
    public IReadOnlyList<CarePlanState> Plans { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(string subject, CancellationToken ct)
    {
        if (await AuthorizeAsync(subject, SubjectRight.ViewRecord, ct) is { } refused)
            return refused;
        Plans = await PatientPlans.ActiveAsync(Subject.Patient, store, plans, clock, ct);
        return Page();
    }

    /// <summary>The plan's complete diaries' averages over time as a chart with its table, the dashed lines at the
    /// patient's target (none when the plan sets none).</summary>
    public static BpChart Trend(CarePlanState plan, CarePlanDiary diary) =>
        BpChart.OverTime([.. diary.Averages.Select(a => new BpPoint(a.Date.ToDateTime(new TimeOnly(12, 0)), a.Systolic, a.Diastolic))],
            plan.Target is { Systolic: { } s, Diastolic: { } d } ? new BpLines(s, d) : null, BpChartWords.PatientTarget,
            "Home averages, oldest first (one for each complete diary)", at => UkTime.Date(DateOnly.FromDateTime(at)));
}
