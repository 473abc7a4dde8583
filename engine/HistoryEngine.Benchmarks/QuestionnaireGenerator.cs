using System.Globalization;
using System.Text;

namespace HistoryEngine.Benchmarks;

/// <summary>
/// Writes a large synthetic questionnaire for the benchmarks, as a model (<see cref="Model"/>) that is then written
/// out as HistoryEngine YAML (<see cref="Generate"/>), as a SurveyJS survey and as FHIRPath expressions
/// (<see cref="PeerFormats"/>), so that the three engines run the same workload. With the defaults (2,000 items,
/// 1,000 of them with an enable_when) it holds:
/// <list type="bullet">
/// <item>a chain: <c>chain_1</c> .. <c>chain_C</c>, where <c>chain_k</c> is enabled when <c>chain_(k-1) &gt; 5</c>;</item>
/// <item>a fan-out: <c>fan_1</c> .. <c>fan_F</c>, all enabled by one answer, <c>hub</c>;</item>
/// <item>mixed conditions (a yes/no and a choice together) on the rest of the conditioned items;</item>
/// <item>unconditioned items of every answer type, filling up to N, in sections (non-repeating groups) of 100;</item>
/// <item>repeating groups <c>readings</c> (one per 2,000 items; taken, systolic, diastolic, notes when systolic &gt;= 180)
/// with calculated values over each (count, avg, any, max, filter), rules, a check inside the first and one
/// outside, and an entry.</item>
/// </list>
/// Every item counts towards N: groups, the repeating groups and the items inside them included.
/// </summary>
public static class QuestionnaireGenerator
{
    /// <summary>The item nobody reads: answering it re-evaluates one node.</summary>
    public const string Leaf = "leaf";
    public const string ChainHead = "chain_1";
    public const string Hub = "hub";
    public const string Readings = "readings";
    /// <summary>How many instances each repeating group is given in a filled session and in the answer sequence.</summary>
    public const int InstancesPerGroup = 100;

    public sealed record Shape(int Items = 2000, int Conditioned = -1)
    {
        public int Conditions => Conditioned < 0 ? Items / 2 : Conditioned;
        /// <summary>Repeating groups of readings: one per 2,000 items, at least one.</summary>
        public int Groups => Math.Max(1, Items / 2000);
        /// <summary>Items in the chain (its first has no condition, so it adds Chain - 1 conditions).</summary>
        public int Chain => Conditions * 2 / 5;
        public int Fan => Conditions * 2 / 5;
        /// <summary>Mixed conditions: the rest, less one per repeating group (its notes item).</summary>
        public int Mixed => Conditions - (Chain - 1) - Fan - Groups;
    }

    public enum Kind { Integer, Decimal, Boolean, Text, Date, DateTime, Choice }

    /// <summary>When an item is shown. <c>Chain</c>: Ref &gt; 5; <c>Fan</c>: hub &gt; 5; <c>Mixed</c>: Ref (a gate) is
    /// yes, Ref2 (a pick) is a or b, and hub &gt;= N; <c>Severe</c>: Ref (systolic, same instance) &gt;= 180.</summary>
    public enum CondKind { Chain, Fan, Mixed, Severe }

    public sealed record Condition(CondKind Kind, string Ref, string? Ref2 = null, int N = 0);

    /// <summary>One question. Section: the non-repeating group holding it; Group: the repeating group holding it.</summary>
    public sealed record Item(string Id, Kind Type, string? Section, string? Group, Condition? When);

    /// <summary>A repeating group of readings; field names carry the group's suffix ("" for the first).</summary>
    public sealed record Group(string Id, string Suffix)
    {
        public string Taken => "taken" + Suffix;
        public string Systolic => "systolic" + Suffix;
        public string Diastolic => "diastolic" + Suffix;
        public string Notes => "notes" + Suffix;
    }

    public enum ValueKind { Count, AvgSystolic, AvgDiastolic, AnySevere, MaxSystolic, HighCount, ChainStart }

    /// <summary>A calculated value: over one repeating group, or (ChainStart) chain_1 + chain_2 + chain_3.</summary>
    public sealed record Value(string Name, ValueKind Kind, Group? Over);

    /// <summary>One answer as a patient gives it: a path (<c>id</c> or <c>group[k].field</c>) and a value.</summary>
    public sealed record Answer(string Path, object Value, string? Group = null, int Instance = -1, string? Field = null);

