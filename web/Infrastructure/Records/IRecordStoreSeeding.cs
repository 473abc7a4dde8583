using HistoryEngine.Web.Infrastructure.Records.Model;

namespace HistoryEngine.Web.Infrastructure.Records;

/// <summary>
/// Writes and a look-up the site itself never makes, kept for the tests and the load benchmarks to set up a store: a
/// submission or an entry added as it is (the site makes them from a draft and by filing, through
/// <see cref="IRecordWriter"/>), a draft deleted, a submission found by its reference. Both stores implement it, so
/// the same set-up works on each; it is not part of <see cref="IRecordStore"/>, which is what the site depends on.
/// </summary>
public interface IRecordStoreSeeding
{
    /// <summary>Deletes a draft if its revision is still <paramref name="expectedRevision"/>.</summary>
    Task DeleteDraftAsync(string patientId, string questionnaireId, long expectedRevision, CancellationToken ct = default);

    /// <summary>Stores a submission with status New, a fresh id and a unique short reference.</summary>
    Task<Submission> AddSubmissionAsync(NewSubmission submission, CancellationToken ct = default);

    /// <summary>The submission with this reference (ignoring case), or null.</summary>
    Task<Submission?> FindSubmissionByReferenceAsync(string reference, CancellationToken ct = default);

    /// <summary>Adds an entry to a patient's record.</summary>
    Task<RecordEntry> AddRecordEntryAsync(NewRecordEntry entry, CancellationToken ct = default);
}
