using System.Globalization;
using System.Text.Json;
using HistoryEngine.Runtime;

namespace HistoryEngine.Scenarios;

/// <summary>Runs scenarios against a compiled questionnaire and lists every difference from what was expected.</summary>
public static class ScenarioRunner
{
    public static ScenarioOutcome Run(ScenarioFile file, Scenario scenario, CompiledQuestionnaire questionnaire)
    {
        // A mistake in the scenario's own text: nothing it expects can be trusted, so it fails with that alone.
        if (!scenario.Problems.IsEmpty)
            return new ScenarioOutcome(file, scenario, [.. scenario.Problems.Select(d => new ScenarioFailure(d.Message, d.Span, d.Code))]);
        var clock = new FixedClock(scenario.Now ?? new DateTimeOffset(2026, 1, 1, 9, 0, 0, TimeSpan.Zero));
        var session = questionnaire.CreateSession(clock, scenario.Patient);
        session.SetAnswers(scenario.Answers);
        var r = session.Result();
        var problems = AnswerChecks.Unregistered(scenario, questionnaire, session, r);
        var failures = new List<string>();

        void Same(string what, bool? expected, bool actual)
        {
            if (expected is { } e && e != actual) failures.Add($"{what}: expected {Lower(e)}, got {Lower(actual)}");
        }
        Same("complete", scenario.Complete, r.Complete);
        Same("stopped", scenario.Stopped, r.Stopped);
        foreach (var id in scenario.Enabled ?? [])
            if (!r.Enabled.Contains(id)) failures.Add($"expected '{id}' to be enabled{(questionnaire.GetItem(id) is null ? " (there is no such item)" : "")}");
        foreach (var id in scenario.Disabled ?? [])
        {
            if (questionnaire.GetItem(id) is null) failures.Add($"'{id}' is not an item");
            else if (r.Enabled.Contains(id)) failures.Add($"expected '{id}' to be disabled");
        }
        if (scenario.Missing is { } missing) SameSet("missing", missing, r.Missing, failures);
        if (scenario.Flags is { } flags) SameSet("flags", flags, r.Flags.Select(f => f.Rule), failures);
        // The expectations are a hash map whose order changes from run to run; report them in a stable order.
        foreach (var (name, expected) in (scenario.Values ?? []).OrderBy(v => v.Key, StringComparer.Ordinal))
        {
            if (!r.Values.TryGetValue(name, out var actual)) { failures.Add($"there is no value '{name}'"); continue; }
            if (!JsonEquals(expected, actual)) failures.Add($"value '{name}': expected {Show(expected)}, got {Show(actual)}");
        }
        if (scenario.Entries is { } entries)
        {
            SameSet("entries", entries.Select(e => e.Code), r.Entries.Select(e => e.Code), failures);
            foreach (var e in entries.Where(e => r.Entries.All(x => x.Code != e.Code)))
                if (r.Entries.FirstOrDefault(x => x.Codings.Any(c => c.Code == e.Code)) is { } holder)
                    failures.Add($"{e.Code} is a coding of the entry {holder.Code}; a scenario names an entry by its primary (first) code");
            foreach (var e in entries.Where(e => e.Value is not null))
                if (r.Entries.FirstOrDefault(x => x.Code == e.Code) is { } actual && !JsonEquals(e.Value!.Value, actual.Value))
                    failures.Add($"entry {e.Code}: expected value {Show(e.Value!.Value)}, got {Show(actual.Value)}");
            foreach (var e in entries.Where(e => e.Codings is not null))
                if (r.Entries.FirstOrDefault(x => x.Code == e.Code) is { } actual && !SameCodings(e.Codings!.Value, actual.Codings))
                    failures.Add($"entry {e.Code}: expected the codings [{string.Join(", ", e.Codings!.Value.Select(Show))}], " +
                                 $"got [{string.Join(", ", actual.Codings.Select(c => $"{c.System}|{c.Code} {c.Display}"))}]");
            foreach (var e in entries.Where(e => e.Taken is not null))
                if (r.Entries.FirstOrDefault(x => x.Code == e.Code) is { } actual
                    && actual.Taken?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) != e.Taken)
                    failures.Add($"entry {e.Code}: expected taken {e.Taken}, got {(actual.Taken is { } t ? t.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) : "none (dated by filing)")}");
        }
        // threshold / under: what the scenario claims about a rule is checked whatever else it expects.
        var raised = r.Flags.Select(f => f.Rule).ToHashSet(StringComparer.Ordinal);
        foreach (var rule in scenario.AtThreshold.Concat(scenario.UnderThreshold).Distinct(StringComparer.Ordinal))
            if (questionnaire.Definition.Rules.All(x => x.Id != rule)) failures.Add($"'{rule}' is not a rule of {questionnaire.Id}");
        foreach (var rule in scenario.AtThreshold.Where(questionnaire.HasRule))
            if (!raised.Contains(rule)) failures.Add($"this scenario is at the threshold of '{rule}', but '{rule}' did not fire");
        foreach (var rule in scenario.UnderThreshold.Where(questionnaire.HasRule))
            if (raised.Contains(rule)) failures.Add($"this scenario is just under the threshold of '{rule}', but '{rule}' fired");
        if (scenario.Errors is { } errors)
            SameSet("errors", errors.Select(e => $"{e.Item} {e.Code}"), r.Errors.Select(e => $"{e.Item} {e.Code}"), failures);
        foreach (var phrase in scenario.SummaryContains)
            if (!r.Summary.Contains(phrase, StringComparison.Ordinal)) failures.Add($"the summary does not contain \"{phrase}\"; it reads:\n{r.Summary}");
        foreach (var phrase in scenario.SummaryExcludes)
            if (r.Summary.Contains(phrase, StringComparison.Ordinal)) failures.Add($"the summary contains \"{phrase}\"");
        if (scenario.Summary is { } summary && Normalise(summary) != Normalise(r.Summary))
            failures.Add($"the summary differs; expected:\n{summary.Trim()}\ngot:\n{r.Summary}");
        problems.AddRange(failures.Select(f => new ScenarioFailure(f, scenario.Span, Diagnostics.Codes.ScenarioFailed.Code)));
        return new ScenarioOutcome(file, scenario, problems);
    }

    private static string Normalise(string text) => string.Join('\n', text.Replace("\r", "").Trim().Split('\n').Select(l => l.TrimEnd()));

    private static string Lower(bool b) => b ? "true" : "false";

    private static void SameSet(string what, IEnumerable<string> expected, IEnumerable<string> actual, List<string> failures)
    {
        var e = expected.Order(StringComparer.Ordinal).ToList();
        var a = actual.Order(StringComparer.Ordinal).ToList();
        if (!e.SequenceEqual(a)) failures.Add($"{what}: expected [{string.Join(", ", e)}], got [{string.Join(", ", a)}]");
    }

    private static bool JsonEquals(JsonElement expected, object? actual) => (expected.ValueKind, actual) switch
    {
        (JsonValueKind.Null, null) => true,
        (JsonValueKind.Number, decimal d) => expected.GetDecimal() == d,
        (JsonValueKind.True, bool b) => b,
        (JsonValueKind.False, bool b) => !b,
        (JsonValueKind.String, string s) => expected.GetString() == s,
        (JsonValueKind.Array, string[] codes) => expected.EnumerateArray().Select(x => x.ToString()).SequenceEqual(codes),
        _ => false,
    };

    /// <summary>Exactly these codings, in this order; a system or display is compared only where the scenario gives it.</summary>
    private static bool SameCodings(IReadOnlyList<ExpectedCoding> expected, IReadOnlyList<EntryCoding> actual) =>
        expected.Count == actual.Count && expected.Zip(actual).All(p => p.First.Code == p.Second.Code
            && (p.First.System is null || p.First.System == p.Second.System)
            && (p.First.Display is null || p.First.Display == p.Second.Display));

    private static string Show(ExpectedCoding c) =>
        (c.System is null ? "" : c.System + "|") + c.Code + (c.Display is null ? "" : " " + c.Display);

    private static string Show(JsonElement e) => e.ValueKind == JsonValueKind.Null ? "null" : e.GetRawText();

    private static string Show(object? v) => v switch
    {
        null => "null",
        decimal d => d.ToString(CultureInfo.InvariantCulture),
        bool b => Lower(b),
        string s => $"\"{s}\"",
        string[] codes => "[" + string.Join(", ", codes) + "]",
        _ => v.ToString() ?? "",
    };
}

/// <summary>A clock that always reads the same instant: scenario tests say what "now" is.</summary>
public sealed class FixedClock(DateTimeOffset now) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => now;
    public override TimeZoneInfo LocalTimeZone => TimeZoneInfo.Utc;
}
