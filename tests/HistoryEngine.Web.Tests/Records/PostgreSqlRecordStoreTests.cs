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

    public virtual void Dispose()
    {
        _store.Dispose();
        _database.Dispose();
        GC.SuppressFinalize(this);
    }
}
