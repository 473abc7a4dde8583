using System.Security.Cryptography;
using System.Text;
using HistoryEngine.CarePlans;
using HistoryEngine.Web.Infrastructure.Questionnaires;
using HistoryEngine.Web.Infrastructure.Records;
using HistoryEngine.Web.Infrastructure.Records.Model;

namespace HistoryEngine.Web.Features.Shared;

/// <summary>
/// What the care plans ask of the practice, made real in the store: a plan's assignment that has come due (the yearly
/// review) is assigned, and each flag the plan raises becomes an alert in the review queue. Both are written under a
/// key (the plan's assignment key; the plan, rule and reason of a flag), which the store keeps once per patient, so
/// running this again, or on several site instances at once, never makes anything twice. Run for one patient when
/// their record changes (a filing, a submission) and for every patient a plan may apply to by
/// <see cref="CarePlanSweepService"/>, because time alone makes a review due. The plans' logic is in their files.
/// </summary>
public sealed class CarePlanWork(IRecordStore store, CarePlanCatalog plans, TimeProvider clock, ILogger<CarePlanWork> logger)
{
    /// <summary>The audit actions this writes (docs/security.md).</summary>
    public const string Assigned = "care-plan.assigned", AlertRaised = "care-plan.alert-raised";

    /// <summary>What one run made.</summary>
    public readonly record struct Made(int Assignments, int Alerts)
    {
        public static Made operator +(Made a, Made b) => new(a.Assignments + b.Assignments, a.Alerts + b.Alerts);
    }

    /// <summary>Works out the patient's plans from their record now, and writes what has come due. A patient the store
    /// does not hold, or one no plan applies to, makes nothing.</summary>
    public async Task<Made> ForPatientAsync(string patientId, CancellationToken ct)
    {
        if (plans.Plans.Count == 0 || await store.GetPersonAsync(patientId, ct) is not { Role: Role.Patient } patient)
            return default;
        var states = await PatientPlans.ActiveAsync(patient, store, plans, clock, ct);
        if (states.Count == 0)
            return default;
        return await store.WriteAsync(w =>
        {
            var made = new Made();
            foreach (var state in states)
            {
                var actor = "care-plan:" + state.Plan;
                if (state.Review?.Assign is { } assign
                    && w.AddAssignmentOnce(new NewAssignment(patient.Id, assign.Questionnaire, assign.Due, actor) { Key = assign.Key }) is { } assignment)
                {
                    w.AppendAudit(new AuditEntry(actor, Assigned, patient.Id,
                        $"{assignment.QuestionnaireId} due {assign.Due:yyyy-MM-dd} (key {assign.Key}) assignment {assignment.Id}"));
                    made += new Made(1, 0);
                }
                foreach (var flag in state.Flags)
                {
                    var raised = w.RaisePlanAlert(new NewPlanAlert(patient.Id, state.Plan, state.Title, flag.Rule,
                        StoredFlagLevel.From(flag.Level), flag.Clinician, flag.Source, AlertKey(state.Plan, flag.Rule, flag.Clinician)));
                    if (raised is null)
                        continue;
                    w.AppendAudit(new AuditEntry(actor, AlertRaised, patient.Id, $"{flag.Level} {flag.Rule} alert {raised.Id}"));
                    made += new Made(0, 1);
                }
            }
            return made;
        }, ct);
    }

    /// <summary>As <see cref="ForPatientAsync"/>, after a change the user has already been told of (a filing, a
    /// submission): a failure here is logged, not shown, and the next sweep makes what this did not.</summary>
    public async Task AfterChangeAsync(string patientId, CancellationToken ct)
    {
        try
        {
            await ForPatientAsync(patientId, ct);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogError(e, "Care plan work for patient {PatientId} failed after a change; the next sweep will do it", patientId);
        }
    }

    /// <summary>As <see cref="AfterChangeAsync"/>, after the patient sent <paramref name="questionnaireId"/>: only when a
    /// plan reads that questionnaire's submissions (<see cref="CarePlanCatalog.ReadsSubmissionsOf"/>). A submission of
    /// any other changes no plan's state; what time alone brings due (the yearly review) is the sweep's.</summary>
    public Task AfterSubmissionAsync(string patientId, string questionnaireId, CancellationToken ct) =>
        plans.ReadsSubmissionsOf(questionnaireId) ? AfterChangeAsync(patientId, ct) : Task.CompletedTask;

    /// <summary>Every patient a plan may apply to (a current entry holds one of a plan's codes), one at a time; a
    /// failure for one patient is logged and the others go on.</summary>
    public async Task<Made> SweepAsync(CancellationToken ct)
    {
        var codes = plans.Plans.SelectMany(p => p.Definition.Codes)
            .Select(c => new RecordCoding(c.System, c.Code, c.Display)).DistinctBy(c => (c.System, c.Code)).ToList();
        var made = new Made();
        foreach (var patientId in await store.ListPatientsWithCodesAsync(codes, ct))
        {
            try
            {
                made += await ForPatientAsync(patientId, ct);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogError(e, "Care plan work for patient {PatientId} failed; the sweep goes on", patientId);
            }
        }
        return made;
    }

    /// <summary>One alert per plan, rule and reason: a flag whose words name what it is about (the diaries' dates and
    /// averages, the review's due date) raises again when that changes, and not before.</summary>
    internal static string AlertKey(string plan, string rule, string reason) =>
        $"{plan}/{rule}/{Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(reason)))[..32]}";
}

/// <summary>Runs <see cref="CarePlanWork.SweepAsync"/> soon after start-up and then every <c>CarePlans:SweepEvery</c>
/// (default an hour; <c>00:00:00</c> turns it off). Every instance runs it: the store's keys keep the work single.</summary>
public sealed class CarePlanSweepService(CarePlanWork work, IConfiguration configuration, ILogger<CarePlanSweepService> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var every = configuration.GetValue("CarePlans:SweepEvery", TimeSpan.FromHours(1));
        if (every <= TimeSpan.Zero)
            return;
        try
        {
            await Task.Delay(configuration.GetValue("CarePlans:SweepDelay", TimeSpan.FromSeconds(30)), stoppingToken);
            while (!stoppingToken.IsCancellationRequested)
            {
                try
                {
                    var made = await work.SweepAsync(stoppingToken);
                    logger.LogInformation("Care plan sweep: {Assignments} assignments and {Alerts} alerts made", made.Assignments, made.Alerts);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    logger.LogError(e, "Care plan sweep failed; it runs again in {Every}", every);
                }
                await Task.Delay(every, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }
}
