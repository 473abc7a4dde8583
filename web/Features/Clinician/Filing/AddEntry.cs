using HistoryEngine.Web.Infrastructure.Records;
using HistoryEngine.Web.Infrastructure.Records.Model;

namespace HistoryEngine.Web.Features.Clinician.Filing;

/// <summary>A clinician adding an entry to a record directly, as one unit of work: the entry (with who added it, when,
/// and the day it was taken) and its audit event land together or not at all. The same form posted again within
/// <see cref="RepeatWindow"/> (a double click, a replayed form, however many at once) adds nothing: null.</summary>
public static class AddEntry
{
    /// <summary>How long the same clinician adding the same code, value and day is taken as the same form again.</summary>
    public static readonly TimeSpan RepeatWindow = TimeSpan.FromMinutes(5);

    public static Task<RecordEntry?> RunAsync(IRecordStore store, NewRecordEntry entry, CancellationToken ct) =>
        store.WriteAsync<RecordEntry?>(w =>
        {
            if (w.AddRecordEntryUnlessRepeated(entry, RepeatWindow) is not { } added)
                return null;
            w.AppendAudit(new AuditEntry(entry.FiledBy, ReviewAudit.EntryAdded, entry.PatientId,
                $"{added.System}|{added.Code}{(added.Value is null ? "" : " " + added.Value)}{(added.Unit is null ? "" : " " + added.Unit)}"
                + $"{(added.TakenOn is { } taken ? " taken " + taken.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) : "")} (entry {added.Id})"));
            return added;
        }, ct);
}
