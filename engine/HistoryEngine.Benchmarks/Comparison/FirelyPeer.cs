using System.Globalization;
using Hl7.Fhir.FhirPath;
using Hl7.Fhir.Model;
using Hl7.FhirPath;
using static HistoryEngine.Benchmarks.QuestionnaireGenerator;
using Group = HistoryEngine.Benchmarks.QuestionnaireGenerator.Group;
using Condition = HistoryEngine.Benchmarks.QuestionnaireGenerator.Condition;
using EngineFhirPath = HistoryEngine.Fhir.FhirPath;

namespace HistoryEngine.Benchmarks.Comparison;

/// <summary>
/// The generated questionnaire as a FHIR renderer without a dependency graph evaluates it: the answers live in a
/// QuestionnaireResponse, and after every answer every enableWhenExpression is evaluated again (in questionnaire
/// order, so that one pass settles the chains, which only read items above them), a disabled item's answer is taken
/// out of the response and put back when it is enabled again (as SDC wants), and then every calculatedExpression is
/// evaluated. Expressions are compiled once by the same Firely FHIRPath compiler the engine uses for FHIR
/// questionnaires (Hl7.Fhir.R4 6.8.0, with the SDC sum()).
/// </summary>
public sealed class FirelyPeer
{
    private sealed class Slot(QuestionnaireResponse.ItemComponent item)
    {
        public QuestionnaireResponse.ItemComponent Item { get; } = item;
        public DataType? Given { get; set; }
        public bool Enabled { get; set; } = true;
        public CompiledExpression? EnableWhen { get; init; }
        public string Path { get; init; } = "";

        public void Apply()
        {
            Item.Answer.Clear();
            if (Enabled && Given is not null) Item.Answer.Add(new QuestionnaireResponse.AnswerComponent { Value = Given });
        }
    }

    private sealed class Instance(QuestionnaireResponse.ItemComponent item, Dictionary<string, Slot> fields, Slot notes)
    {
        public QuestionnaireResponse.ItemComponent Item { get; } = item;
        public Dictionary<string, Slot> Fields { get; } = fields;
        public Slot Notes { get; } = notes;
    }

    private readonly Model _m;
    private readonly QuestionnaireResponse _qr = new() { Status = QuestionnaireResponse.QuestionnaireResponseStatus.InProgress };
    private readonly List<Slot> _questions = [];
    private readonly Dictionary<string, Slot> _byId = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (Group Group, List<Instance> Instances)> _groups = new(StringComparer.Ordinal);
    private readonly Dictionary<string, CompiledExpression> _notesWhenByGroup = new(StringComparer.Ordinal);
    private readonly List<(string Name, CompiledExpression Expr)> _values = [];
    private readonly Dictionary<string, object?> _results = new(StringComparer.Ordinal);

    public FirelyPeer(Model m)
    {
        _m = m;
        var compiler = EngineFhirPath.Compiler;
        string Answer(string id) => PeerFormats.AnswerPath(m, id);
        foreach (var g in m.Groups)
        {
            _groups[g.Id] = (g, []);
            _notesWhenByGroup[g.Id] = compiler.Compile(PeerFormats.FhirCondition(m, new Condition(CondKind.Severe, g.Systolic), Answer));
        }
        foreach (var (section, items) in m.Sections)
        {
            var sectionItem = new QuestionnaireResponse.ItemComponent { LinkId = section };
            _qr.Item.Add(sectionItem);
            foreach (var q in items)
            {
                var item = new QuestionnaireResponse.ItemComponent { LinkId = q.Id };
                sectionItem.Item.Add(item);
                var slot = new Slot(item)
                {
                    Path = q.Id,
                    EnableWhen = q.When is { } c ? compiler.Compile(PeerFormats.FhirCondition(m, c, Answer)) : null,
                };
                _questions.Add(slot);
                _byId[q.Id] = slot;
            }
        }
        foreach (var v in m.Values) _values.Add((v.Name, compiler.Compile(PeerFormats.FhirValue(m, v, Answer))));
        Evaluate();
    }

