using HistoryEngine.Web.Infrastructure.Records.Model;

namespace HistoryEngine.Web.Infrastructure.Records;

/// <summary>
/// Everything the site keeps, behind one port so that another backend (PostgreSQL, say) can replace LiteDB by passing
/// the same contract tests. It is made of one port per aggregate (<see cref="IPeopleStore"/>, <see cref="ISubmissionStore"/>,
/// <see cref="IRecordEntryStore"/>, <see cref="IGrantStore"/>, <see cref="IPlanAlertStore"/>, <see cref="IArchiveStore"/>,
/// <see cref="IAuditStore"/>),
/// each registered on its own so a class can ask for only what it uses, and <see cref="WriteAsync{T}"/>, the unit of
/// work every use case writes through. The store stamps every time from its clock, in UTC. Compare-and-set rules (stale draft
/// revisions, filing twice, status moves, superseding an entry twice) are enforced here and reported as
/// <see cref="RecordConflictException"/>; an unknown id is a <see cref="RecordNotFoundException"/>.
/// Implementations are safe to share across requests.
/// </summary>
public interface IRecordStore : IPeopleStore, ISubmissionStore, IRecordEntryStore, IGrantStore, IPlanAlertStore,
    IArchiveStore, IAuditStore
{
    /// <summary>
    /// Runs one use case's writes (<see cref="IRecordWriter"/>) as one transaction: every write lands, or none does
    /// (an exception rolls them all back and is rethrown). Use it wherever a use case writes more than once.
    /// </summary>
    Task<T> WriteAsync<T>(Func<IRecordWriter, T> work, CancellationToken ct = default);
}
