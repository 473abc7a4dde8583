using HistoryEngine.Web.Infrastructure.Records.Model;

namespace HistoryEngine.Web.Infrastructure.Records;

/// <summary>A patient's record (append-only: entries are added and corrected through <see cref="IRecordWriter"/>, never
/// updated) and the practice's messages to them.</summary>
public interface IRecordEntryStore
{
    /// <summary>The entry with this id, or null.</summary>
    Task<RecordEntry?> GetRecordEntryAsync(string id, CancellationToken ct = default);

    /// <summary>A patient's record, oldest first; superseded entries only when asked for.</summary>
    Task<IReadOnlyList<RecordEntry>> ListRecordEntriesAsync(string patientId, bool includeSuperseded = false,
        CancellationToken ct = default);

    /// <summary>A patient's messages, newest first.</summary>
    Task<IReadOnlyList<PatientMessage>> ListMessagesAsync(string patientId, CancellationToken ct = default);

    /// <summary>Marks a message read (the first time only; later calls keep the first time).</summary>
    Task<PatientMessage> MarkMessageReadAsync(string messageId, CancellationToken ct = default);
}
