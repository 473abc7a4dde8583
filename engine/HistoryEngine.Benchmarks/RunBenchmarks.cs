using BenchmarkDotNet.Attributes;
using HistoryEngine.Definitions;
using HistoryEngine.Runtime;

namespace HistoryEngine.Benchmarks;

/// <summary>
/// A patient's whole visit and one of its steps, for every questionnaire: the generated ones (200, 2,000 and 20,000
/// items, with the answer sequence of <see cref="QuestionnaireGenerator.Answers"/>: every shown question in order,
/// 100 readings per repeating group) and every shipped one (the answers of <see cref="PatientAnswers"/>).
/// </summary>
[Config(typeof(BenchConfig))]
public class RunBenchmarks
{
    private string? _generated;
    private CompiledQuestionnaire _compiled = null!;
    private List<(string Path, object? Value)> _answers = [];
    private Session _filled = null!;

    [ParamsSource(nameof(Questionnaires))]
    public string Questionnaire { get; set; } = Workload.GeneratedName;

    public static IEnumerable<string> Questionnaires() =>
        [.. Workload.Sizes.Select(n => $"generated-{n}"), .. Workload.ShippedQuestionnaires()];

    [GlobalSetup]
    public void Setup()
    {
        var path = Workload.Resolve(Questionnaire, out _generated);
        _compiled = QuestionnaireGenerator.LoadClean(path).Compiled!;
        _answers = Workload.GeneratedSize(Questionnaire) is { } size
            ? [.. QuestionnaireGenerator.Answers(QuestionnaireGenerator.Build(new QuestionnaireGenerator.Shape(size))).Select(a => (a.Path, (object?)a.Value))]
            : PatientAnswers.For(_compiled);
        _filled = (Session)CompleteRun();
        Warm.Up(() => { CompleteRun(); Step(); }, seconds: 0.5);
    }

    [GlobalCleanup]
    public void Cleanup() => Workload.Cleanup(_generated);

    /// <summary>A new session, then every answer in order, each re-evaluating what depends on it.</summary>
    [Benchmark]
    public object CompleteRun()
    {
        var session = _compiled.CreateSession(Sessions.Clock);
        foreach (var (path, value) in _answers) session.SetAnswer(path, value);
        return session;
    }

    /// <summary>On the completed session: the last answer taken back, then given again (the time is per step).</summary>
    [Benchmark(OperationsPerInvoke = 2)]
    public void Step()
    {
        var (path, value) = _answers[^1];
        _filled.SetAnswer(path, null);
        _filled.SetAnswer(path, value);
    }
}

/// <summary>
/// Answers a shipped questionnaire as a patient who takes the ordinary path would: every question shown, in order,
/// with the first option (the first non-exclusive one for a multiple choice), "no" to a yes/no question, the middle
/// of a number's range, a date in the past and some text; three entries in each repeating group. Worked out once
/// by answering a session step by step, so the sequence only holds questions that were shown when their turn came.
/// </summary>
public static class PatientAnswers
{
    public static List<(string Path, object? Value)> For(CompiledQuestionnaire compiled)
    {
        var session = compiled.CreateSession(Sessions.Clock);
        var answers = new List<(string, object?)>();
        void Give(string path, object? value)
        {
            session.SetAnswer(path, value);
            answers.Add((path, value));
        }
        foreach (var id in compiled.ItemIds)
        {
            var item = compiled.GetItem(id)!;
            if (item.ParentId is { } parent && compiled.GetItem(parent)!.IsRepeating) continue;
            if (HasRepeatingAncestor(compiled, item) || !session.IsEnabled(id) || session.Stopped) continue;
            if (item.IsRepeating)
            {
                for (var k = 0; k < 3; k++)
                    foreach (var child in item.Children)
                    {
                        var path = $"{id}[{k}].{child.Id}";
                        // The first answer of an entry adds it; later ones only while their question is shown.
                        if (AnswerFor(child, k) is { } v && (k == session.InstanceCount(id) || session.IsEnabledAt(path))) Give(path, v);
                    }
                continue;
            }
            if (AnswerFor(item, 0) is { } value) Give(id, value);
        }
        return answers;
    }

    private static bool HasRepeatingAncestor(CompiledQuestionnaire compiled, ItemInfo item)
    {
        for (var p = item.ParentId; p is not null; p = compiled.GetItem(p)!.ParentId)
            if (compiled.GetItem(p)!.IsRepeating) return true;
        return false;
    }

    private static object? AnswerFor(ItemInfo item, int k)
    {
        var d = item.Definition;
        if (!d.IsAnswerable) return null;
        decimal Middle() => d.Min is { } min && d.Max is { } max ? Math.Round((min + max) / 2) : d.Min ?? (d.Max is { } m ? Math.Min(m, 1) : 1);
        return item.Type switch
        {
            ItemType.Boolean => false,
            ItemType.Choice => d.Options.Length > 0 ? d.Options[0].Code : null,
            ItemType.MultipleChoice => d.Options.FirstOrDefault(o => !o.Exclusive) is { } o ? new[] { o.Code } : null,
            ItemType.Integer => (int)Middle() + k,
            ItemType.Decimal => Middle() + k,
            ItemType.Text or ItemType.LongText => "some text",
            ItemType.Date => "2026-03-01",
            ItemType.DateTime => QuestionnaireGenerator.Taken(k),
            _ => null,
        };
    }
}