    public sealed class Model
    {
        public required Shape Shape { get; init; }
        public required List<Group> Groups { get; init; }
        /// <summary>Sections in order, with their questions.</summary>
        public required List<(string Id, List<Item> Items)> Sections { get; init; }
        public required List<Value> Values { get; init; }
        public IEnumerable<Item> Questions => Sections.SelectMany(s => s.Items);
        public int Conditions { get; init; }
        public int ItemCount { get; init; }
    }

    private const int SectionSize = 100;

    /// <summary>Builds the model. Deterministic: the same shape gives the same model.</summary>
    public static Model Build(Shape shape)
    {
        var groups = Enumerable.Range(1, shape.Groups).Select(g => new Group(g == 1 ? Readings : $"{Readings}_{g}", g == 1 ? "" : $"_{g}")).ToList();
        var count = groups.Count * 5; // the group and its 4 items
        var conditions = groups.Count; // one notes item each
        var sections = new List<(string Id, List<Item> Items)>();
        var fill = 0;

        // Items are placed in sections of about 100, the section counting as one; the last section takes one item
        // more rather than open a section for one item that would not fit.
        void Add(params Item[] items)
        {
            if (fill == 0 && (sections.Count == 0 || shape.Items - count > items.Length))
            {
                sections.Add(($"section_{sections.Count + 1}", []));
                count++;
                fill = 1;
            }
            var (id, list) = sections[^1];
            foreach (var i in items) list.Add(i with { Section = id });
            count += items.Length;
            fill += items.Length;
            if (fill >= SectionSize) fill = 0;
        }

        Add(new Item(Hub, Kind.Integer, null, null, null));
        for (var k = 1; k <= shape.Chain; k++)
        {
            if (k > 1) conditions++;
            Add(new Item($"chain_{k}", Kind.Integer, null, null, k == 1 ? null : new Condition(CondKind.Chain, $"chain_{k - 1}")));
        }
        for (var k = 1; k <= shape.Fan; k++)
        {
            conditions++;
            var type = (k % 3) switch { 0 => Kind.Integer, 1 => Kind.Boolean, _ => Kind.Text };
            Add(new Item($"fan_{k}", type, null, null, new Condition(CondKind.Fan, Hub)));
        }
        for (var k = 1; k <= shape.Mixed; k++)
        {
            if (k % 10 == 1)
                Add(new Item($"gate_{k}", Kind.Boolean, null, null, null), new Item($"pick_{k}", Kind.Choice, null, null, null));
            var g = (k - 1) / 10 * 10 + 1;
            conditions++;
            Add(new Item($"mixed_{k}", Kind.Decimal, null, null, new Condition(CondKind.Mixed, $"gate_{g}", $"pick_{g}", k % 7)));
        }
        Add(new Item(Leaf, Kind.Text, null, null, null));
        var f = 0;
        while (count < shape.Items)
        {
            f++;
            var type = (f % 5) switch { 0 => Kind.Integer, 1 => Kind.Boolean, 2 => Kind.Text, 3 => Kind.Date, _ => Kind.Decimal };
            Add(new Item($"filler_{f}", type, null, null, null));
        }
        if (count != shape.Items || conditions != shape.Conditions)
            throw new InvalidOperationException($"The generator made {count} items and {conditions} conditions, not {shape.Items} and {shape.Conditions}");

        var values = new List<Value>();
        foreach (var g in groups)
        {
            values.Add(new Value("reading_count" + g.Suffix, ValueKind.Count, g));
            values.Add(new Value("average_systolic" + g.Suffix, ValueKind.AvgSystolic, g));
            values.Add(new Value("average_diastolic" + g.Suffix, ValueKind.AvgDiastolic, g));
            values.Add(new Value("any_severe" + g.Suffix, ValueKind.AnySevere, g));
            values.Add(new Value("highest_systolic" + g.Suffix, ValueKind.MaxSystolic, g));
            values.Add(new Value("high_readings" + g.Suffix, ValueKind.HighCount, g));
        }
        values.Add(new Value("chain_start", ValueKind.ChainStart, null));
        return new Model { Shape = shape, Groups = groups, Sections = sections, Values = values, Conditions = conditions, ItemCount = count };
    }

    /// <summary>The YAML text. Deterministic: the same shape gives the same bytes.</summary>
    public static string Generate(Shape shape) => ToYaml(Build(shape));