    /// <summary>Sets one answer in the response (adding a reading when the path names the next one); evaluates nothing.</summary>
    public void Store(Answer a)
    {
        var data = ToFhir(a.Value);
        if (a.Group is null)
        {
            var slot = _byId[a.Path];
            slot.Given = data;
            slot.Apply();
            return;
        }
        var (group, instances) = _groups[a.Group];
        if (a.Instance == instances.Count)
        {
            var item = new QuestionnaireResponse.ItemComponent { LinkId = group.Id };
            var fields = new Dictionary<string, Slot>(StringComparer.Ordinal);
            foreach (var f in new[] { group.Taken, group.Systolic, group.Diastolic, group.Notes })
            {
                var child = new QuestionnaireResponse.ItemComponent { LinkId = f };
                item.Item.Add(child);
                fields[f] = new Slot(child) { Path = $"{group.Id}[{instances.Count}].{f}" };
            }
            // A new reading goes after the group's last one; the groups come before the sections, as in the questionnaire.
            var at = 0;
            foreach (var g in _m.Groups)
            {
                at += _groups[g.Id].Instances.Count;
                if (g == group) break;
            }
            _qr.Item.Insert(at, item);
            instances.Add(new Instance(item, fields, fields[group.Notes]));
        }
        var target = instances[a.Instance].Fields[a.Field!];
        target.Given = data;
        target.Apply();
    }

    /// <summary>One step as a renderer without a dependency graph does it: store the answer, then evaluate everything.</summary>
    public void Step(Answer a)
    {
        Store(a);
        Evaluate();
    }

    /// <summary>Every enableWhenExpression, in questionnaire order, then every calculatedExpression.</summary>
    public void Evaluate()
    {
        var root = _qr.ToPocoNode();
        var context = new FhirEvaluationContext { Resource = root, RootResource = root };
        foreach (var (_, (group, instances)) in _groups)
        {
            var when = _notesWhenByGroup[group.Id];
            foreach (var instance in instances)
            {
                var enabled = IsTrue(when([instance.Item.ToPocoNode()], context));
                if (enabled == instance.Notes.Enabled) continue;
                instance.Notes.Enabled = enabled;
                instance.Notes.Apply();
            }
        }
        foreach (var slot in _questions)
        {
            if (slot.EnableWhen is null) continue;
            var enabled = IsTrue(slot.EnableWhen([root], context));
            if (enabled == slot.Enabled) continue;
            slot.Enabled = enabled;
            slot.Apply();
        }
        foreach (var (name, expr) in _values) _results[name] = Plain(expr([root], context).ToList());
    }

    /// <summary>The questions hidden now (section questions by id, reading fields by path), in order.</summary>
    public List<string> Hidden()
    {
        var hidden = new List<string>();
        foreach (var (_, (_, instances)) in _groups)
            foreach (var instance in instances)
                foreach (var (_, slot) in instance.Fields)
                    if (!slot.Enabled) hidden.Add(slot.Path);
        foreach (var slot in _questions) if (!slot.Enabled) hidden.Add(slot.Path);
        return hidden;
    }

    public IReadOnlyDictionary<string, object?> Values => _results;

    private static bool IsTrue(IEnumerable<PocoNode> result)
    {
        using var e = result.GetEnumerator();
        if (!e.MoveNext()) return false;
        var first = e.Current;
        return !e.MoveNext() && Raw(first.Poco) is true;
    }

    private static object? Plain(List<PocoNode> result) => result.Count == 1 ? Raw(result[0].Poco) : null;

    // The same mapping the engine uses for its own FHIRPath results, so both sides compare like with like.
    private static object? Raw(Base poco) => HistoryEngine.Fhir.FhirPathExpr.Raw(poco);

    private static DataType ToFhir(object value) => value switch
    {
        int i => new Integer(i),
        decimal d => new FhirDecimal(d),
        bool b => new FhirBoolean(b),
        string s when s.Length == 10 && s[4] == '-' && s[7] == '-' => new Date(s),
        string s when s.Length == 19 && s[10] == 'T' => new FhirDateTime(s + "+00:00"),
        string s when s is "a" or "b" or "c" => new Coding("urn:historyengine:generated", s),
        string s => new FhirString(s),
        _ => throw new ArgumentException($"No FHIR type for {value}"),
    };

    internal static string Describe(object? v) => v switch
    {
        null => "null",
        bool b => b ? "true" : "false",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => v.ToString()!,
    };
}
