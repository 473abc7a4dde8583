using LiteDB;

namespace HistoryEngine.Web.Infrastructure.Records.LiteDb;

internal sealed partial class LiteDbRecordStore
{
    public Task EndSessionAsync(string sessionId, DateTimeOffset until, CancellationToken ct = default) =>
        Write(ct, () =>
        {
            var sessions = Collection(EndedSessions);
            sessions.Upsert(new BsonDocument { ["_id"] = sessionId, ["until"] = Bson.Time(until) });
            // Ended sessions past their limit can no longer be presented: forget them as new ones arrive.
            sessions.DeleteMany(BsonExpression.Create("until < @0", Bson.Time(Now())));
            return true;
        });

    public Task<IReadOnlyDictionary<string, DateTimeOffset>> ListEndedSessionsAsync(DateTimeOffset now, CancellationToken ct = default) =>
        Read(ct, () => (IReadOnlyDictionary<string, DateTimeOffset>)Collection(EndedSessions)
            .Find(BsonExpression.Create("until >= @0", Bson.Time(now)))
            .ToDictionary(d => d["_id"].AsString, d => Bson.ReadTime(d["until"]), StringComparer.Ordinal));
}