    public static string ToYaml(Model m)
    {
        var w = new StringBuilder(m.Shape.Items * 100);
        w.Append($"""
            id: generated-{m.Shape.Items}
            version: 1.0.0
            title: Generated questionnaire ({m.Shape.Items} items, {m.Shape.Conditions} conditions)
            items:

            """);
        foreach (var g in m.Groups)
            w.Append($"""
                  - id: {g.Id}
                    type: group
                    repeats: true
                    text: Home blood pressure readings
                    items:
                      - id: {g.Taken}
                        type: datetime
                        required: true
                      - id: {g.Systolic}
                        type: integer
                        min: 50
                        max: 300
                        unit: mmHg
                        required: true
                      - id: {g.Diastolic}
                        type: integer
                        min: 30
                        max: 200
                        unit: mmHg
                        required: true
                      - id: {g.Notes}
                        type: text
                        max_length: 200
                        enable_when: {g.Systolic} >= 180

                """);
        var n = 0;
        foreach (var (section, items) in m.Sections)
        {
            n++;
            w.Append($"""
                  - id: {section}
                    type: group
                    text: Section {n}
                    items:

                """);
            foreach (var item in items)
            {
                w.Append($"      - id: {item.Id}\n        type: {YamlType(item.Type)}\n        text: {Text(item)}\n");
                if (item.Type == Kind.Choice)
                    w.Append("        options:\n          - code: a\n            display: A\n          - code: b\n            display: B\n          - code: c\n            display: C\n");
                if (item.When is { } c) w.Append($"        enable_when: {HistoryEngineCondition(c)}\n");
            }
        }
        w.Append("values:\n");
        foreach (var v in m.Values) w.Append($"  - name: {v.Name}\n    expr: {HistoryEngineValue(v)}\n");
        var first = m.Groups[0];
        w.Append($"""
            checks:
              - id: dia-below-sys
                item: {first.Diastolic}
                assert: {first.Diastolic} < {first.Systolic}
                message: The bottom number should be lower than the top number.
              - id: hub-in-week
                item: hub
                assert: hub <= 7
                message: There are only 7 days in a week.
            rules:
              - id: severe
                when: any_severe
                level: urgent
                patient: Contact your GP practice **today**. Your highest top number was {"{{"} highest_systolic {"}}"}.
                clinician: Severe reading ({"{{"} highest_systolic {"}}"}).
                source: local
              - id: high-average
                when: reading_count >= 12 && average_systolic >= 135
                level: soon
                patient: Your average is high.
                clinician: Average {"{{"} average_systolic {"}}"} over {"{{"} reading_count {"}}"} readings.
                source: NICE NG136
              - id: active
                when: hub > 5 && chain_1 > 5
                level: routine
                patient: Keep it up.
                clinician: Active.
                source: local
            entries:
              - system: http://snomed.info/sct
                code: "413606001"
                display: Average home systolic blood pressure
                value: average_systolic
                unit: mm[Hg]
            narrative: |
              Average {"{{"} average_systolic {"}}"}/{"{{"} average_diastolic {"}}"} over {"{{"} reading_count {"}}"} readings.

            """);
        return w.ToString();
    }

    private static string Text(Item i) => i.Id switch
    {
        Hub => "How many days a week do you exercise?",
        Leaf => "Anything else?",
        _ => $"Question {i.Id}",
    };

    private static string YamlType(Kind k) => k switch
    {
        Kind.Integer => "integer", Kind.Decimal => "decimal", Kind.Boolean => "boolean", Kind.Text => "text",
        Kind.Date => "date", Kind.DateTime => "datetime", _ => "choice",
    };

    public static string HistoryEngineCondition(Condition c) => c.Kind switch
    {
        CondKind.Chain => $"{c.Ref} > 5",
        CondKind.Fan => $"{c.Ref} > 5",
        CondKind.Mixed => $"{c.Ref} && ({c.Ref2} == 'a' || {c.Ref2} == 'b') && hub >= {c.N}",
        _ => $"{c.Ref} >= 180",
    };

