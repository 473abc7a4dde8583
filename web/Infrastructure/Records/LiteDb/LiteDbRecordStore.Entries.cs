using HistoryEngine.Web.Infrastructure.Records.Model;
using LiteDB;

namespace HistoryEngine.Web.Infrastructure.Records.LiteDb;

// Record entries are only ever inserted: no method here updates or deletes one.
internal sealed partial class LiteDbRecordStore
{
    public Task<RecordEntry> AddRecordEntryAsync(NewRecordEntry entry, CancellationToken ct = default) =>
        Write(ct, () => InsertEntry(entry, supersedesId: null));

    private RecordEntry AddEntry(NewRecordEntry entry) => InsertEntry(entry, supersedesId: null);

    // Under the writers' gate (a unit of work), so two of the same form cannot both find no repeat.
    private RecordEntry? AddEntryUnlessRepeated(NewRecordEntry entry, TimeSpan within)
    {
        var since = Now() - within;
        var repeated = Collection(Entries).Find(Bson.Eq("patientId", entry.PatientId)).Select(ToEntry).Any(e =>
            e is { SubmissionId: null, SupersedesId: null } && e.FiledBy == entry.FiledBy && e.System == entry.System
            && e.Code == entry.Code && e.Value == entry.Value && e.TakenOn == entry.TakenOn && e.FiledAt > since);
        return repeated ? null : AddEntry(entry);
    }

    private RecordEntry Supersede(string supersededId, NewRecordEntry replacement)
    {
        var old = FindById(Collection(Entries), supersededId) is { } doc
            ? ToEntry(doc)
            : throw new RecordNotFoundException("record entry", supersededId);
        if (old.PatientId != replacement.PatientId)
            throw new ArgumentException("A correction must be for the same patient as the entry it replaces.", nameof(replacement));
        if (Collection(Entries).Exists(Bson.Eq("supersedesId", supersededId)))
            throw new RecordConflictException(ConflictKind.AlreadySuperseded,
                $"Cannot correct record entry {supersededId}: it has already been corrected.");
        return InsertEntry(replacement, supersededId);
    }

    public Task<RecordEntry?> GetRecordEntryAsync(string id, CancellationToken ct = default) =>
        Read(ct, () => FindById(Collection(Entries), id) is { } doc ? ToEntry(doc) : null);

    public Task<IReadOnlyList<RecordEntry>> ListRecordEntriesAsync(string patientId, bool includeSuperseded = false,
        CancellationToken ct = default) => Read<IReadOnlyList<RecordEntry>>(ct, () =>
    {
        var all = Collection(Entries).Find(Bson.Eq("patientId", patientId)).Select(ToEntry).ToList();
        var superseded = all.Where(e => e.SupersedesId is not null).Select(e => e.SupersedesId!).ToHashSet();
        return all.Where(e => includeSuperseded || !superseded.Contains(e.Id))
            .OrderBy(e => e.FiledAt).ThenBy(e => e.Id, StringComparer.Ordinal).ToList();
    });

    private RecordEntry InsertEntry(NewRecordEntry e, string? supersedesId)
    {
        var entry = new RecordEntry(NewId(), e.PatientId, e.System, e.Code, e.Display, e.Value, e.Unit, e.FiledBy,
            Now(), e.SubmissionId, e.QuestionnaireVersion, supersedesId)
        {
            Codings = e.Codings ?? new RecordCodings([new RecordCoding(e.System, e.Code, e.Display)]),
            TakenOn = e.TakenOn,
        };
        Collection(Entries).Insert(ToDocument(entry));
        return entry;
    }

    private static BsonDocument ToDocument(RecordEntry entry) => new()
    {
        ["_id"] = entry.Id,
        ["patientId"] = entry.PatientId,
        ["system"] = entry.System,
        ["code"] = entry.Code,
        ["display"] = entry.Display,
        ["value"] = Bson.Text(entry.Value),
        ["unit"] = Bson.Text(entry.Unit),
        ["filedBy"] = entry.FiledBy,
        ["filedAt"] = Bson.Time(entry.FiledAt),
        ["submissionId"] = Bson.Text(entry.SubmissionId),
        ["questionnaireVersion"] = Bson.Text(entry.QuestionnaireVersion),
        ["supersedesId"] = Bson.Text(entry.SupersedesId),
        ["takenOn"] = Bson.Date(entry.TakenOn),
        ["codings"] = new BsonArray(entry.Codings.Select(c => new BsonDocument
        {
            ["system"] = c.System, ["code"] = c.Code, ["display"] = c.Display,
        })),
    };

    private static RecordEntry ToEntry(BsonDocument d) => new RecordEntry(
        d["_id"].AsString,
        d["patientId"].AsString,
        d["system"].AsString,
        d["code"].AsString,
        d["display"].AsString,
        Bson.ReadText(d["value"]),
        Bson.ReadText(d["unit"]),
        d["filedBy"].AsString,
        Bson.ReadTime(d["filedAt"]),
        Bson.ReadText(d["submissionId"]),
        Bson.ReadText(d["questionnaireVersion"]),
        Bson.ReadText(d["supersedesId"]))
    {
        Codings = ReadCodings(d),
        // Entries stored before a taken day was kept have none.
        TakenOn = d.TryGetValue("takenOn", out var taken) ? Bson.ReadDate(taken) : null,
    };

    /// <summary>The entry's codings; an entry stored before codings were kept has just its primary.</summary>
    private static RecordCodings ReadCodings(BsonDocument d) =>
        d.TryGetValue("codings", out var codings) && codings.IsArray && codings.AsArray.Count > 0
            ? new RecordCodings(codings.AsArray.Select(c => new RecordCoding(c["system"].AsString, c["code"].AsString, c["display"].AsString)))
            : new RecordCodings([new RecordCoding(d["system"].AsString, d["code"].AsString, d["display"].AsString)]);
}
