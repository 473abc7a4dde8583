using HistoryEngine.CarePlans;
using HistoryEngine.Runtime;
using HistoryEngine.Web.Infrastructure.Questionnaires;
using HistoryEngine.Web.Infrastructure.Records;
using HistoryEngine.Web.Infrastructure.Records.Model;
using HistoryEngine.Web.Infrastructure.Time;

namespace HistoryEngine.Web.Features.Shared;

/// <summary>
/// A patient's care plans worked out for today (UK), from what the practice holds: the patient's details, the entries
/// filed in their record and the questionnaires they sent. The plans' logic is in their files; this only gathers the
/// record the engine reads.
/// </summary>
public static class PatientPlans
{
    /// <summary>The plans that apply to the patient (started by their record), each as it stands today, reading the
    /// record from the store.</summary>
    public static async Task<IReadOnlyList<CarePlanState>> ActiveAsync(Person patient, IRecordStore store, CarePlanCatalog plans,
        TimeProvider clock, CancellationToken ct)
    {
        if (plans.Plans.Count == 0)
            return [];
        var entries = await store.ListRecordEntriesAsync(patient.Id, includeSuperseded: false, ct);
        var submissions = await store.ListSubmissionsForPatientAsync(patient.Id, ct);
        return Active(patient, entries, submissions, plans, clock);
    }

    /// <summary>As <see cref="ActiveAsync"/>, from the record a page has already read: the current entries (none
    /// superseded) and the patient's submissions.</summary>
    public static IReadOnlyList<CarePlanState> Active(Person patient, IEnumerable<RecordEntry> currentEntries,
        IEnumerable<Submission> submissions, CarePlanCatalog plans, TimeProvider clock)
    {
        if (plans.Plans.Count == 0)
            return [];
        var context = patient.Context with
        {
            Observations = [.. RecordEntry.AsObservations(currentEntries)],
            Submissions = [.. submissions.Select(s => new ContextSubmission(s.Questionnaire.Id, UkTime.Local(s.SubmittedAt),
                StoredFlagLevel.ToEngine(s.HighestFlag)))],
        };
        var record = new CarePlanRecord(context);
        var today = UkTime.Today(clock);
        return [.. plans.Plans.Select(p => p.Evaluate(record, today)).Where(s => s.Active)];
    }
}
