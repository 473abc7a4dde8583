using HistoryEngine.Scenarios;

namespace HistoryEngine.Tests.Scenarios;

/// <summary>A scenario checks an entry's codings: exactly these, in order, by code (and by system and display where given).</summary>
public sealed class ScenarioCodingsTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public ScenarioCodingsTests() => _folder.Write("gad.yaml", """
        id: gad
        version: 1.0.0
        items:
          - {id: total, type: integer, min: 0, max: 21}
        entries:
          - id: total
            codings:
              - {system: http://snomed.info/sct, code: "445455005", display: Generalized anxiety disorder 7 item score}
              - {system: http://loinc.org, code: 70274-6, display: GAD-7 total score}
            value: total
        """);

    public void Dispose() => _folder.Dispose();

    private IReadOnlyList<string> Failures(string expectEntries)
    {
        _folder.Write("gad.tests.yaml", $"""
            scenarios:
              - name: total 12
                answers: {"{"}total: 12{"}"}
                expect:
                  entries: {expectEntries}
            """);
        var suite = ScenarioSuite.Discover([_folder.Path]);
        Assert.Empty(suite.Diagnostics);
        return Assert.Single(suite.RunAll()).Failures;
    }

    [Theory]
    [InlineData("""[{code: "445455005", value: 12, codings: ["445455005", 70274-6]}]""")]
    [InlineData("""[{code: "445455005", codings: [{system: http://snomed.info/sct, code: "445455005"}, {code: 70274-6, display: GAD-7 total score}]}]""")]
    [InlineData("""[{code: "445455005"}]""")]
    public void RightCodings_Pass(string entries) => Assert.Empty(Failures(entries));

    [Theory]
    [InlineData("""[{code: "445455005", codings: ["445455005"]}]""")]                  // one missing
    [InlineData("""[{code: "445455005", codings: [70274-6, "445455005"]}]""")]         // the wrong order: the primary is first
    [InlineData("""[{code: "445455005", codings: ["445455005", 70274-5]}]""")]         // a code that is not there
    [InlineData("""[{code: "445455005", codings: ["445455005", {system: http://snomed.info/sct, code: 70274-6}]}]""")] // the wrong system
    [InlineData("""[{code: "445455005", codings: ["445455005", {code: 70274-6, display: GAD7}]}]""")]                  // the wrong display
    public void WrongCodings_Fail_ListingWhatTheEntryHas(string entries)
    {
        var failure = Assert.Single(Failures(entries));
        Assert.StartsWith("entry 445455005: expected the codings [", failure, StringComparison.Ordinal);
        Assert.EndsWith("got [http://snomed.info/sct|445455005 Generalized anxiety disorder 7 item score, http://loinc.org|70274-6 GAD-7 total score]", failure, StringComparison.Ordinal);
    }

    [Fact]
    public void NamingAnEntryByItsSecondCoding_FailsSayingWhichIsThePrimary()
    {
        var failures = Failures("""[{code: 70274-6, value: 12}]""");
        Assert.Equal(
        [
            "entries: expected [70274-6], got [445455005]",
            "70274-6 is a coding of the entry 445455005; a scenario names an entry by its primary (first) code",
        ], failures);
    }

    [Fact]
    public void UnknownKeyInAnExpectedCoding_IsADiagnostic()
    {
        _folder.Write("gad.tests.yaml", """
            scenarios:
              - name: typo
                answers: {total: 1}
                expect:
                  entries: [{code: "445455005", codings: [{code: "445455005", sytem: http://snomed.info/sct}]}]
            """);
        // A mistake inside one scenario fails that scenario, at its position (issue 13), not the whole file.
        var suite = ScenarioSuite.Discover([_folder.Path]);
        Assert.Empty(suite.Diagnostics);
        var d = Assert.Single(Assert.Single(suite.RunAll()).Problems);
        Assert.Equal("HE1006", d.Code);
        Assert.Contains("did you mean 'system'?", d.Message, StringComparison.Ordinal);
    }
}
