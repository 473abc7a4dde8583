using System.Collections.Frozen;
using HistoryEngine.Definitions;
using HistoryEngine.Diagnostics;
using HistoryEngine.Expressions;

namespace HistoryEngine.Runtime;

/// <summary>Anything an expression can name: an item, a calculated value, or an included module.</summary>
internal abstract class Symbol(string localName, string id, SourceSpan span)
{
    /// <summary>The name as written inside its own module.</summary>
    public string LocalName { get; } = localName;
    /// <summary>The questionnaire-wide id: module prefixes joined with dots (<c>phq9.q1</c>).</summary>
    public string Id { get; } = id;
    public SourceSpan Span { get; } = span;
    public ExprType Type { get; set; } = ExprType.Error;
}

/// <summary>
/// The shape of a record: a repeating group's instance (its fields are the items inside it) or a built-in record
/// such as a flag in a template. Fields are addressed by slot.
/// </summary>
internal sealed class RecordShape(string name)
{
    public string Name { get; } = name;
    public Dictionary<string, Symbol> Fields { get; } = new(StringComparer.Ordinal);
    public List<ItemSymbol> Items { get; } = [];
    public int SlotCount { get; set; }
    /// <summary>The repeating group whose instances have this shape; null for built-in records.</summary>
    public ItemSymbol? Owner { get; init; }
    /// <summary>How many repeating groups enclose this one (0 for a top-level repeating group).</summary>
    public int Level { get; init; }
}

/// <summary>A field of a built-in record (flags and entries in templates).</summary>
internal sealed class FieldSymbol(string name, int slot, ExprType type) : Symbol(name, name, SourceSpan.None)
{
    public int Slot { get; } = slot;
    public ExprType FieldType { get; } = type;
}

internal sealed class ItemSymbol(ItemDefinition definition, string id, string localName, ItemSymbol? parent, Namespace ns)
    : Symbol(localName, id, definition.Span)
{
    public ItemDefinition Definition { get; } = definition;
    public ItemSymbol? Parent { get; } = parent;
    public Namespace Namespace { get; } = ns;
    public List<ItemSymbol> Children { get; } = [];
    /// <summary>The repeating group this item lives in; null for items answered once.</summary>
    public RecordShape? Frame { get; set; }
    /// <summary>Slot in the globals (root items) or in the instance of <see cref="Frame"/>.</summary>
    public int Slot { get; set; }
    /// <summary>Position in definition order across the whole questionnaire.</summary>
    public int Order { get; set; }
    /// <summary>For a repeating group, the shape of one instance.</summary>
    public RecordShape? InstanceShape { get; set; }
    public Expr? EnableWhen { get; set; }
    /// <summary>For a calculated item, the expression that gives its value.</summary>
    public Expr? Calculated { get; set; }
    /// <summary>For an item with an initial expression, evaluated once when a session starts.</summary>
    public Expr? InitialExpression { get; set; }
    public FrozenDictionary<string, OptionDefinition> OptionsByCode { get; set; } = FrozenDictionary<string, OptionDefinition>.Empty;
    public List<CompiledCheck> Checks { get; } = [];
    /// <summary>Graph node index of a root item; -1 inside repeating groups.</summary>
    public int Node { get; set; } = -1;

    public bool IsRoot => Frame is null;
    // Copied from the (immutable) definition, so that a session's passes over every item read only the symbol.
    public bool IsRepeating { get; } = definition.Repeats;
    public bool IsQuestion { get; } = definition.IsQuestion;
    public bool IsAnswerable { get; } = definition.IsAnswerable;
    public bool IsRequired { get; } = definition.Required;
    public ItemType ItemType => Definition.Type;
}

internal sealed class ValueSymbol(ValueDefinition definition, string id, Namespace ns) : Symbol(definition.Name, id, definition.Span)
{
    public ValueDefinition Definition { get; } = definition;
    public Namespace Namespace { get; } = ns;
    public int Slot { get; set; }
    public int Node { get; set; }
    public Expr Expression { get; set; } = null!;
    /// <summary>Binds the value's expression if it is not bound yet, so a reader sees its type whatever the order of the file.</summary>
    public Action? EnsureBound { get; set; }
}

/// <summary>The names declared by one file: the questionnaire itself or one included module.</summary>
internal sealed class Namespace(string prefix, QuestionnaireDefinition definition)
{
    /// <summary>Empty for the questionnaire, "phq9." for a module included as <c>phq9</c>.</summary>
    public string Prefix { get; } = prefix;
    public QuestionnaireDefinition Definition { get; } = definition;
    public Dictionary<string, Symbol> Names { get; } = new(StringComparer.Ordinal);
    public Rendering.Template? Narrative { get; set; }
}

internal sealed class ModuleSymbol(ItemSymbol group, Namespace inner) : Symbol(group.LocalName, group.Id, group.Span)
{
    public ItemSymbol Group { get; } = group;
    public Namespace Inner { get; } = inner;
}
