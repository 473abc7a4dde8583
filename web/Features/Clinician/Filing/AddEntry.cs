using HistoryEngine.Web.Infrastructure.Records;
using HistoryEngine.Web.Infrastructure.Records.Model;

namespace HistoryEngine.Web.Features.Clinician.Filing;

/// <summary>A clinician adding an entry to a record directly, as one unit of work: the entry (with who added it, when,
/// and the day it was taken) and its audit event land together or not at all.</summary>
public static class AddEntry
{
    public static Task<RecordEntry> RunAsync(IRecordStore store, NewRecordEntry entry, CancellationToken ct) =>
        store.WriteAsync(w =>
        {
            var added = w.AddRecordEntry(entry);
            w.AppendAudit(new AuditEntry(entry.FiledBy, ReviewAudit.EntryAdded, entry.PatientId,
                $"{added.System}|{added.Code}{(added.Value is null ? "" : " " + added.Value)}{(added.Unit is null ? "" : " " + added.Unit)}"
                + $"{(added.TakenOn is { } taken ? " taken " + taken.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) : "")} (entry {added.Id})"));
            return added;
        }, ct);
}
