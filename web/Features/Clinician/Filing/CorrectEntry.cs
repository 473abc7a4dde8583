using HistoryEngine.Web.Infrastructure.Records;
using HistoryEngine.Web.Infrastructure.Records.Model;

namespace HistoryEngine.Web.Features.Clinician.Filing;

/// <summary>Correcting a filed entry, as one unit of work: the replacement (the old entry stays, marked as corrected)
/// and the audit entry with the reason land together or not at all.</summary>
public static class CorrectEntry
{
    public static Task<RecordEntry> RunAsync(IRecordStore store, RecordEntry old, NewRecordEntry replacement, string reason,
        CancellationToken ct) =>
        store.WriteAsync(w =>
        {
            var corrected = w.SupersedeRecordEntry(old.Id, replacement);
            w.AppendAudit(new AuditEntry(replacement.FiledBy, ReviewAudit.EntryCorrected, old.PatientId,
                $"{old.Code} {old.Value} -> {corrected.Value} (entry {old.Id} superseded by {corrected.Id}): {reason.Trim()}"));
            return corrected;
        }, ct);
}
