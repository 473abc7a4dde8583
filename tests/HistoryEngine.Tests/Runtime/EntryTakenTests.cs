using System.Text.Json;
using HistoryEngine.Runtime;

namespace HistoryEngine.Tests.Runtime;

/// <summary>
/// An entry may say the day its value was taken (<c>taken:</c>, a date expression): the session works it out, the
/// result JSON writes it as <c>"taken": "YYYY-MM-DD"</c>, and a stored result reads it back; an entry without it, or a
/// result stored before entries had it, is dated by its filing (no day).
/// </summary>
public sealed class EntryTakenTests
{
    private static readonly CompiledQuestionnaire Q = Questionnaires.Compile("""
        id: diary
        version: 1.0.0
        items:
          - id: readings
            type: group
            repeats: true
            items:
              - {id: taken, type: datetime}
              - {id: systolic, type: integer, min: 50, max: 300}
        values:
          - name: last_day
            expr: max(readings, date(taken))
          - name: average
            expr: round(avg(readings, systolic))
        entries:
          - id: average
            system: http://snomed.info/sct
            code: "413606001"
            display: Average home systolic blood pressure
            value: average
            unit: mm[Hg]
            min: 50
            max: 300
            taken: last_day
          - id: count
            system: http://loinc.org
            code: 96608-5
            display: Systolic blood pressure mean
            value: average
            min: 50
            max: 300
        """);

    private const string TwoDays = """
        {"readings": [{"taken": "2026-03-01T07:30", "systolic": 140}, {"taken": "2026-03-04T19:45", "systolic": 130},
                      {"taken": "2026-03-02T07:30", "systolic": 150}]}
        """;

    [Fact]
    public void Taken_IsTheDayItsExpressionGives_AndAnEntryWithoutItHasNone()
    {
        var entries = Questionnaires.Start(Q, TwoDays).Result().Entries;

        Assert.Equal(new DateOnly(2026, 3, 4), entries[0].Taken);
        Assert.Null(entries[1].Taken);
    }

    [Fact]
    public void ResultJson_WritesTheDay_AndAStoredResultReadsItBack()
    {
        var json = ResultJson.Write(Questionnaires.Start(Q, TwoDays).Result());

        using var doc = JsonDocument.Parse(json);
        var written = doc.RootElement.GetProperty("entries").EnumerateArray().ToList();
        Assert.Equal("2026-03-04", written[0].GetProperty("taken").GetString());
        Assert.False(written[1].TryGetProperty("taken", out _));
        var stored = StoredResult.Read(json);
        Assert.Equal(new DateOnly(2026, 3, 4), stored.Entries[0].Taken);
        Assert.Null(stored.Entries[1].Taken);
    }

    [Fact]
    public void StoredResult_FromBeforeEntriesHadTaken_ReadsWithNoDay()
    {
        var stored = StoredResult.Read("""
            {"questionnaire": "home-bp-diary", "version": "1.3.0", "entries": [
              {"system": "http://snomed.info/sct", "code": "413606001", "display": "Average home systolic blood pressure", "value": 127, "unit": "mm[Hg]"},
              {"system": "http://snomed.info/sct", "code": "413605002", "display": "Average home diastolic blood pressure", "value": 79, "taken": "7 March"}]}
            """);

        Assert.Equal(("127", (DateOnly?)null), (stored.Entries[0].Value, stored.Entries[0].Taken));
        // A day that is not YYYY-MM-DD is not guessed at: the entry is dated by its filing, as before.
        Assert.Null(stored.Entries[1].Taken);
    }

    [Fact]
    public void Taken_OfUnansweredReadings_IsNone_AndTheEntryIsStillProposed()
    {
        var entries = Questionnaires.Start(Q, """{"readings": [{"systolic": 130}]}""").Result().Entries;

        Assert.Equal(130m, Convert.ToDecimal(entries[0].Value));
        Assert.Null(entries[0].Taken);
    }

    [Fact]
    public void Taken_OfADateAndTime_OrAnUnknownName_IsRefusedWhereItIsWritten()
    {
        var file = Questionnaires.Load("""
            id: q
            version: 1.0.0
            items:
              - {id: at, type: datetime}
              - {id: score, type: integer}
            entries:
              - {id: a, system: http://loinc.org, code: 44261-6, display: PHQ-9 total score, value: score, min: 0, max: 27, taken: at}
              - {id: b, system: http://loinc.org, code: 44261-6, display: PHQ-9 total score, value: score, min: 0, max: 27, taken: date(at)}
              - {id: c, system: http://loinc.org, code: 44261-6, display: PHQ-9 total score, value: score, min: 0, max: 27, taken: atx}
            """);

        Assert.Equal(["HE1162", "HE1302"], file.Diagnostics.Select(d => d.Code).Order());
        Assert.Equal(7, file.Diagnostics.Single(d => d.Code == "HE1162").Span.Line);
        Assert.Equal(9, file.Diagnostics.Single(d => d.Code == "HE1302").Span.Line);
    }
}
