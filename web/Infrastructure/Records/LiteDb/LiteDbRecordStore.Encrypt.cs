namespace HistoryEngine.Web.Infrastructure.Records.LiteDb;

internal sealed partial class LiteDbRecordStore
{
    /// <summary>
    /// Copies every document of every collection, as stored, into <paramref name="target"/> (a new, empty store:
    /// its indexes are made when it is opened), then folds both logs into their files. The audit trail is copied
    /// event by event, hashes and all, so it verifies in the copy exactly as here. For the <c>encrypt</c> command,
    /// with the site stopped; nothing else may write to either store meanwhile.
    /// </summary>
    public void CopyEverythingTo(LiteDbRecordStore target)
    {
        foreach (var name in _db.GetCollectionNames())
        {
            // A new store already holds the default practice (made when it was opened): the copy takes its place.
            if (name == Practices)
                target._db.GetCollection(name).Upsert(_db.GetCollection(name).FindAll());
            else
                target._db.GetCollection(name).InsertBulk(_db.GetCollection(name).FindAll());
        }
        target._db.Checkpoint();
        _db.Checkpoint();
    }
}
