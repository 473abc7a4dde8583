using HistoryEngine.Web.Infrastructure.Records;
using HistoryEngine.Web.Infrastructure.Records.LiteDb;
using HistoryEngine.Web.Infrastructure.Records.Model;

namespace HistoryEngine.Web.Tests.Records;

/// <summary>The store keeps drafts in memory between requests; what it hands out must always be what is on disk.</summary>
public sealed class DraftCacheTests : IDisposable
{
    private static readonly QuestionnaireRef Bp = new("bp-check", "1.0.0", "hash");
    private readonly string _folder = Directory.CreateTempSubdirectory("he-drafts-").FullName;
    private string DatabasePath => Path.Combine(_folder, "records.db");

    private static Draft Draft(long revision) => new("p1", Bp, "{}", revision, DateTimeOffset.UnixEpoch, "p1", "k");

    [Fact]
    public void Fill_AfterAWriteSinceTheReadBegan_IsIgnored()
    {
        var cache = new DraftCache(10, 1024 * 1024);
        var before = cache.Generation;
        cache.Written("p1/bp", Draft(2));

        cache.Fill("p1/bp", Draft(1), before); // a read that started before the write saw revision 1

        Assert.True(cache.TryGet("p1/bp", out var held));
        Assert.Equal(2, held!.Revision);
    }

    [Fact]
    public void Fill_WithNoWriteMeanwhile_KeepsTheDraftOrItsAbsence()
    {
        var cache = new DraftCache(10, 1024 * 1024);
        cache.Fill("p1/bp", null, cache.Generation);
        cache.Fill("p2/bp", Draft(3), cache.Generation);

        Assert.True(cache.TryGet("p1/bp", out var none));
        Assert.Null(none);
        Assert.True(cache.TryGet("p2/bp", out var held));
        Assert.Equal(3, held!.Revision);
    }

    [Fact]
    public void Forget_DropsTheEntry_AndRefusesFillsFromReadsThatBeganBefore()
    {
        var cache = new DraftCache(10, 1024 * 1024);
        cache.Written("p1/bp", Draft(1));
        var before = cache.Generation;
        cache.Forget("p1/bp");
        cache.Fill("p1/bp", Draft(1), before);

        Assert.False(cache.TryGet("p1/bp", out _));
    }

    [Fact]
    public void Cache_WhenFull_StaysWithinItsCapacity()
    {
        var cache = new DraftCache(3, 1024 * 1024);
        for (var i = 0; i < 10; i++)
            cache.Written($"p{i}/bp", Draft(1));

        Assert.InRange(cache.Count, 1, 3);
        Assert.True(cache.TryGet("p9/bp", out _));
    }

    private static Draft Large(int kilobytes) =>
        new("p1", Bp, $$"""{"story":"{{new string('x', kilobytes * 512)}}"}""", 1, DateTimeOffset.UnixEpoch, "p1", "k");

    [Fact]
    public void Cache_OfLargeDrafts_StaysWithinItsBytes_NotOnlyItsCount()
    {
        // Issue 12: room for 1000 drafts, but 1 MB of them: 200 drafts of 100 KB each must not all be kept.
        var cache = new DraftCache(1000, 1024 * 1024);
        for (var i = 0; i < 200; i++)
        {
            cache.Written($"p{i}/bp", Large(100));
            Assert.InRange(cache.Bytes, 0, 1024 * 1024);
        }

        Assert.InRange(cache.Count, 1, 10);
        Assert.True(cache.TryGet("p199/bp", out var last));
        Assert.Equal(Large(100).AnswersJson, last!.AnswersJson);
    }

    [Fact]
    public void Cache_ADraftLargerThanItsWholeBudget_IsNotKept_AndForgetsWhatWasThereBefore()
    {
        var cache = new DraftCache(1000, 64 * 1024);
        cache.Written("p1/bp", Draft(1));

        cache.Written("p1/bp", Large(100));

        Assert.False(cache.TryGet("p1/bp", out _)); // read from the file instead, never the old revision
        Assert.InRange(cache.Bytes, 0, 64 * 1024);
    }

