using HistoryEngine.Web.Infrastructure.Records;

namespace HistoryEngine.Web.Tests.Records;

public abstract partial class RecordStoreContract
{
    [Fact]
    public async Task SupersedeRecordEntry_AddsACorrection_AndLeavesTheOriginalExactlyAsItWas()
    {
        var original = await Store.AddRecordEntryAsync(Entry("p1", "142"));
        Clock.Advance(TimeSpan.FromHours(1));

        var correction = await Store.SupersedeRecordEntryAsync(original.Id, Entry("p1", "124"));

        Assert.Equal(original, await Store.GetRecordEntryAsync(original.Id));
        Assert.NotEqual(original.Id, correction.Id);
        Assert.Equal(original.Id, correction.SupersedesId);
        Assert.Equal(StoredNow(), correction.FiledAt);
        AssertUtc(correction.FiledAt);
        Assert.Equal([correction], await Store.ListRecordEntriesAsync("p1"));
        Assert.Equal([original, correction], await Store.ListRecordEntriesAsync("p1", includeSuperseded: true));
    }

    [Fact]
    public async Task SupersedeRecordEntry_Twice_IsConflict()
    {
        var original = await Store.AddRecordEntryAsync(Entry("p1"));
        await Store.SupersedeRecordEntryAsync(original.Id, Entry("p1", "1"));

        var e = await Assert.ThrowsAsync<RecordConflictException>(() =>
            Store.SupersedeRecordEntryAsync(original.Id, Entry("p1", "2")));

        Assert.Equal(ConflictKind.AlreadySuperseded, e.Kind);
    }

    [Fact]
    public async Task SupersedeRecordEntry_Unknown_IsNotFound()
    {
        await Assert.ThrowsAsync<RecordNotFoundException>(() => Store.SupersedeRecordEntryAsync("nope", Entry("p1")));
    }

    [Fact]
    public void RecordStore_OffersNoWayToUpdateOrDeleteARecordEntry()
    {
        // Every way into a store: the port and the ports it is made of, the unit of work, and the tests' set-up seam.
        var entryMethods = new[] { typeof(IRecordStore), typeof(IRecordWriter), typeof(IRecordStoreSeeding) }
            .SelectMany(t => t.GetInterfaces().Append(t))
            .Distinct()
            .SelectMany(t => t.GetMethods())
            .Where(m => m.Name.Contains("RecordEntr", StringComparison.Ordinal))
            .Select(m => m.Name).Distinct().Order().ToList();

        Assert.Equal(
            ["AddRecordEntryAsync", "GetRecordEntryAsync", "ListRecordEntriesAsync", "SupersedeRecordEntry"],
            entryMethods);
    }
}
