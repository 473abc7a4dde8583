using HistoryEngine.Web.Infrastructure.Records.Model;

namespace HistoryEngine.Web.Infrastructure.Records;

/// <summary>Care plans' flags raised for the practice (written through <see cref="IRecordWriter.RaisePlanAlert"/>), and
/// the patients a care plan may apply to.</summary>
public interface IPlanAlertStore
{
    /// <summary>The open alerts (not yet reviewed) of every patient, or of one practice's with
    /// <paramref name="practiceId"/>: highest level first, then oldest first; at most <paramref name="limit"/>.</summary>
    Task<IReadOnlyList<PlanAlert>> ListOpenPlanAlertsAsync(int limit, CancellationToken ct = default, string? practiceId = null);

    /// <summary>A patient's alerts, open and reviewed, newest first.</summary>
    Task<IReadOnlyList<PlanAlert>> ListPlanAlertsAsync(string patientId, CancellationToken ct = default);

    /// <summary>The patients whose record holds a current (not superseded) entry with any of these codes, in id order:
    /// those a care plan started by one of the codes may apply to.</summary>
    Task<IReadOnlyList<string>> ListPatientsWithCodesAsync(IReadOnlyCollection<RecordCoding> codes, CancellationToken ct = default);
}
