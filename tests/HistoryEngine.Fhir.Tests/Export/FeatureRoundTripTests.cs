using System.Globalization;
using System.Text;
using System.Text.Json;
using HistoryEngine.Definitions;
using HistoryEngine.Scenarios;

namespace HistoryEngine.Fhir.Tests.Export;

/// <summary>
/// A native file that uses every feature the export carries (RoundTrip/features.yaml, with a module that has pages,
/// values and a rule) reads back from FHIR to the same definition, and gives the same results.
/// </summary>
public sealed class FeatureRoundTripTests
{
    private static readonly string Native = Path.Combine(AppContext.BaseDirectory, "Export", "RoundTrip", "features.yaml");

    private static (QuestionnaireFile Native, string Json, QuestionnaireFile Back) RoundTrip()
    {
        var native = QuestionnaireFile.Load(Native);
        Assert.True(native.Compiled is not null, TestFiles.Codes(native.Diagnostics));
        var json = FhirExport.Questionnaire(native.Compiled!);
        return (native, json, TestFiles.LoadJson(json));
    }

    [Fact]
    public void EveryFeature_ReadsBack_ToTheSameDefinition()
    {
        var (native, json, back) = RoundTrip();
        Assert.Empty(FhirValidation.Errors(json));
        Assert.True(back.Diagnostics.Count == 0, TestFiles.Codes(back.Diagnostics));
        Assert.Equal(Describe(native.Compiled!.Definition), Describe(back.Compiled!.Definition));
    }

    [Theory]
    [InlineData("{}")]
    [InlineData("""{"age": 30, "smoker": false, "story": "s", "mood": "low", "symptoms": ["fever"], "extra.pain": 9, "extra.worst": true}""")]
    [InlineData("""{"age": 12, "temp": 37.55, "symptoms": ["cough", "none"], "note": "x", "visits": [{"visit_date": "2026-01-01", "why": "x"}]}""")]
    [InlineData("""{"age": 130, "mood": "ok", "visits": [{"visit_date": "2026-01-01"}, {"why": "y"}], "seen": "2026-03-01T08:00"}""")]
    public void EveryFeature_GivesTheSameResult(string answers)
    {
        var (native, _, back) = RoundTrip();
        Assert.Equal(Result(native, answers), Result(back, answers));
    }

    private static string Result(QuestionnaireFile q, string answers)
    {
        var session = q.Compiled!.CreateSession(new FixedClock(new DateTimeOffset(2026, 3, 1, 9, 0, 0, TimeSpan.Zero)));
        using var doc = JsonDocument.Parse(answers);
        session.SetAnswers(doc.RootElement);
        var r = session.Result();
        return string.Join("\n", [
            $"complete {r.Complete} stopped {r.Stopped}", "enabled " + string.Join(",", r.Enabled), "missing " + string.Join(",", r.Missing),
            "errors " + string.Join(",", r.Errors.Select(e => $"{e.Path} {e.Code} {e.Message}")),
            "values " + string.Join(",", r.Values.OrderBy(v => v.Key, StringComparer.Ordinal).Select(v => $"{v.Key}={Show(v.Value)}")),
            "flags " + string.Join(",", r.Flags), "entries " + string.Join(",", r.Entries.Select(e => $"{e with { Value = Show(e.Value) }} codings {string.Join("+", e.Codings)}")),
            "summary " + r.Summary, "answers " + r.AnswersJson, "pages " + string.Join(",", q.Compiled!.Pages.Select(p => $"{p.Id}({p.Title}, {p.Section}):{string.Join("+", p.ItemIds)}"))]);
    }

    private static string Show(object? v) => v switch
    {
        null => "null",
        string[] codes => string.Join("+", codes),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => v.ToString() ?? "",
    };

    /// <summary>Everything a definition says, positions and file names left out.</summary>
    private static string Describe(QuestionnaireDefinition d)
    {
        var s = new StringBuilder();
        s.AppendLine($"{d.Id} {d.Version} {d.Title} module={d.IsModule} intro={d.Intro}");
        foreach (var i in d.Items) Item(s, i, "");
        foreach (var v in d.Values) s.AppendLine($"value {v.Name} = {v.Expression.Text} ({v.Description})");
        foreach (var c in d.Checks) s.AppendLine($"check {c.Id} on {c.Item}: {c.Assert.Text} / {c.Message.Text}");
        foreach (var r in d.Rules) s.AppendLine($"rule {r.Id} {r.Level} {r.When.Text} / {r.Patient?.Text} / {r.Clinician?.Text} / {r.Source}");
        foreach (var e in d.Entries)
            s.AppendLine($"entry {e.Id} {e.System} {e.Code} {e.Display} {e.Value?.Text} {e.Unit} {e.When?.Text} codings={string.Join(",", e.Codings.Select(c => $"{c.System}|{c.Code}|{c.Display}"))}");
        foreach (var p in d.Pages) s.AppendLine($"page {p.Id} {p.Title} section={p.Section}: {string.Join(",", p.Items)}");
        s.AppendLine($"narrative {d.Narrative?.Text}");
        return s.ToString();
    }

    private static void Item(StringBuilder s, ItemDefinition i, string indent)
    {
        s.AppendLine($"{indent}{i.Id} {i.Type} text={i.Text} hint={i.Hint} required={i.Required} missing={i.MissingMessage} repeats={i.Repeats} entry={i.EntryName} count={i.MinCount}-{i.MaxCount} " +
            $"range={i.Min}-{i.Max} unit={i.Unit} places={i.DecimalPlaces} length={i.MaxLength} readOnly={i.ReadOnly} " +
            $"enableWhen={i.EnableWhen?.Text} calculated={i.Calculated?.Text} codes={string.Join(",", i.Codes.Select(c => $"{c.System}|{c.Code}|{c.Display}"))}");
        foreach (var o in i.Options) s.AppendLine($"{indent}  option {o.Code} {o.Display} {o.System} {o.Score} {o.Exclusive}");
        if (i.Module is { } m) s.Append(Describe(m).Replace("\n", "\n" + indent + "  | ", StringComparison.Ordinal));
        else foreach (var c in i.Items) Item(s, c, indent + "  ");
    }
}
