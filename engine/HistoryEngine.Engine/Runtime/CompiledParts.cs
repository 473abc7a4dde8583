using HistoryEngine.Definitions;
using HistoryEngine.Expressions;
using HistoryEngine.Rendering;

namespace HistoryEngine.Runtime;

internal sealed class CompiledRule(RuleDefinition definition, Symbol owner, Expr when)
{
    public RuleDefinition Definition { get; } = definition;
    /// <summary>Stands for the rule in the dependency graph's read table.</summary>
    public Symbol Owner { get; } = owner;
    public string Id => Owner.Id;
    public Expr When { get; } = when;
    public FlagLevel Level => Definition.Level;
    public Template? Patient { get; set; }
    public Template? Clinician { get; set; }
    public int Node { get; set; }
    /// <summary>For a module's rule, the group that includes the module: the rule fires only while it is enabled.</summary>
    public ItemSymbol? Module { get; init; }
}

internal sealed class CompiledCheck(CheckDefinition definition, Symbol owner, ItemSymbol? item, Expr assert)
{
    public CheckDefinition Definition { get; } = definition;
    public Symbol Owner { get; } = owner;
    public string Id => Owner.Id;
    /// <summary>The item the message is shown next to; null for a check on the whole questionnaire.</summary>
    public ItemSymbol? Item { get; } = item;
    public Expr Assert { get; } = assert;
    public Template Message { get; set; } = Template.Empty;
    /// <summary>Graph node for checks answered once; -1 for checks inside a repeating group.</summary>
    public int Node { get; set; } = -1;
}

internal sealed class CompiledEntry(EntryDefinition definition, Expr? value, Expr? when, Expr? taken)
{
    public EntryDefinition Definition { get; } = definition;
    /// <summary>Built once: every session's proposed entries share it.</summary>
    public IReadOnlyList<EntryCoding> Codings { get; } = [.. definition.Codings.Select(c => new EntryCoding(c.System, c.Code, c.Display))];
    public Expr? Value { get; } = value;
    public Expr? When { get; } = when;
    /// <summary>The day the value was taken (a date), or null when the entry is dated by its filing.</summary>
    public Expr? Taken { get; } = taken;
    public EntryCoding? Panel { get; } = definition.Panel is { } p ? new EntryCoding(p.System, p.Code, p.Display) : null;
    /// <summary>For a module's entry, the group that includes the module: the entry is proposed only while it is enabled.</summary>
    public ItemSymbol? Module { get; init; }
}

/// <summary>One page of the patient journey: the top-level items shown together.</summary>
public sealed class Page
{
    internal Page(string id, string? title, string? section, IReadOnlyList<ItemSymbol> items)
    {
        Id = id;
        Title = title;
        Section = section;
        Symbols = items;
    }

    public string Id { get; }
    public string? Title { get; }
    /// <summary>The section of the journey the page is in: its own <c>section</c>, or that of the page before it; a
    /// module's pages are in the section of the page that includes it. Null when the file names no sections.</summary>
    public string? Section { get; }
    internal IReadOnlyList<ItemSymbol> Symbols { get; }
    /// <summary>The ids of the top-level items on the page, in order.</summary>
    public IEnumerable<string> ItemIds => Symbols.Select(s => s.Id);
}

internal enum NodeKind { Item, Value, Rule, Check }

internal readonly record struct GraphNode(NodeKind Kind, int Index, string Name);
