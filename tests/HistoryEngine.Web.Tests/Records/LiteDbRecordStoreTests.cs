using HistoryEngine.Web.Infrastructure.Records;
using HistoryEngine.Web.Infrastructure.Records.LiteDb;
using LiteDB;

namespace HistoryEngine.Web.Tests.Records;

/// <summary>Runs the record store contract against LiteDB on a temporary file.</summary>
public class LiteDbRecordStoreTests : RecordStoreContract, IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("he-store-").FullName;
    private LiteDbRecordStore _store;

    // Opened here, not lazily, so that tests which start with parallel writes share one store.
    public LiteDbRecordStoreTests() => _store = LiteDbRecordStore.Open(DatabasePath, null, Clock);

    protected string DatabasePath => Path.Combine(_folder, "records.db");

    protected override IRecordStore Store => _store;

    // The store holds the file exclusively, so tampering closes it, edits the file directly, and reopens.
    protected override void TamperWithAuditEvent(long sequence, string newDetails) => WithRawFile(db =>
    {
        var audit = db.GetCollection("audit");
        var doc = audit.FindById(sequence);
        doc["details"] = newDetails;
        audit.Update(doc);
    });

    protected override void RemoveAuditEvent(long sequence) => WithRawFile(db => db.GetCollection("audit").Delete(sequence));

    private void WithRawFile(Action<LiteDatabase> edit)
    {
        _store.Dispose();
        using (var db = new LiteDatabase(new ConnectionString { Filename = DatabasePath, Connection = ConnectionType.Direct }))
            edit(db);
        _store = LiteDbRecordStore.Open(DatabasePath, null, Clock);
    }

    [Fact]
    public async Task Reopen_AfterDispose_KeepsEverything()
    {
        var person = await AddPatientAsync();
        _store.Dispose();
        _store = LiteDbRecordStore.Open(DatabasePath, null, Clock);

        Assert.Equal(person, await Store.GetPersonAsync(person.Id));
    }

    [Fact]
    public async Task RecordEntry_StoredBeforeEntriesKeptCodings_ReadsWithItsPrimaryCoding()
    {
        var added = await Store.AddRecordEntryAsync(Entry("p1"));
        WithRawFile(db =>
        {
            var entries = db.GetCollection("entries");
            var doc = entries.FindById(added.Id);
            doc.Remove("codings");
            entries.Update(doc);
        });

        var read = (await Store.GetRecordEntryAsync(added.Id))!;

        Assert.Equal((added.Code, added.Value), (read.Code, read.Value));
        Assert.Equal(added.Codings, read.Codings);
        Assert.Equal("413606001", Assert.Single(read.Codings).Code);
    }

    [Fact]
    public async Task RevokeProxyGrant_InAFileWrittenWhenGrantsCouldBeDoubled_EndsEveryActiveGrantOfThatCarer()
    {
        // Before issue 12 granting the same carer again inserted another grant; such files still exist.
        var first = await Store.AddProxyGrantAsync("p1", "carer", canFill: true, canViewRecord: true);
        WithRawFile(db => db.GetCollection("grants").Insert(new BsonDocument
        {
            ["_id"] = "doubled", ["patientId"] = "p1", ["carerId"] = "carer", ["canFill"] = true, ["canViewRecord"] = true,
            ["grantedAt"] = DateTime.UtcNow, ["revokedAt"] = BsonValue.Null,
        }));
        Assert.Equal(2, (await Store.ListActiveProxyGrantsForCarerAsync("carer")).Count);

        await Store.RevokeProxyGrantAsync(first.Id);

        Assert.Empty(await Store.ListActiveProxyGrantsForCarerAsync("carer"));
    }

    public virtual void Dispose()
    {
        _store.Dispose();
        Directory.Delete(_folder, recursive: true);
        GC.SuppressFinalize(this);
    }
}
