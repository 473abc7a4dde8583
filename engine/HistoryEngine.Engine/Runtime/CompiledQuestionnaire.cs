using System.Collections.Frozen;
using System.Security.Cryptography;
using System.Text;
using HistoryEngine.Definitions;

namespace HistoryEngine.Runtime;

/// <summary>
/// A checked, compiled questionnaire, identified by id, version and content hash. Immutable and safe to share
/// across threads; each patient gets a cheap <see cref="Session"/> of their own from <see cref="CreateSession"/>.
/// </summary>
public sealed class CompiledQuestionnaire
{
    internal CompiledQuestionnaire(QuestionnaireDefinition definition, Namespace root, List<ItemSymbol> items,
        List<ValueSymbol> values, List<CompiledRule> rules, List<CompiledCheck> checks, List<CompiledEntry> entries,
        List<Page> pages, DependencyGraph graph, int globalSlots, Dictionary<Runtime.RecordShape, ItemSymbol[]> frameOrders)
    {
        Definition = definition;
        Root = root;
        Items = items;
        Values = values;
        Rules = rules;
        Checks = checks;
        Entries = entries;
        Pages = pages;
        Graph = graph;
        GlobalSlots = globalSlots;
        FrameOrders = frameOrders;
        ItemsById = items.ToFrozenDictionary(i => i.Id, StringComparer.Ordinal);
        ItemsBySpan = ItemsById.GetAlternateLookup<ReadOnlySpan<char>>();
        Hash = ComputeHash(definition);
    }

    public QuestionnaireDefinition Definition { get; }

    /// <summary>True when the questionnaire reads the patient's record (an x-fhir-query searching their Observations, or
    /// a native <c>last_value</c> / <c>last_date</c>):
    /// give the session <see cref="PatientContext.Observations"/>; otherwise they are not read.</summary>
    public bool ReadsPatientRecord => ReadsRecordValues || Definition.SearchesRecord;

    /// <summary>True when a native expression reads the record (<c>last_value</c>, <c>last_date</c>).</summary>
    internal bool ReadsRecordValues { get; init; }
    public string Id => Definition.Id;

    /// <summary>Whether the file defines a rule with this id (an included module's rules are its own file's).</summary>
    public bool HasRule(string id) => Definition.Rules.Any(r => r.Id == id);

    /// <summary>
    /// What a clinician may file for an entry this questionnaire (or a module it includes) proposes under this code,
    /// in any of its codings: the file's <c>min</c> and <c>max</c>, and whether the value is a whole number. Null
    /// when no entry has the code.
    /// </summary>
    public EntryRange? RangeOf(string system, string code) =>
        Entries.FirstOrDefault(e => e.Codings.Any(c => c.System == system && c.Code == code)) is { } entry
            ? new EntryRange(entry.Definition.Min, entry.Definition.Max, entry.Value?.Type.IsInteger == true)
            : null;

    /// <summary>
    /// The questions a rule of this file reads, directly or through the values it reads, in questionnaire order: what
    /// the red-flag matrix lists as the questions behind a flag. A question inside a repeating group is listed as its
    /// group.
    /// </summary>
    public IReadOnlyList<ItemInfo> QuestionsReadBy(string ruleId)
    {
        if (Rules.FirstOrDefault(r => r.Id == ruleId) is not { } rule) return [];
        var inputs = new List<int>[Graph.Nodes.Length];
        for (var i = 0; i < inputs.Length; i++) inputs[i] = [];
        for (var source = 0; source < Graph.Dependents.Length; source++)
            foreach (var reader in Graph.Dependents[source]) inputs[reader].Add(source);
        var found = new SortedSet<int>();
        var seen = new HashSet<int> { rule.Node };
        var queue = new Queue<int>([rule.Node]);
        while (queue.TryDequeue(out var node))
            foreach (var input in inputs[node].Where(seen.Add))
            {
                // Stop at a question: what enables it is not what the rule reads.
                if (Graph.Nodes[input].Kind == NodeKind.Item) found.Add(input);
                else if (Graph.Nodes[input].Kind == NodeKind.Value) queue.Enqueue(input);
            }
        return [.. found.Select(n => ItemsById[Graph.Nodes[n].Name]).OrderBy(i => i.Order).Select(i => new ItemInfo(i))];
    }
    public string Version => Definition.Version;
    public string Title => Definition.Title;
    /// <summary>SHA-256 of the file and every file it includes, in hex: which exact text a submission was answered with.</summary>
    public string Hash { get; }
    public IReadOnlyList<Page> Pages { get; }

