using HistoryEngine.Web.Infrastructure.Records.Model;
using LiteDB;

namespace HistoryEngine.Web.Infrastructure.Records.LiteDb;

// Practices. A LiteDB store serves one practice by default (the one it makes when it is first opened), but it keeps
// as many as it is given, and filters by practice exactly as the PostgreSQL store does, so the contract suite holds
// both to the same isolation. What belongs to a practice is found through its people: a person document carries
// "practiceId" (absent on documents from before practices: the default practice).
internal sealed partial class LiteDbRecordStore
{
    private const string Practices = "practices";

    /// <summary>Makes the default practice in a store that has none (a new store, or one from before practices).</summary>
    private static void EnsureDefaultPractice(LiteDatabase db, TimeProvider clock)
    {
        var practices = db.GetCollection(Practices);
        practices.EnsureIndex("codeKey");
        if (practices.FindById(Practice.DefaultId) is null)
            practices.Insert(ToDocument(new Practice(Practice.DefaultId, Practice.UnnamedName, null, Millis(clock.GetUtcNow()))));
    }

    private static DateTimeOffset Millis(DateTimeOffset t) =>
        new(t.UtcTicks - t.UtcTicks % TimeSpan.TicksPerMillisecond, TimeSpan.Zero);

    public Task<Practice> AddPracticeAsync(NewPractice practice, CancellationToken ct = default) => Write(ct, () =>
    {
        var code = string.IsNullOrWhiteSpace(practice.Code) ? null : practice.Code.Trim();
        if (code is not null && Collection(Practices).Exists(Bson.Eq("codeKey", code.ToUpperInvariant())))
            throw new RecordConflictException(ConflictKind.DuplicatePracticeCode,
                $"Cannot add practice '{practice.Name}': another practice has the code '{code}'.");
        var stored = new Practice(NewId(), practice.Name.Trim(), code, Now());
        Collection(Practices).Insert(ToDocument(stored));
        return stored;
    });

    public Task<Practice?> GetPracticeAsync(string id, CancellationToken ct = default) =>
        Read(ct, () => FindById(Collection(Practices), id) is { } doc ? ToPractice(doc) : null);

    public Task<IReadOnlyList<Practice>> ListPracticesAsync(CancellationToken ct = default) =>
        Read<IReadOnlyList<Practice>>(ct, () => Collection(Practices).FindAll().Select(ToPractice)
            .OrderBy(p => p.Name, StringComparer.CurrentCultureIgnoreCase).ThenBy(p => p.Id, StringComparer.Ordinal).ToList());

    public Task<Practice> NameDefaultPracticeAsync(string name, CancellationToken ct = default) => Write(ct, () =>
    {
        var current = ToPractice(FindById(Collection(Practices), Practice.DefaultId)!);
        if (current.Name != Practice.UnnamedName || string.IsNullOrWhiteSpace(name))
            return current;
        var named = current with { Name = name.Trim() };
        Collection(Practices).Update(ToDocument(named));
        return named;
    });

    /// <summary>Refuses a person whose practice the store does not hold.</summary>
    private void EnsurePracticeExists(string practiceId)
    {
        if (FindById(Collection(Practices), practiceId) is null)
            throw new RecordNotFoundException("practice", practiceId);
    }

    /// <summary>The ids of the people of <paramref name="practiceId"/>, or null for no filter (every practice).</summary>
    private HashSet<string>? PeopleOf(string? practiceId)
    {
        if (practiceId is null)
            return null;
        return Collection(People).Query()
            .Select(BsonExpression.Create("{ _id: $._id, practiceId: $.practiceId }"))
            .ToEnumerable()
            .Where(d => PracticeOf(d) == practiceId)
            .Select(d => d["_id"].AsString)
            .ToHashSet(StringComparer.Ordinal);
    }

    private static string PracticeOf(BsonDocument personDocument) =>
        personDocument.TryGetValue("practiceId", out var p) && p.IsString ? p.AsString : Practice.DefaultId;

    private static BsonDocument ToDocument(Practice p) => new()
    {
        ["_id"] = p.Id,
        ["name"] = p.Name,
        ["code"] = Bson.Text(p.Code),
        ["codeKey"] = p.Code is { } code ? code.ToUpperInvariant() : BsonValue.Null,
        ["createdAt"] = Bson.Time(p.CreatedAt),
    };

    private static Practice ToPractice(BsonDocument d) =>
        new(d["_id"].AsString, d["name"].AsString, Bson.ReadText(d["code"]), Bson.ReadTime(d["createdAt"]));
}
