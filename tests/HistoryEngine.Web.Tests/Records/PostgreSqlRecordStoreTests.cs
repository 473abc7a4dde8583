using HistoryEngine.Web.Infrastructure.Records;
using HistoryEngine.Web.Infrastructure.Records.PostgreSql;

namespace HistoryEngine.Web.Tests.Records;

/// <summary>Runs the record store contract against PostgreSQL, each test on a fresh schema of the test server.</summary>
public class PostgreSqlRecordStoreTests : RecordStoreContract, IDisposable
{
    private readonly TestPostgres _database = new();
    private readonly PostgreSqlRecordStore _store;

    public PostgreSqlRecordStoreTests() => _store = PostgreSqlRecordStore.Open(_database.ConnectionString, Clock);

    protected TestPostgres Database => _database;

    protected override IRecordStore Store => _store;

    // Anyone with the database's credentials can edit rows directly; the chain must notice.
    protected override void TamperWithAuditEvent(long sequence, string newDetails) =>
        _database.Execute("update audit_events set details = $1 where sequence = $2", newDetails, sequence);

    protected override void RemoveAuditEvent(long sequence) =>
        _database.Execute("delete from audit_events where sequence = $1", sequence);

    [Fact]
    public async Task APerson_IsOneDocument_SoAFieldAddedLaterIsKept_AndOneStoredBeforeItReadsAsUnknown()
    {
        var person = await AddPatientAsync();
        Assert.Equal("Female", _database.Scalar<string>("select doc->>'Sex' from people where id = $1", person.Id));

        // Written by an older version, before Sex was kept: no such field in the document.
        _database.Execute("update people set doc = doc - 'Sex' where id = $1", person.Id);
        Assert.Null((await Store.GetPersonAsync(person.Id))!.Sex);

        // Written by a newer version, with a field this one does not know: still read, and kept by an update.
        _database.Execute("""update people set doc = doc || '{"PhoneNumber":"07700 900123"}' where id = $1""", person.Id);
        await Store.RecordFailedSignInAsync(person.Id, lockAfter: 5, TimeSpan.FromMinutes(15));
        Assert.Equal(1, (await Store.GetPersonAsync(person.Id))!.FailedSignIns);
        Assert.Equal("07700 900123", _database.Scalar<string>("select doc->>'PhoneNumber' from people where id = $1", person.Id));
    }

    public virtual void Dispose()
    {
        _store.Dispose();
        _database.Dispose();
        GC.SuppressFinalize(this);
    }
}
