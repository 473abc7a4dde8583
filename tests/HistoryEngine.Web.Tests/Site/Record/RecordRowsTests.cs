using HistoryEngine.Web.Features.Shared;
using HistoryEngine.Web.Infrastructure.Records.Model;

namespace HistoryEngine.Web.Tests.Site.Record;

/// <summary>
/// Issue 15.10: the record shows a home blood pressure as one pair ("145/91 mmHg", systolic first), because the
/// file names the two entries as parts of one panel; the pairing reads the panel from the submission's stored result,
/// in the file's order, and never hides an entry it cannot pair.
/// </summary>
public sealed class RecordRowsTests
{
    private const string Snomed = "http://snomed.info/sct";
    private static readonly DateTimeOffset Filed = new(2026, 3, 9, 10, 0, 0, TimeSpan.Zero);

    // Test values shaped like the diary's result: two entries naming one panel, the systolic listed first.
    private const string PanelJson = """{"system": "http://loinc.org", "code": "96607-7", "display": "Blood pressure panel mean systolic and mean diastolic"}""";
    private static readonly string Result = $$"""
        {"questionnaire": "home-bp-diary", "entries": [
          {"system": "{{Snomed}}", "code": "413606001", "display": "Average home systolic blood pressure", "value": 145, "unit": "mm[Hg]", "panel": {{PanelJson}}},
          {"system": "{{Snomed}}", "code": "413605002", "display": "Average home diastolic blood pressure", "value": 91, "unit": "mm[Hg]", "panel": {{PanelJson}}}
        ]}
        """;

    private static RecordEntry Entry(string code, string display, string? value, string? submission = "s1", int minutes = 0, string unit = "mm[Hg]") =>
        new(Guid.NewGuid().ToString("n"), "p1", Snomed, code, display, value, unit, "gp", Filed.AddMinutes(minutes), submission, "1.3.0", null);

    private static RecordEntry Systolic(string value = "145", int minutes = 0) => Entry("413606001", "Average home systolic blood pressure", value, minutes: minutes);
    private static RecordEntry Diastolic(string value = "91", int minutes = 0) => Entry("413605002", "Average home diastolic blood pressure", value, minutes: minutes);

    [Fact]
    public void BothHalvesOfThePanel_FiledFromOneDiary_AreOneRow_SystolicFirst_WhicheverWasFiledFirst()
    {
        // The diastolic filed first and listed first: the row still reads systolic/diastolic, as the file lists them.
        var rows = RecordRows.Of([Diastolic(minutes: 0), Systolic(minutes: 1)], new Dictionary<string, string> { ["s1"] = Result });

        var row = Assert.Single(rows);
        Assert.True(row.IsPair);
        Assert.Equal("145/91", row.Value);
        Assert.Equal("mm[Hg]", row.Unit);
        Assert.Equal("Average home blood pressure", row.What);
        Assert.Equal(Filed.AddMinutes(1), row.FiledAt);
        Assert.Equal(["413606001", "413605002"], row.Entries.Select(e => e.Code));
    }

    [Fact]
    public void OneHalfFiledAlone_KeepsItsOwnRow()
    {
        var rows = RecordRows.Of([Systolic()], new Dictionary<string, string> { ["s1"] = Result });

        var row = Assert.Single(rows);
        Assert.False(row.IsPair);
        Assert.Equal("Average home systolic blood pressure", row.What);
        Assert.Equal("145", row.Value);
    }

    [Fact]
    public void WithoutTheSubmissionsResult_OrFromAnotherSubmission_NothingIsPaired()
    {
        Assert.Equal(2, RecordRows.Of([Systolic(), Diastolic()], new Dictionary<string, string>()).Count);
        var fromElsewhere = Entry("413605002", "Average home diastolic blood pressure", "91", submission: "s2");
        Assert.Equal(2, RecordRows.Of([Systolic(), fromElsewhere], new Dictionary<string, string> { ["s1"] = Result, ["s2"] = Result }).Count);
        // A result that is not JSON pairs nothing and breaks nothing.
        Assert.Equal(2, RecordRows.Of([Systolic(), Diastolic()], new Dictionary<string, string> { ["s1"] = "not json" }).Count);
    }

    [Fact]
    public void EntriesWhoseResultNamesNoPanel_StayApart()
    {
        var noPanel = Result.Replace(PanelJson, "null", StringComparison.Ordinal);
        Assert.Equal(2, RecordRows.Of([Systolic(), Diastolic()], new Dictionary<string, string> { ["s1"] = noPanel }).Count);
    }

    [Fact]
    public void HalvesInDifferentUnits_OrWithNoValue_StayApart()
    {
        var kpa = Entry("413605002", "Average home diastolic blood pressure", "12", unit: "kPa");
        Assert.Equal(2, RecordRows.Of([Systolic(), kpa], new Dictionary<string, string> { ["s1"] = Result }).Count);
        var empty = Entry("413605002", "Average home diastolic blood pressure", null);
        Assert.Equal(2, RecordRows.Of([Systolic(), empty], new Dictionary<string, string> { ["s1"] = Result }).Count);
    }

    [Fact]
    public void ACorrectedHalf_PairsWithTheOther_ByItsCurrentValue()
    {
        // The record page lists current entries only: a correction replaces its entry, from the same submission.
        var corrected = Systolic("146", minutes: 5) with { SupersedesId = "old" };
        var row = Assert.Single(RecordRows.Of([Diastolic(), corrected], new Dictionary<string, string> { ["s1"] = Result }));
        Assert.Equal("146/91", row.Value);
        Assert.Equal(Filed.AddMinutes(5), row.FiledAt);
    }

    [Fact]
    public void OtherEntries_KeepTheirRows_NewestFirst_BesideThePair()
    {
        var score = new RecordEntry("e9", "p1", Snomed, "720433000", "PHQ-9 score", "12", "{score}", "gp", Filed.AddDays(1), "s9", "1.0.0", null);
        var rows = RecordRows.Of([Systolic(), score, Diastolic()], new Dictionary<string, string> { ["s1"] = Result });
        Assert.Equal(["PHQ-9 score", "Average home blood pressure"], rows.Select(r => r.What));
    }

    [Theory]
    [InlineData("Average home systolic blood pressure", "Average home diastolic blood pressure", "Average home blood pressure")]
    [InlineData("Systolic blood pressure", "Diastolic blood pressure", "blood pressure")]
    [InlineData("Top", "Bottom", "The panel")] // nothing shared: the panel's own name
    [InlineData("Pressure", "Pressure", "The panel")] // one word is too little to name a pair
    public void ThePairIsNamedByTheWordsItsHalvesShare(string first, string second, string expected) =>
        Assert.Equal(expected, RecordRows.Label([first, second], "The panel"));
}