    /// <summary>
    /// The values, written so that all three engines agree on them: an average over no readings is 0 (SurveyJS's
    /// avgInArray gives 0), the chain sum is 0 until all three are answered.
    /// </summary>
    public static string HistoryEngineValue(Value v) => v.Kind switch
    {
        ValueKind.Count => $"count({v.Over!.Id})",
        ValueKind.AvgSystolic => $"avg({v.Over!.Id}, {v.Over.Systolic}) ?? 0",
        ValueKind.AvgDiastolic => $"avg({v.Over!.Id}, {v.Over.Diastolic}) ?? 0",
        ValueKind.AnySevere => $"any({v.Over!.Id}, {v.Over.Systolic} >= 180)",
        ValueKind.MaxSystolic => $"max({v.Over!.Id}, {v.Over.Systolic})",
        ValueKind.HighCount => $"count(filter({v.Over!.Id}, {v.Over.Systolic} >= 135))",
        _ => "sum(chain_1, chain_2, chain_3) ?? 0",
    };

    /// <summary>
    /// Every answer a patient gives, in the order the questions come, skipping the ones not shown: each reading
    /// (systolic first, then diastolic, the time, and notes when shown), then every section's questions. The answers
    /// leave some items hidden: the chain breaks at 90% (chain_k = 3), one gate in three is no and one pick in four
    /// is c, and one reading in ten has a systolic of 180 or more (so its notes are shown).
    /// </summary>
    public static List<Answer> Answers(Model m)
    {
        var answers = new List<Answer>();
        foreach (var g in m.Groups)
            for (var k = 0; k < InstancesPerGroup; k++)
            {
                var systolic = 120 + k * 7 % 70;
                answers.Add(new Answer($"{g.Id}[{k}].{g.Systolic}", systolic, g.Id, k, g.Systolic));
                answers.Add(new Answer($"{g.Id}[{k}].{g.Diastolic}", 70 + k % 20, g.Id, k, g.Diastolic));
                answers.Add(new Answer($"{g.Id}[{k}].{g.Taken}", Taken(k), g.Id, k, g.Taken));
                if (systolic >= 180) answers.Add(new Answer($"{g.Id}[{k}].{g.Notes}", "dizzy", g.Id, k, g.Notes));
            }
        var given = new Dictionary<string, object>(StringComparer.Ordinal);
        var breakAt = Math.Max(2, m.Shape.Chain * 9 / 10);
        foreach (var item in m.Questions)
        {
            if (item.When is { } c && !Shown(c, given)) continue;
            object value = item.Type switch
            {
                Kind.Integer when item.Id == Hub => 6,
                Kind.Integer when item.Id == $"chain_{breakAt}" => 3,
                Kind.Integer => 10,
                Kind.Decimal => 1.5m,
                Kind.Boolean when item.Id.StartsWith("gate_", StringComparison.Ordinal) => int.Parse(item.Id[5..], CultureInfo.InvariantCulture) / 10 % 3 != 2,
                Kind.Boolean => true,
                Kind.Text => "some text",
                Kind.Date => "2026-03-01",
                Kind.DateTime => Taken(0),
                _ => (int.Parse(item.Id[5..], CultureInfo.InvariantCulture) / 10 % 4) switch { 0 or 2 => "a", 1 => "b", _ => "c" },
            };
            given[item.Id] = value;
            answers.Add(new Answer(item.Id, value));
        }
        return answers;
    }

    private static bool Shown(Condition c, Dictionary<string, object> given) => c.Kind switch
    {
        CondKind.Chain or CondKind.Fan => given.TryGetValue(c.Ref, out var v) && v is int i && i > 5,
        CondKind.Mixed => given.TryGetValue(c.Ref, out var gate) && gate is true && given.TryGetValue(c.Ref2!, out var pick)
            && pick is "a" or "b" && given.TryGetValue(Hub, out var hub) && (int)hub >= c.N,
        _ => throw new InvalidOperationException("not a top-level condition"),
    };

    /// <summary>Writes the questionnaire to <paramref name="path"/> and returns the path.</summary>
    public static string Write(string path, Shape shape)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        File.WriteAllText(path, Generate(shape));
        return path;
    }

    /// <summary>Loads and compiles a file, and throws with every diagnostic when it has errors.</summary>
    public static QuestionnaireFile LoadClean(string path)
    {
        var file = QuestionnaireFile.Load(path);
        if (file.Compiled is null || file.HasErrors)
            throw new InvalidOperationException($"{path} does not compile:\n" + string.Join("\n", file.Diagnostics));
        return file;
    }

    /// <summary>An ISO-8601 date-time for reading k, one a day from 1 March 2026.</summary>
    public static string Taken(int k) =>
        new DateTime(2026, 3, 1, 8, 0, 0).AddHours(12 * k).ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture);
}
