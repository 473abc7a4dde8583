using HistoryEngine.Web.Infrastructure.Records;
using HistoryEngine.Web.Infrastructure.Records.Model;

namespace HistoryEngine.Testing;

/// <summary>
/// For tests: single writes the site makes only inside a use case, each run as its own unit of work through
/// <see cref="IRecordStore.WriteAsync{T}"/> (the same path the site's use cases take), and the set-up writes of
/// <see cref="IRecordStoreSeeding"/>, which both stores implement but the site's port leaves out.
/// </summary>
public static class RecordStoreSetUp
{
    public static Task<PatientMessage> AddMessageAsync(this IRecordStore store, NewMessage message, CancellationToken ct = default) =>
        store.WriteAsync(w => w.AddMessage(message), ct);

    public static Task<Assignment> ChangeAssignmentStatusAsync(this IRecordStore store, string assignmentId, AssignmentStatus expected,
        AssignmentStatus next, CancellationToken ct = default) =>
        store.WriteAsync(w => w.ChangeAssignmentStatus(assignmentId, expected, next), ct);

    public static Task<Submission> ChangeSubmissionStatusAsync(this IRecordStore store, string submissionId, SubmissionStatus expected,
        SubmissionStatus next, string byId, string? note, CancellationToken ct = default) =>
        store.WriteAsync(w => w.ChangeSubmissionStatus(submissionId, expected, next, byId, note), ct);

    public static Task<Submission> FileSubmissionAsync(this IRecordStore store, string submissionId, string filedBy,
        IReadOnlyList<NewRecordEntry> entries, CancellationToken ct = default) =>
        store.WriteAsync(w => w.FileSubmission(submissionId, filedBy, entries), ct);

    public static Task<RecordEntry> SupersedeRecordEntryAsync(this IRecordStore store, string supersededId, NewRecordEntry replacement,
        CancellationToken ct = default) =>
        store.WriteAsync(w => w.SupersedeRecordEntry(supersededId, replacement), ct);

    public static Task<DraftSubmission> SubmitDraftAsync(this IRecordStore store, NewSubmission submission, string draftKey,
        long expectedRevision, CancellationToken ct = default) =>
        store.WriteAsync(w => w.SubmitDraft(submission, draftKey, expectedRevision), ct);

    public static Task<Submission> AddSubmissionAsync(this IRecordStore store, NewSubmission submission, CancellationToken ct = default) =>
        Seeding(store).AddSubmissionAsync(submission, ct);

    public static Task<RecordEntry> AddRecordEntryAsync(this IRecordStore store, NewRecordEntry entry, CancellationToken ct = default) =>
        Seeding(store).AddRecordEntryAsync(entry, ct);

    public static Task DeleteDraftAsync(this IRecordStore store, string patientId, string questionnaireId, long expectedRevision,
        CancellationToken ct = default) =>
        Seeding(store).DeleteDraftAsync(patientId, questionnaireId, expectedRevision, ct);

    public static Task<Submission?> FindSubmissionByReferenceAsync(this IRecordStore store, string reference, CancellationToken ct = default) =>
        Seeding(store).FindSubmissionByReferenceAsync(reference, ct);

    private static IRecordStoreSeeding Seeding(IRecordStore store) => store as IRecordStoreSeeding
        ?? throw new InvalidOperationException($"{store.GetType().Name} cannot be set up for tests: it does not implement IRecordStoreSeeding.");
}
