using HistoryEngine.Web.Infrastructure.Records.Model;

namespace HistoryEngine.Web.Infrastructure.Records.LiteDb;

// Bulk loading for the load benchmarks (tests/HistoryEngine.LoadBenchmarks), which seed a practice-sized store:
// records made elsewhere go in as they are (ids, times and statuses kept), one transaction per call, in the same
// document shape as everything else here. Not part of IRecordStore: the site never calls these.
internal sealed partial class LiteDbRecordStore
{
    /// <summary>Inserts people as given, in one transaction.</summary>
    internal int ImportPeople(IEnumerable<Person> people) =>
        Write(CancellationToken.None, () => Collection(People).InsertBulk(people.Select(ToDocument))).GetAwaiter().GetResult();

    /// <summary>Inserts submissions as given (status and history included), in one transaction.</summary>
    internal int ImportSubmissions(IEnumerable<Submission> submissions) =>
        Write(CancellationToken.None, () => Collection(Submissions).InsertBulk(submissions.Select(ToDocument))).GetAwaiter().GetResult();

    /// <summary>Inserts record entries as given, in one transaction.</summary>
    internal int ImportRecordEntries(IEnumerable<RecordEntry> entries) =>
        Write(CancellationToken.None, () => Collection(Entries).InsertBulk(entries.Select(ToDocument))).GetAwaiter().GetResult();
}
