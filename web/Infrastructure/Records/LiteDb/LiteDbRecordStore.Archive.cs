using HistoryEngine.Web.Infrastructure.Records.Model;
using LiteDB;

namespace HistoryEngine.Web.Infrastructure.Records.LiteDb;

// Archived questionnaire versions are written once and never changed: the hash names exactly these files.
internal sealed partial class LiteDbRecordStore
{
    public Task<ArchivedQuestionnaire> ArchiveQuestionnaireAsync(string hash, string id, string version,
        IReadOnlyList<QuestionnaireSourceFile> files, CancellationToken ct = default) => Write(ct, () =>
    {
        if (FindById(Collection(Archive), hash) is { } existing)
            return ToArchived(existing);
        var archived = new ArchivedQuestionnaire(hash, id, version, [.. files], Now());
        Collection(Archive).Insert(new BsonDocument
        {
            ["_id"] = archived.Hash,
            ["id"] = archived.Id,
            ["version"] = archived.Version,
            ["files"] = new BsonArray(archived.Files.Select(f => (BsonValue)new BsonDocument
            {
                ["path"] = f.RelativePath,
                ["text"] = f.Text,
            })),
            ["archivedAt"] = Bson.Time(archived.ArchivedAt),
        });
        return archived;
    });

    public Task<ArchivedQuestionnaire?> GetArchivedQuestionnaireAsync(string hash, CancellationToken ct = default) =>
        Read(ct, () => FindById(Collection(Archive), hash) is { } doc ? ToArchived(doc) : null);

    private static ArchivedQuestionnaire ToArchived(BsonDocument d) => new(
        d["_id"].AsString,
        d["id"].AsString,
        d["version"].AsString,
        d["files"].AsArray.Select(v => new QuestionnaireSourceFile(v["path"].AsString, v["text"].AsString)).ToList(),
        Bson.ReadTime(d["archivedAt"]));
}
