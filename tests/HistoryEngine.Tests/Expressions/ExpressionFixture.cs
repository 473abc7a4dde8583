using System.Collections.Concurrent;
using HistoryEngine.Runtime;

namespace HistoryEngine.Tests.Expressions;

/// <summary>
/// One questionnaire with an item of every type and a repeating group, and a value <c>x</c> holding the
/// expression under test. Compiled questionnaires are cached per expression.
/// </summary>
internal static class ExpressionFixture
{
    private const string Items = """
        id: expressions
        version: 1.0.0
        items:
          - id: a
            type: boolean
          - id: b
            type: boolean
          - id: c
            type: boolean
          - id: n
            type: integer
          - id: m
            type: integer
          - id: d
            type: decimal
          - id: t
            type: text
          - id: born
            type: date
          - id: seen_at
            type: datetime
          - id: colour
            type: choice
            options:
              - code: red
                display: Red
                score: 1
              - code: green
                display: Green
                score: 2
              - code: blue
                display: Blue
                score: 3
          - id: symptoms
            type: multiple_choice
            options:
              - code: cough
                display: Cough
                score: 1
              - code: fever
                display: Fever
                score: 2
              - code: none
                display: None of these
                score: 0
                exclusive: true
          - id: readings
            type: group
            repeats: true
            items:
              - id: systolic
                type: integer
              - id: diastolic
                type: integer
              - id: taken
                type: datetime
        values:
          - name: x
            expr: 
        """;

    private static readonly ConcurrentDictionary<string, CompiledQuestionnaire> Cache = new();

    /// <summary>The questionnaire with <c>x</c> set to <paramref name="expression"/>; fails the test if it does not compile.</summary>
    public static CompiledQuestionnaire For(string expression) =>
        Cache.GetOrAdd(expression, e => Questionnaires.Compile(Items + Quote(e) + "\n"));

    /// <summary>The diagnostics the expression gives, as "CODE: message".</summary>
    public static IReadOnlyList<string> Diagnostics(string expression) =>
        [.. Questionnaires.Load(Items + Quote(expression) + "\n").Diagnostics.Select(d => $"{d.Code}: {d.Message}")];

    /// <summary>The expression bound and printed back, fully parenthesised.</summary>
    public static string Print(string expression) => For(expression).Values.Single(v => v.Id == "x").Expression.ToString()!;

    /// <summary>The value of the expression for the answers given (a JSON object), at a fixed time.</summary>
    public static object? Eval(string expression, string answers = "{}", DateTimeOffset? now = null) =>
        Questionnaires.Start(For(expression), answers, now).Result().Values["x"];

    private static string Quote(string expression) => "\"" + expression.Replace("\\", "\\\\").Replace("\"", "\\\"") + "\"";
}
