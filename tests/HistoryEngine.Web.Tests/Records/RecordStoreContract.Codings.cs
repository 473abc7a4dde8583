using HistoryEngine.Web.Infrastructure.Records.Model;

namespace HistoryEngine.Web.Tests.Records;

public abstract partial class RecordStoreContract
{
    private static readonly RecordCodings TwoCodings = new(
    [
        new RecordCoding("http://snomed.info/sct", "720433000", "Patient Health Questionnaire Nine Item score"),
        new RecordCoding("http://loinc.org", "44261-6", "PHQ-9 total score"),
    ]);

    private static NewRecordEntry Phq9Entry(string patientId, string value = "8") =>
        new(patientId, "http://snomed.info/sct", "720433000", "Patient Health Questionnaire Nine Item score", value, "{score}",
            "clinician-1", null, "phq9 1.1.0") { Codings = TwoCodings };

    [Fact]
    public async Task AddRecordEntry_WithSeveralCodings_KeepsThemAll_InOrder()
    {
        var added = await Store.AddRecordEntryAsync(Phq9Entry("p1"));

        var read = await Store.GetRecordEntryAsync(added.Id);

        Assert.Equal(added, read);
        Assert.Equal(["720433000", "44261-6"], read!.Codings.Select(c => c.Code));
        Assert.Equal(TwoCodings, Assert.Single(await Store.ListRecordEntriesAsync("p1")).Codings);
    }

    [Fact]
    public async Task AddRecordEntry_WithoutCodings_HasItsPrimaryAsItsOnlyCoding()
    {
        var added = await Store.AddRecordEntryAsync(Entry("p1"));

        var coding = Assert.Single((await Store.GetRecordEntryAsync(added.Id))!.Codings);

        Assert.Equal(new RecordCoding("http://snomed.info/sct", "413606001", "Average home systolic blood pressure"), coding);
    }

    [Fact]
    public async Task SupersedeRecordEntry_KeepsTheCodingsItIsGiven()
    {
        var original = await Store.AddRecordEntryAsync(Phq9Entry("p1"));

        var correction = await Store.SupersedeRecordEntryAsync(original.Id, Phq9Entry("p1", "9"));

        Assert.Equal(TwoCodings, (await Store.GetRecordEntryAsync(correction.Id))!.Codings);
    }
}
