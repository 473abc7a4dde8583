using System.Text.Json;
using HistoryEngine.Definitions;
using HistoryEngine.Runtime;

namespace HistoryEngine.Tests.Runtime;

/// <summary>
/// A stored result read back with the engine's own reader gives what the session worked out: the flags with their
/// levels and words, the values, and the proposed entries with codings, range and panel; a result stored by an earlier
/// version (fewer fields) reads with what it has.
/// </summary>
public sealed class StoredResultTests
{
    private static readonly CompiledQuestionnaire Q = Questionnaires.Compile("""
        id: stored
        version: 2.1.0
        items:
          - {id: systolic, type: integer, min: 50, max: 300}
          - {id: smoker, type: boolean}
          - {id: note, type: text}
        values:
          - name: doubled
            expr: systolic * 2
          - name: unknown
            expr: note
        rules:
          - id: very-high
            when: systolic >= 180
            level: urgent
            patient: Speak to a GP today.
            clinician: Systolic {{ systolic }}.
            source: NICE NG136 1.4.1 (test fixture)
          - id: high
            when: systolic >= 140
            level: soon
            clinician: Raised.
            source: NICE NG136 (test fixture)
        entries:
          - id: sys
            codings:
              - {system: http://snomed.info/sct, code: "271649006", display: Systolic blood pressure}
              - {system: http://loinc.org, code: 8480-6, display: Systolic blood pressure}
            panel: {system: http://loinc.org, code: 85354-9, display: Blood pressure panel}
            value: systolic
            unit: mm[Hg]
            min: 50
            max: 300
          - {system: http://snomed.info/sct, code: "77176002", display: Smoker, value: smoker}
          - {system: http://snomed.info/sct, code: "160245001", display: No current problems}
        narrative: "Systolic {{ systolic }}."
        """);

    [Fact]
    public void Read_OfAWrittenResult_GivesWhatTheSessionWorkedOut()
    {
        var result = Questionnaires.Start(Q, """{"systolic": 185, "smoker": true}""").Result();

        var stored = StoredResult.Read(ResultJson.Write(result));

        Assert.Equal(("stored", "2.1.0", "Systolic 185.", false), (stored.Questionnaire, stored.Version, stored.Summary, stored.Stopped));
        Assert.Equal(result.Complete, stored.Complete);
        Assert.Equal(result.Flags.Select(f => new StoredFlag(f.Rule, f.Level, f.Patient, f.Clinician, f.Source)), stored.Flags);
        Assert.Equal(FlagLevel.Urgent, stored.HighestLevel);
        Assert.Equal([new StoredValue("doubled", "370"), new StoredValue("unknown", null)], stored.Values);
        Assert.Equal(370m, stored.Number("doubled"));
        Assert.Null(stored.Number("unknown"));

        var (sys, smoker, none) = (stored.Entries[0], stored.Entries[1], stored.Entries[2]);
        Assert.Equal((0, StoredValueKind.Number, "185", "mm[Hg]"), (sys.Index, sys.Kind, sys.Value, sys.Unit));
        Assert.Equal(result.Entries[0].Codings, sys.Codings);
        Assert.Equal(new EntryRange(50, 300, result.Entries[0].Whole), sys.Range);
        Assert.Equal("85354-9", sys.Panel?.Code);
        Assert.Equal((1, StoredValueKind.Boolean, "true"), (smoker.Index, smoker.Kind, smoker.Value));
        Assert.Null(smoker.Range);
        Assert.Equal((StoredValueKind.None, (string?)null), (none.Kind, none.Value));
    }

    [Fact]
    public void Read_OfAResultFromBeforeEntriesHadCodings_OffersItsPrimaryCodingOnly()
    {
        var stored = StoredResult.Read("""
            {"summary": "", "entries": [{"system": "http://loinc.org", "code": "44261-6", "display": "PHQ-9 total score", "value": 8, "unit": "{score}"}]}
            """);
        var entry = Assert.Single(stored.Entries);
        Assert.Equal([new EntryCoding("http://loinc.org", "44261-6", "PHQ-9 total score")], entry.Codings);
        Assert.Null(entry.Range);
        Assert.Empty(stored.Flags);
        Assert.Equal(PatientContext.None, stored.Patient);
    }

    [Fact]
    public void Read_WhenTheCodingsDoNotStartWithThePrimary_OffersThePrimaryOnly()
    {
        var stored = StoredResult.Read("""
            {"entries": [{"system": "http://snomed.info/sct", "code": "720433000", "display": "PHQ-9 score",
              "value": 8, "codings": [{"system": "http://loinc.org", "code": "44261-6", "display": "PHQ-9 total score"}]}]}
            """);
        Assert.Equal([new EntryCoding("http://snomed.info/sct", "720433000", "PHQ-9 score")], Assert.Single(stored.Entries).Codings);
    }

    [Fact]
    public void Read_OfALevelThisEngineDoesNotKnow_KeepsTheFlagWithNoLevel()
    {
        var stored = StoredResult.Read("""{"flags": [{"rule": "r", "level": "critical", "clinician": "c", "source": "s"}]}""");
        Assert.Null(Assert.Single(stored.Flags).Level);
        Assert.Null(stored.HighestLevel);
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("[1, 2]")]
    public void Read_OfSomethingThatIsNotAResult_IsRefused(string json) =>
        Assert.ThrowsAny<JsonException>(() => StoredResult.Read(json));
}