    internal Namespace Root { get; }
    internal List<ItemSymbol> Items { get; }
    internal List<ValueSymbol> Values { get; }
    internal List<CompiledRule> Rules { get; }
    internal List<CompiledCheck> Checks { get; }
    internal List<CompiledEntry> Entries { get; }
    internal DependencyGraph Graph { get; }
    internal int GlobalSlots { get; }
    internal Dictionary<RecordShape, ItemSymbol[]> FrameOrders { get; }
    internal FrozenDictionary<string, ItemSymbol> ItemsById { get; }
    /// <summary><see cref="ItemsById"/> looked up by a part of a path, without making it a string.</summary>
    internal FrozenDictionary<string, ItemSymbol>.AlternateLookup<ReadOnlySpan<char>> ItemsBySpan { get; }

    /// <summary>The item ids in definition order, groups and display items included.</summary>
    public IEnumerable<string> ItemIds => Items.Select(i => i.Id);

    /// <summary>
    /// Starts a session for one patient, with the clock it should read (the system clock if none) and what the practice
    /// already knows about them (nothing if none: every <c>patient.*</c> name is then unknown).
    /// </summary>
    public Session CreateSession(TimeProvider? clock = null, PatientContext? patient = null) =>
        new(this, clock ?? TimeProvider.System, patient ?? PatientContext.None);

    /// <summary>Describes one item for a page renderer.</summary>
    /// <summary>The values the file marks for the clinician (<c>clinician_label</c>), modules' by their qualified
    /// names, in the order they are declared: the key scores shown beside the flags.</summary>
    public IReadOnlyList<ValueInfo> ClinicianValues => _clinicianValues ??=
        [.. Values.Where(v => v.Definition.ClinicianLabel is not null)
            .Select(v => new ValueInfo(v.Id, v.Definition.ClinicianLabel!, v.Definition.Description)
            {
                Module = v.Namespace.Prefix.Length == 0 ? null : v.Namespace.Prefix[..^1],
            })];

    // Worked out on first use and kept: two threads racing both compute the same list, and either may be kept.
    private IReadOnlyList<ValueInfo>? _clinicianValues;

    public ItemInfo? GetItem(string id) => ItemsById.TryGetValue(id, out var s) ? new ItemInfo(s) : null;

    private static string ComputeHash(QuestionnaireDefinition definition)
    {
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var file in definition.SourceFiles)
            foreach (var part in new[] { file.RelativePath, file.Text })
            {
                var bytes = Encoding.UTF8.GetBytes(part);
                sha.AppendData(BitConverter.GetBytes(bytes.Length));
                sha.AppendData(bytes);
            }
        return Convert.ToHexStringLower(sha.GetHashAndReset());
    }
}

/// <summary>A named value by its questionnaire-wide name (<c>phq9.total</c>), with the file's label and description.</summary>
public sealed record ValueInfo(string Name, string Label, string? Description)
{
    /// <summary>The id of the included module's group the value belongs to (<c>phq9</c>); null for the file's own.</summary>
    public string? Module { get; init; }
}

/// <summary>A read-only view of one item, for code that renders pages (the site) or exports (FHIR).</summary>
public sealed class ItemInfo
{
    internal ItemInfo(ItemSymbol symbol) => Symbol = symbol;
    internal ItemSymbol Symbol { get; }

    public string Id => Symbol.Id;
    public ItemDefinition Definition => Symbol.Definition;
    public ItemType Type => Symbol.ItemType;
    public bool IsRepeating => Symbol.IsRepeating;
    public IEnumerable<ItemInfo> Children => Symbol.Children.Select(c => new ItemInfo(c));
    public string? ParentId => Symbol.Parent?.Id;
}
