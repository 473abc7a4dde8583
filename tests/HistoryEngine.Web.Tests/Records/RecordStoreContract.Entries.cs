using HistoryEngine.Web.Features.Clinician;
using HistoryEngine.Web.Features.Clinician.Filing;
using HistoryEngine.Web.Infrastructure.Records;
using HistoryEngine.Web.Infrastructure.Records.Model;

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
            ["AddRecordEntry", "AddRecordEntryAsync", "AddRecordEntryUnlessRepeated", "GetRecordEntryAsync", "ListRecordEntriesAsync", "SupersedeRecordEntry"],
            entryMethods);
    }

    [Fact]
    public async Task AddingTheSameEntryDirectly_ManyTimesAtOnce_AddsItOnce_UntilTheRepeatWindowHasPassed()
    {
        var patient = await AddPatientAsync();
        var entry = Entry(patient.Id, "48") with { TakenOn = new DateOnly(2026, 3, 1) };

        // A double click, or a form sent again by a slow connection: eight of the same at once.
        var added = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() => AddEntry.RunAsync(Store, entry, CancellationToken.None))));

        Assert.Single(added, a => a is not null);
        Assert.Single(await Store.ListRecordEntriesAsync(patient.Id));
        Assert.Single(await Store.ListAuditAsync(patient.Id, 100), e => e.Action == "record.entry-added");
        // Not a repeat: another value, another day, another clinician.
        Assert.NotNull(await AddEntry.RunAsync(Store, entry with { Value = "49" }, CancellationToken.None));
        Assert.NotNull(await AddEntry.RunAsync(Store, entry with { TakenOn = new DateOnly(2026, 3, 2) }, CancellationToken.None));
        Assert.NotNull(await AddEntry.RunAsync(Store, entry with { FiledBy = "clinician-2" }, CancellationToken.None));
        // The same again just inside the window is a repeat; at the window's end it is a new result.
        Clock.Advance(AddEntry.RepeatWindow - TimeSpan.FromSeconds(1));
        Assert.Null(await AddEntry.RunAsync(Store, entry, CancellationToken.None));
        Clock.Advance(TimeSpan.FromSeconds(1));
        Assert.NotNull(await AddEntry.RunAsync(Store, entry, CancellationToken.None));
        Assert.Equal(5, (await Store.ListRecordEntriesAsync(patient.Id)).Count);
    }

    [Fact]
    public async Task AddingAnEntryDirectly_KeepsWhoWhenAndTheDayTaken_WithItsAuditEvent_AndAFailedUnitOfWorkAddsNothing()
    {
        var patient = await AddPatientAsync();
        var taken = new DateOnly(2026, 3, 1);
        var auditBefore = (await Store.ListAuditAsync(null, 100)).Count;

        var added = (await AddEntry.RunAsync(Store, Entry(patient.Id, "48") with { TakenOn = taken }, CancellationToken.None))!;
        var addedAt = StoredNow();
        Clock.Advance(TimeSpan.FromMinutes(1));
        var undated = await Store.WriteAsync(w => w.AddRecordEntry(Entry(patient.Id, "50")));
        await Assert.ThrowsAsync<InvalidOperationException>(() => Store.WriteAsync<int>(w =>
        {
            w.AddRecordEntry(Entry(patient.Id, "52"));
            throw new InvalidOperationException("the machine stopped here");
        }));

        Assert.Equal(added, await Store.GetRecordEntryAsync(added.Id));
        Assert.Equal((taken, "48", "clinician-1", addedAt, (string?)null, (string?)null),
            (added.TakenOn!.Value, added.Value, added.FiledBy, added.FiledAt, added.SubmissionId, added.SupersedesId));
        Assert.True(added.IsAddedDirectly);
        Assert.Null((await Store.GetRecordEntryAsync(undated.Id))!.TakenOn);
        Assert.Equal([added, undated], await Store.ListRecordEntriesAsync(patient.Id));
        // Sessions and care plans date the entry by the day it was taken, not the day it was added.
        Assert.Equal(taken.ToDateTime(TimeOnly.MinValue), added.AsObservation().Effective);
        var audit = await Store.ListAuditAsync(null, 100);
        Assert.Equal(auditBefore + 1, audit.Count);
        Assert.Contains(audit, e => e.Action == ReviewAudit.EntryAdded && e.PatientId == patient.Id && e.ActorId == "clinician-1"
            && e.Details!.Contains($"entry {added.Id}", StringComparison.Ordinal));
        Assert.True((await Store.VerifyAuditAsync()).IsIntact);
    }

    [Fact]
    public async Task ACorrection_KeepsTheDayTakenItIsGiven()
    {
        var original = await Store.AddRecordEntryAsync(Entry("p1", "48") with { TakenOn = new DateOnly(2026, 2, 1) });

        var correction = await Store.SupersedeRecordEntryAsync(original.Id, Entry("p1", "46") with { TakenOn = new DateOnly(2026, 2, 1) });

        Assert.Equal(new DateOnly(2026, 2, 1), (await Store.GetRecordEntryAsync(correction.Id))!.TakenOn);
    }
}