    [Fact]
    public void Cache_CountsBytesBackDown_WhenEntriesAreReplacedOrForgotten()
    {
        var cache = new DraftCache(1000, 1024 * 1024);
        cache.Written("p1/bp", Large(100));
        cache.Written("p1/bp", Draft(2));
        cache.Written("p2/bp", Large(100));
        cache.Forget("p2/bp");

        Assert.Equal(DraftCache.SizeOf("p1/bp", Draft(2)), cache.Bytes);
    }

    [Fact]
    public async Task Store_ManyTabsSavingAndReadingAtOnce_AlwaysReadsWhatIsOnDisk()
    {
        // Two "tabs" per patient race saves from whatever they last read; readers run beside them. At the end the
        // draft the store hands out must equal the one a fresh store reads from the file.
        var store = LiteDbRecordStore.Open(DatabasePath, null, TimeProvider.System);
        var open = true;
        try
        {
            IRecordStore s = store;
            var patients = Enumerable.Range(0, 4).Select(i => $"p{i}").ToList();
            var tabs = patients.SelectMany(p => Enumerable.Range(0, 2).Select(t => Task.Run(async () =>
            {
                for (var n = 0; n < 40; n++)
                {
                    var seen = await s.GetDraftAsync(p, Bp.Id);
                    try { await s.SaveDraftAsync(new DraftChange(p, Bp, $$"""{"tab":{{t}},"n":{{n}}}""", p), seen?.Revision ?? 0); }
                    catch (RecordConflictException) { }
                }
            })));
            var readers = patients.Select(p => Task.Run(async () =>
            {
                long last = 0;
                for (var n = 0; n < 100; n++)
                {
                    var read = await s.GetDraftAsync(p, Bp.Id);
                    Assert.True((read?.Revision ?? 0) >= last, "a read went back to an older revision");
                    last = read?.Revision ?? 0;
                }
            }));
            await Task.WhenAll(tabs.Concat(readers));

            var inMemory = await Task.WhenAll(patients.Select(p => s.GetDraftAsync(p, Bp.Id)));
            store.Dispose();
            open = false;
            using var reopened = LiteDbRecordStore.Open(DatabasePath, null, TimeProvider.System);
            var onDisk = await Task.WhenAll(patients.Select(p => ((IRecordStore)reopened).GetDraftAsync(p, Bp.Id)));
            Assert.Equal(onDisk, inMemory);
        }
        finally
        {
            if (open)
                store.Dispose();
        }
    }

    [Fact]
    public async Task Store_AfterSubmitOrDelete_HasNoDraft_AndASecondTabsStaleSaveIsStillAConflict()
    {
        using var store = LiteDbRecordStore.Open(DatabasePath, null, TimeProvider.System);
        IRecordStore s = store;
        var first = await s.SaveDraftAsync(new DraftChange("p1", Bp, """{"a":1}""", "p1"), 0);
        Assert.Equal(first, await s.GetDraftAsync("p1", Bp.Id));

        var sent = await s.SubmitDraftAsync(new NewSubmission("p1", "p1", Bp, """{"a":1}""", "{}", FlagLevel.None), first.Key, 1);
        Assert.True(sent.IsNew);
        Assert.Null(await s.GetDraftAsync("p1", Bp.Id));
        // A tab still showing revision 1 cannot save over the sent draft's place as if it were still there.
        await Assert.ThrowsAsync<RecordConflictException>(() => s.SaveDraftAsync(new DraftChange("p1", Bp, "{}", "p1"), 1));

        var again = await s.SaveDraftAsync(new DraftChange("p1", Bp, """{"b":1}""", "p1"), 0);
        await s.DeleteDraftAsync("p1", Bp.Id, again.Revision);
        Assert.Null(await s.GetDraftAsync("p1", Bp.Id));
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
