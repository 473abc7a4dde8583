using HistoryEngine.Web.Infrastructure.Records;
using HistoryEngine.Web.Infrastructure.Records.LiteDb;
using HistoryEngine.Web.Infrastructure.Records.Model;

namespace HistoryEngine.Web.Tests.Records;

/// <summary>The store looks documents up by id with one parsed expression per thread, its parameter set per call.</summary>
public sealed class FindByIdTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("he-findbyid-").FullName;

    [Fact]
    public async Task GetPerson_ManyIdsOnManyThreadsAtOnce_EachFindsItsOwnPerson()
    {
        using var store = LiteDbRecordStore.Open(Path.Combine(_folder, "records.db"), null, TimeProvider.System);
        IRecordStore s = store;
        var people = new List<Person>();
        for (var i = 0; i < 20; i++)
            people.Add(await s.AddPersonAsync(new NewPerson(Role.Patient, $"Patient {i}", $"patient{i}", null, null, null, "hash")));

        var lookups = Enumerable.Range(0, 400).Select(n => Task.Run(async () =>
        {
            var wanted = people[n % people.Count];
            Assert.Equal(wanted, await s.GetPersonAsync(wanted.Id));
            Assert.Null(await s.GetPersonAsync("nobody-" + n));
        }));
        await Task.WhenAll(lookups);
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
