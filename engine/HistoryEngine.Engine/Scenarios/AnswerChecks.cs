using System.Text.Json;
using HistoryEngine.Diagnostics;
using HistoryEngine.Runtime;

namespace HistoryEngine.Scenarios;

/// <summary>
/// A scenario cannot pass because its answers never counted: an answer to a question that does not exist, with an
/// option the question does not have, of the wrong type, or out of its limits (each refused or kept but counted
/// nowhere), and an answer to a question that is not enabled, each fail the scenario at the answer's line, unless
/// the scenario says that is what it shows (under <c>expect: errors</c> or <c>expect: disabled</c>).
/// </summary>
internal static class AnswerChecks
{
    /// <summary>Errors that mean an answer did not count; check failures and counts of instances are outcomes, not these.</summary>
    private static readonly HashSet<string> NotCounted =
    [
        Codes.AnswerWrongType.Code, Codes.AnswerBelowMin.Code, Codes.AnswerAboveMax.Code, Codes.AnswerTooLong.Code,
        Codes.AnswerTooPrecise.Code, Codes.AnswerUnknownOption.Code, Codes.AnswerExclusive.Code, Codes.AnswerUnknownItem.Code,
        Codes.AnswerNotAQuestion.Code,
    ];

    private static readonly HashSet<string> Kept =
        [Codes.AnswerBelowMin.Code, Codes.AnswerAboveMax.Code, Codes.AnswerTooLong.Code, Codes.AnswerTooPrecise.Code, Codes.AnswerExclusive.Code];

    public static List<ScenarioFailure> Unregistered(Scenario scenario, CompiledQuestionnaire questionnaire, Session session, SessionResult result)
    {
        var problems = new List<ScenarioFailure>();
        var expected = (scenario.Errors ?? []).Select(e => (e.Item, e.Code)).ToHashSet();
        foreach (var error in result.Errors.Where(e => NotCounted.Contains(e.Code) && !expected.Contains((e.Item, e.Code))))
        {
            var why = error.Code == Codes.AnswerUnknownItem.Code
                ? $"there is no question '{error.Path}'{Suggest(error.Path, questionnaire)}"
                : $"{(Kept.Contains(error.Code) ? "it is kept, but counts nowhere until corrected" : "it was refused")} ({error.Code}: {error.Message})";
            problems.Add(new ScenarioFailure(Codes.AnswerNotRegistered.Create(SourceSpan.None, error.Path, why).Message,
                SpanOf(scenario, error.Path), Codes.AnswerNotRegistered.Code));
        }
        var disabled = scenario.Disabled ?? [];
        foreach (var path in AnswerPaths(scenario.Answers, ""))
        {
            if (!session.IsEnabledAt(path) && questionnaire.GetItem(ItemId(path)) is { } item && !Listed(item, disabled, questionnaire))
                problems.Add(new ScenarioFailure(Codes.AnswerCountsNowhere.Create(SourceSpan.None, path, item.Id).Message,
                    SpanOf(scenario, path), Codes.AnswerCountsNowhere.Code));
        }
        return problems;
    }

    /// <summary>The item, or a group that holds it, is listed under <c>expect: disabled</c>.</summary>
    private static bool Listed(ItemInfo item, IEnumerable<string> disabled, CompiledQuestionnaire questionnaire)
    {
        for (ItemInfo? at = item; at is not null; at = at.ParentId is { } parent ? questionnaire.GetItem(parent) : null)
            if (disabled.Contains(at.Id)) return true;
        return false;
    }

    /// <summary>Every answer given (not null, not an empty list), by path: <c>fever</c>, <c>readings[0].systolic</c>.</summary>
    private static IEnumerable<string> AnswerPaths(JsonElement answers, string prefix)
    {
        if (answers.ValueKind != JsonValueKind.Object) yield break;
        foreach (var p in answers.EnumerateObject())
        {
            var path = prefix + p.Name;
            if (p.Value.ValueKind is JsonValueKind.Null || p.Value.ValueKind == JsonValueKind.Array && p.Value.GetArrayLength() == 0) continue;
            yield return path;
            if (p.Value.ValueKind != JsonValueKind.Array) continue;
            var i = 0;
            foreach (var row in p.Value.EnumerateArray())
            {
                foreach (var inner in AnswerPaths(row, $"{path}[{i}]."))
                    yield return inner;
                i++;
            }
        }
    }

    /// <summary><c>readings[0].systolic</c> names the item <c>systolic</c>; a module's <c>phq9.q1</c> is its own id.</summary>
    private static string ItemId(string path)
    {
        var close = path.LastIndexOf(']');
        return close < 0 ? path : path[(close + 2)..];
    }

    private static string Suggest(string path, CompiledQuestionnaire questionnaire) =>
        HistoryEngine.Diagnostics.Suggestions.Nearest(ItemId(path), questionnaire.ItemIds) is { } near ? $"; did you mean '{near}'?" : "";

    private static SourceSpan SpanOf(Scenario scenario, string path) =>
        scenario.AnswerSpans.TryGetValue(path, out var span) ? span : scenario.Span;
}
