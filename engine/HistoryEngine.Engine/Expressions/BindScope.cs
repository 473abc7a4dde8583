using HistoryEngine.Runtime;

namespace HistoryEngine.Expressions;

/// <summary>
/// What names mean where an expression is written: the names of its file (questionnaire or module), the fields
/// of the repeating-group instances it is inside, and template loop variables. Each frame has a fixed level, the
/// index the evaluator uses for it.
/// </summary>
internal sealed class BindScope
{
    private BindScope(Namespace ns, BindScope? outer, int level)
    {
        Namespace = ns;
        Outer = outer;
        Level = level;
    }

    public Namespace Namespace { get; }
    public BindScope? Outer { get; }
    /// <summary>The frame level this scope binds, or -1 for the root.</summary>
    public int Level { get; }
    public RecordShape? Shape { get; private init; }
    public string? LocalName { get; private init; }
    public ExprType? LocalType { get; private init; }

    /// <summary>The first frame level free for a nested aggregate or loop.</summary>
    public int NextLevel => Level + 1;

    public static BindScope Root(Namespace ns) => new(ns, null, -1);

    /// <summary>A scope whose level-0 frame holds template-only names such as <c>flags</c>.</summary>
    public static BindScope TemplateRoot(Namespace ns, RecordShape globals) => new(ns, Root(ns), 0) { Shape = globals };

    public BindScope Instance(RecordShape shape) => new(Namespace, this, NextLevel) { Shape = shape };

    public BindScope Local(string name, ExprType type) => new(Namespace, this, NextLevel) { LocalName = name, LocalType = type };

    /// <summary>The scope for expressions written on items inside <paramref name="item"/>'s repeating groups.</summary>
    public static BindScope ForItem(ItemSymbol item)
    {
        var chain = new Stack<RecordShape>();
        for (var frame = item.Frame; frame is not null; frame = frame.Owner!.Frame) chain.Push(frame);
        var scope = Root(item.Namespace);
        while (chain.Count > 0) scope = scope.Instance(chain.Pop());
        return scope;
    }
}
