using HistoryEngine.Definitions;
using HistoryEngine.Definitions.Yaml;
using HistoryEngine.Diagnostics;

namespace HistoryEngine.CarePlans;

/// <summary>
/// One care plan file (<c>NAME.care-plan.yaml</c>, beside the questionnaires) loaded and checked: the compiled plan,
/// or null, and every diagnostic with its position. Loading never throws for a bad file.
/// </summary>
public sealed record CarePlanFile(string Path, CompiledCarePlan? Compiled, IReadOnlyList<Diagnostic> Diagnostics)
{
    public bool HasErrors => Diagnostics.Any(d => d.IsError);

    /// <summary>True for a care plan file's name: <c>*.care-plan.yaml</c> (or <c>.yml</c>).</summary>
    public static bool IsCarePlanFile(string path)
    {
        var name = System.IO.Path.GetFileName(path);
        return name.EndsWith(".care-plan.yaml", StringComparison.OrdinalIgnoreCase) || name.EndsWith(".care-plan.yml", StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>The care plan files named, or found in the folders named, in path order.</summary>
    public static IEnumerable<string> Expand(IEnumerable<string> paths) =>
        paths.SelectMany<string, string>(p => Directory.Exists(p)
            ? Directory.EnumerateFiles(p, "*", SearchOption.AllDirectories).Where(IsCarePlanFile).Order(StringComparer.Ordinal)
            : IsCarePlanFile(p) ? [p] : []);

    /// <summary>
    /// Loads and checks a plan. The questionnaires it names (its diary, its review, those whose red flags it shows) must
    /// be beside it as <c>ID.yaml</c> and load without errors; the red flags' words are read from them.
    /// </summary>
    public static CarePlanFile Load(string path)
    {
        var bag = new DiagnosticBag();
        var definition = Read(path, bag);
        if (definition is null) return new CarePlanFile(path, null, bag.Sorted());
        var folder = System.IO.Path.GetDirectoryName(path) ?? "";
        var loaded = new Dictionary<string, QuestionnaireFile?>(StringComparer.Ordinal);
        QuestionnaireFile? Questionnaire(string id, SourceSpan at)
        {
            if (id.Length == 0) return null;
            if (loaded.TryGetValue(id, out var q)) return q;
            var file = System.IO.Path.Combine(folder, id + ".yaml");
            q = null;
            if (!File.Exists(file)) bag.Report(at, Codes.CarePlanUnknownQuestionnaire, id, $"is not beside the plan (no {id}.yaml in its folder)");
            else if ((q = QuestionnaireFile.Load(file)).Compiled is null)
            {
                bag.Report(at, Codes.CarePlanUnknownQuestionnaire, id, "has errors: run historyengine check on it");
                q = null;
            }
            else if (q.Compiled.Id != id)
            {
                bag.Report(at, Codes.CarePlanUnknownQuestionnaire, id, $"is not the id of {id}.yaml (its id is '{q.Compiled.Id}')");
                q = null;
            }
            return loaded[id] = q;
        }
        if (definition.Diary is { } diary) Questionnaire(diary.Questionnaire, diary.QuestionnaireSpan);
        if (definition.Review is { } review) Questionnaire(review.Questionnaire, review.QuestionnaireSpan);
        var redFlags = new Dictionary<string, CarePlanRedFlag[]>(StringComparer.Ordinal);
        foreach (var page in definition.Information)
        {
            if (page.RedFlags is not { } rf || Questionnaire(rf.Questionnaire, rf.Span) is not { Compiled: { } q }) continue;
            var list = new List<CarePlanRedFlag>();
            foreach (var (rule, span) in rf.Rules)
            {
                var found = q.Definition.Rules.FirstOrDefault(r => r.Id == rule);
                if (found is null)
                {
                    var near = Suggestions.Nearest(rule, q.Definition.Rules.Select(r => r.Id));
                    bag.Report(span, Codes.CarePlanUnknownRule, rf.Questionnaire, rule, near is null ? "" : $"; did you mean '{near}'?");
                }
                else list.Add(new CarePlanRedFlag(rf.Questionnaire, rule, found.Level, found.Patient?.Text.Trim() ?? ""));
            }
            redFlags[page.Id] = [.. list];
        }
        var compiled = CarePlanCompiler.Compile(definition, bag, redFlags);
        return new CarePlanFile(path, bag.HasErrors ? null : compiled, bag.Sorted());
    }

    private static CarePlanDefinition? Read(string path, DiagnosticBag bag)
    {
        var text = QuestionnaireLoader.ReadText(path, SourceSpan.None, bag);
        if (text is null) return null;
        var root = YamlReader.Read(path, text, bag);
        return root is null ? null : new CarePlanReader(path, bag).Read(root) is { } plan
            ? plan with { SourceFiles = [new SourceFile(System.IO.Path.GetFileName(path), text)] }
            : null;
    }
}
