using HistoryEngine.Diagnostics;

namespace HistoryEngine.Runtime;

/// <summary>
/// Which node reads which, for the items answered once, the values, the rules and the checks. Built once at
/// compile time; after an answer a session re-evaluates only the nodes downstream of it, in this order.
/// </summary>
internal sealed class DependencyGraph
{
    private DependencyGraph(GraphNode[] nodes, int[][] dependents)
    {
        Nodes = nodes;
        Dependents = dependents;
    }

    /// <summary>
    /// Every node, each after all the nodes it reads: a node's number is its position in dependency order, so it
    /// reads only nodes with lower numbers.
    /// </summary>
    public GraphNode[] Nodes { get; }
    /// <summary>For each node, the nodes that read it directly, in increasing order (all higher than the node).</summary>
    public int[][] Dependents { get; }

    public static DependencyGraph? Build(List<ItemSymbol> items, List<ValueSymbol> values, List<CompiledRule> rules,
        List<CompiledCheck> checks, Dictionary<Symbol, HashSet<Symbol>> reads, DiagnosticBag diagnostics)
    {
        var nodes = new List<GraphNode>();
        var nodeOf = new Dictionary<Symbol, int>();
        var inputs = new List<HashSet<int>>();
        int Add(NodeKind kind, int index, string name, Symbol key)
        {
            nodeOf[key] = nodes.Count;
            nodes.Add(new GraphNode(kind, index, name));
            inputs.Add([]);
            return nodes.Count - 1;
        }
        var roots = items.Where(i => i.IsRoot).ToList();
        foreach (var item in roots) item.Node = Add(NodeKind.Item, item.Order, item.Id, item);
        for (var i = 0; i < values.Count; i++) values[i].Node = Add(NodeKind.Value, i, values[i].Id, values[i]);
        for (var i = 0; i < rules.Count; i++) rules[i].Node = Add(NodeKind.Rule, i, rules[i].Id, rules[i].Owner);
        for (var i = 0; i < checks.Count; i++)
            if (checks[i].Item is null || checks[i].Item!.IsRoot) checks[i].Node = Add(NodeKind.Check, i, checks[i].Id, checks[i].Owner);

        // Anything read inside a repeating group is an input of the top-level group that holds it.
        Symbol NodeSymbol(ItemSymbol item)
        {
            while (item.Frame is not null) item = item.Frame.Owner!;
            return item;
        }
        void Link(Symbol owner, IEnumerable<Symbol> read)
        {
            var target = nodeOf[owner];
            foreach (var r in read)
            {
                var source = r is ItemSymbol ri ? NodeSymbol(ri) : r;
                // A node that reads itself stays in the graph as a loop, which the ordering reports.
                if (nodeOf.TryGetValue(source, out var s)) inputs[target].Add(s);
            }
        }
        foreach (var item in items)
        {
            var owner = NodeSymbol(item);
            if (item.Parent is { } parent && item.IsRoot) inputs[nodeOf[item]].Add(nodeOf[parent]);
            if (reads.TryGetValue(item, out var r)) Link(owner, r);
        }
        foreach (var v in values) if (reads.TryGetValue(v, out var r)) Link(v, r);
        foreach (var rule in rules) if (reads.TryGetValue(rule.Owner, out var r)) Link(rule.Owner, r);
        foreach (var check in checks)
        {
            Symbol owner = check.Node >= 0 ? check.Owner : NodeSymbol(check.Item!);
            if (reads.TryGetValue(check.Owner, out var r)) Link(owner, r);
            // A check runs only while its item is enabled, so it reads the item even when its assert does not.
            if (check.Node >= 0 && check.Item is { } checkedItem) inputs[check.Node].Add(checkedItem.Node);
        }

        var ids = Enumerable.Range(0, nodes.Count).ToList();
        var order = TopologicalOrder(ids, ids.ToDictionary(i => i, i => (IEnumerable<int>)inputs[i]), diagnostics,
            i => nodes[i].Name, i => SpanOf(nodes[i], items, values, rules, checks));
        if (order is null) return null;
        // Renumber the nodes by their position in that order: then a propagation, which goes forward in the order,
        // walks the node arrays forward too, and a node's dependents all have higher numbers than it.
        var id = new int[nodes.Count];
        for (var i = 0; i < order.Length; i++) id[order[i]] = i;
        foreach (var item in roots) item.Node = id[item.Node];
        foreach (var value in values) value.Node = id[value.Node];
        foreach (var rule in rules) rule.Node = id[rule.Node];
        foreach (var check in checks) if (check.Node >= 0) check.Node = id[check.Node];
        var dependents = new List<int>[nodes.Count];
        for (var i = 0; i < nodes.Count; i++) dependents[i] = [];
        for (var i = 0; i < nodes.Count; i++) foreach (var s in inputs[i]) dependents[id[s]].Add(id[i]);
        foreach (var d in dependents) d.Sort();
        return new DependencyGraph([.. order.Select(o => nodes[o])], [.. dependents.Select(d => d.ToArray())]);
    }

    private static SourceSpan SpanOf(GraphNode n, List<ItemSymbol> items, List<ValueSymbol> values, List<CompiledRule> rules, List<CompiledCheck> checks) =>
        n.Kind switch
        {
            NodeKind.Item => items[n.Index].Span,
            NodeKind.Value => values[n.Index].Span,
            NodeKind.Rule => rules[n.Index].Definition.Span,
            _ => checks[n.Index].Definition.Span,
        };

    /// <summary>Kahn's algorithm, keeping the given order where it is free to. A loop is one diagnostic.</summary>
    public static T[]? TopologicalOrder<T>(IReadOnlyList<T> nodes, IReadOnlyDictionary<T, IEnumerable<T>> inputsOf, DiagnosticBag diagnostics,
        Func<T, string>? name = null, Func<T, SourceSpan>? span = null) where T : notnull
    {
        var pending = nodes.ToDictionary(n => n, n => inputsOf[n].Distinct().Count());
        var readers = nodes.ToDictionary(n => n, _ => new List<T>());
        foreach (var n in nodes) foreach (var i in inputsOf[n].Distinct()) readers[i].Add(n);
        var position = nodes.Select((n, i) => (n, i)).ToDictionary(p => p.n, p => p.i);
        var ready = new PriorityQueue<T, int>(nodes.Where(n => pending[n] == 0).Select(n => (n, position[n])));
        var result = new List<T>(nodes.Count);
        while (ready.TryDequeue(out var n, out _))
        {
            result.Add(n);
            foreach (var r in readers[n])
                if (--pending[r] == 0) ready.Enqueue(r, position[r]);
        }
        if (result.Count == nodes.Count) return [.. result];
        var stuck = nodes.Where(n => pending[n] > 0).ToList();
        var names = stuck.Select(n => name?.Invoke(n) ?? (n is Symbol s ? s.Id : n.ToString()!)).Take(8);
        var at = span?.Invoke(stuck[0]) ?? (stuck[0] is Symbol sym ? sym.Span : SourceSpan.None);
        diagnostics.Report(at, Codes.Cycle, string.Join(", ", names));
        return null;
    }
}
