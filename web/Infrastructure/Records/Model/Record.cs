using System.Collections;
using System.Globalization;

namespace HistoryEngine.Web.Infrastructure.Records.Model;

/// <summary>A coded entry to file into a patient's record.</summary>
public sealed record NewRecordEntry(
    string PatientId,
    string System,
    string Code,
    string Display,
    string? Value,
    string? Unit,
    string FiledBy,
    string? SubmissionId,
    string? QuestionnaireVersion)
{
    /// <summary>Every coding of the entry, the primary (System, Code, Display) first; null for just the primary.</summary>
    public RecordCodings? Codings { get; init; }

    /// <summary>The day the result was taken or the diagnosis made, when a clinician gave it (an entry added directly);
    /// null when it is the day the entry was filed.</summary>
    public DateOnly? TakenOn { get; init; }
}

/// <summary>One coding of a record entry: a code in a code system, with its display.</summary>
public sealed record RecordCoding(string System, string Code, string Display);

/// <summary>
/// A record entry's codings, the primary first (the PHQ-9 total in SNOMED CT and LOINC). Equal when they hold the same
/// codings in the same order, so an entry read back from the store equals the one written.
/// </summary>
public sealed class RecordCodings(IEnumerable<RecordCoding> codings) : IReadOnlyList<RecordCoding>, IEquatable<RecordCodings>
{
    private readonly RecordCoding[] _items = [.. codings];

    public RecordCoding this[int index] => _items[index];
    public int Count => _items.Length;
    public IEnumerator<RecordCoding> GetEnumerator() => ((IEnumerable<RecordCoding>)_items).GetEnumerator();
    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    public bool Equals(RecordCodings? other) => other is not null && _items.SequenceEqual(other._items);
    public override bool Equals(object? obj) => Equals(obj as RecordCodings);
    public override int GetHashCode() => _items.Aggregate(0, HashCode.Combine);
    public override string ToString() => string.Join(", ", _items.Select(c => $"{c.System}|{c.Code}"));
}

/// <summary>
/// A coded entry in a patient's record with its provenance. Entries are never changed: a correction is a new entry
/// whose <see cref="SupersedesId"/> names the one it replaces.
/// </summary>
public sealed record RecordEntry(
    string Id,
    string PatientId,
    string System,
    string Code,
    string Display,
    string? Value,
    string? Unit,
    string FiledBy,
    DateTimeOffset FiledAt,
    string? SubmissionId,
    string? QuestionnaireVersion,
    string? SupersedesId)
{
    /// <summary>Every coding of the entry, the primary (System, Code, Display) first. An entry filed before entries
    /// kept their codings has just its primary.</summary>
    public RecordCodings Codings
    {
        get => _codings ?? new RecordCodings([new RecordCoding(System, Code, Display)]);
        init => _codings = value;
    }
    private readonly RecordCodings? _codings;

    /// <summary>The day the result was taken or the diagnosis made: given by the clinician who added the entry, or, for
    /// an entry filed from a submission, the day its questionnaire says the value was taken (the diary's averages: its
    /// last reading); a correction keeps the day of the entry it corrects. Null when it is about the day it was filed.</summary>
    public DateOnly? TakenOn { get; init; }

    /// <summary>Added by a clinician directly (not filed from a submission, nor a correction of an entry that was).</summary>
    public bool IsAddedDirectly => SubmissionId is null;

    /// <summary>The value as a number when it is one (invariant culture, as values are stored), else null: the one
    /// reading of a stored value that sessions, FHIR searches and FHIR Observations share.</summary>
    public decimal? Number =>
        decimal.TryParse(Value, NumberStyles.Number, CultureInfo.InvariantCulture, out var n) ? n : null;

    /// <summary>This entry as a questionnaire session, a care plan and a FHIR search read record values: every coding,
    /// the value (a number where it is one), and its date: the day it was taken when the clinician gave one (the start
    /// of that day), else when it was filed, UK wall-clock time.</summary>
    public HistoryEngine.Runtime.ContextObservation AsObservation(DateTimeOffset? filed = null)
    {
        var number = Number;
        return new HistoryEngine.Runtime.ContextObservation(
            [.. Codings.Select(c => new HistoryEngine.Runtime.ContextCoding(c.System, c.Code, c.Display))], number, Unit,
            number is null ? Value : null, TakenOn?.ToDateTime(TimeOnly.MinValue) ?? Time.UkTime.Local(FiledAt))
        {
            Filed = Time.UkTime.Local(filed ?? FiledAt),
        };
    }

    /// <summary>
    /// Current entries (none superseded) as observations, each with the time its submission's entries were first filed
    /// (the earliest of them; an entry added directly, its own): what orders readings taken the same day, so two
    /// diaries ending on one day keep their systolic and diastolic paired, even after one of them is corrected.
    /// </summary>
    public static IEnumerable<HistoryEngine.Runtime.ContextObservation> AsObservations(IEnumerable<RecordEntry> current)
    {
        var list = current.ToList();
        var firstFiled = list.Where(e => e.SubmissionId is not null).GroupBy(e => e.SubmissionId!)
            .ToDictionary(g => g.Key, g => g.Min(e => e.FiledAt), StringComparer.Ordinal);
        return list.Select(e => e.AsObservation(e.SubmissionId is { } s ? firstFiled[s] : e.FiledAt));
    }
}

/// <summary>A message to store for a patient.</summary>
public sealed record NewMessage(string PatientId, string FromId, string Subject, string Body, string? SubmissionId);

/// <summary>A message from the practice to a patient, optionally about one submission.</summary>
public sealed record PatientMessage(
    string Id,
    string PatientId,
    string FromId,
    string Subject,
    string Body,
    string? SubmissionId,
    DateTimeOffset SentAt,
    DateTimeOffset? ReadAt);

/// <summary>A patient's consent for a carer to act for them (given by the patient, or recorded by the practice);
/// active until <see cref="RevokedAt"/> is set or <see cref="ExpiresAt"/> passes.</summary>
public sealed record ProxyGrant(
    string Id,
    string PatientId,
    string CarerId,
    bool CanFill,
    bool CanViewRecord,
    DateTimeOffset GrantedAt,
    DateTimeOffset? RevokedAt)
{
    /// <summary>When the grant ends by itself (the practice's review date), or null for no end.</summary>
    public DateTimeOffset? ExpiresAt { get; init; }

    /// <summary>True while the grant has not been revoked (it may still have expired: see <see cref="IsActiveAt"/>).</summary>
    public bool IsActive => RevokedAt is null;

    /// <summary>True while the grant lets the carer act: not revoked, and not past its end.</summary>
    public bool IsActiveAt(DateTimeOffset now) => RevokedAt is null && (ExpiresAt is null || now < ExpiresAt);
}
