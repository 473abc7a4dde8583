using LiteDB;

namespace HistoryEngine.Web.Infrastructure.Records.LiteDb;

internal sealed partial class LiteDbRecordStore
{
    public Task<DateTimeOffset?> RecordVisitAsync(string personId, string place, CancellationToken ct = default) =>
        Write(ct, () =>
        {
            var id = $"{personId}\n{place}";
            var before = FindById(Collection(Visits), id) is { } doc ? Bson.ReadTime(doc["at"]) : (DateTimeOffset?)null;
            Collection(Visits).Upsert(new BsonDocument { ["_id"] = id, ["at"] = Bson.Time(Now()) });
            return before;
        });
}
