using System.Numerics;
using HistoryEngine.Diagnostics;
using HistoryEngine.Expressions;

namespace HistoryEngine.Runtime;

/// <summary>
/// One patient's answers to one compiled questionnaire, and everything worked out from them: which items are
/// enabled, the errors, values and flags. After an answer only what depends on it is re-evaluated. A session is
/// cheap and belongs to one patient; it is not thread-safe.
/// </summary>
public sealed partial class Session
{
    private readonly CompiledQuestionnaire _q;
    private readonly object?[] _globals;
    private readonly EvalContext _context;
    private readonly object?[] _raw;
    private readonly AnswerError?[] _errors;
    private readonly bool[] _enabled;
    private readonly bool[] _ruleFired;
    private readonly bool[] _checkFailed;
    /// <summary>The nodes waiting to be re-evaluated in a propagation, one bit each (empty between answers).</summary>
    private readonly ulong[] _pending;
    private readonly List<AnswerError> _unknown = [];
    /// <summary>
    /// Set by an answer inside one instance of a top-level repeating group (or by adding or removing the last
    /// instance) just before the group's node is re-evaluated: then only that instance is worked out again. The
    /// others cannot have changed: nothing else changed before the group's node, and an instance cannot read its
    /// own group or anything worked out from it (that would be a loop, which the compiler refuses).
    /// </summary>
    private (ItemSymbol Group, int Instance)? _onlyInstance;

    internal Session(CompiledQuestionnaire questionnaire, TimeProvider clock, PatientContext patient)
    {
        _q = questionnaire;
        Patient = patient;
        _globals = new object?[questionnaire.GlobalSlots];
        _context = new EvalContext(_globals, clock, patient);
        _raw = new object?[questionnaire.Items.Count];
        _errors = new AnswerError?[questionnaire.Items.Count];
        _enabled = new bool[questionnaire.Items.Count];
        _ruleFired = new bool[questionnaire.Rules.Count];
        _checkFailed = new bool[questionnaire.Checks.Count];
        _pending = new ulong[(questionnaire.Graph.Nodes.Length + 63) >> 6];
        foreach (var item in questionnaire.Items.Where(i => i.IsRoot))
        {
            if (item.IsRepeating) _raw[item.Order] = new List<InstanceState>();
            else if (item.Definition.Initial is { } initial) _raw[item.Order] = AnswerConverter.Convert(item, initial).Value;
        }
        RecomputeAll();
        if (ApplyInitialExpressions()) RecomputeAll();
    }

    public CompiledQuestionnaire Questionnaire => _q;

    /// <summary>What the practice knew about the patient when the session started (expressions read it as <c>patient.*</c>).</summary>
    public PatientContext Patient { get; }

    /// <summary>When false, every answer re-evaluates everything: only for measuring what the graph saves.</summary>
    internal bool Incremental { get; set; } = true;

    /// <summary>True once an emergency rule has fired: the questionnaire stops and tells the patient what to do.</summary>
    public bool Stopped
    {
        get
        {
            for (var i = 0; i < _ruleFired.Length; i++)
                if (_ruleFired[i] && _q.Rules[i].Level == Definitions.FlagLevel.Emergency) return true;
            return false;
        }
    }

    /// <summary>Re-evaluates every node in dependency order.</summary>
    internal void RecomputeAll()
    {
        for (var node = 0; node < _q.Graph.Nodes.Length; node++) Recompute(node);
    }

    /// <summary>
    /// Re-evaluates <paramref name="start"/> and, as far as values change, what depends on it: each node at most
    /// once, after every node it reads that changed. Nodes are numbered in dependency order (a node's dependents
    /// have higher numbers), so the pending nodes are a bitset walked forward once, from the start to the last node
    /// made pending.
    /// </summary>
    private void Propagate(int start)
    {
        if (!Incremental) { _onlyInstance = null; RecomputeAll(); return; }
        var graph = _q.Graph;
        var dependents = graph.Dependents;
        var pending = _pending;
        pending[start >> 6] |= 1UL << start;
        var last = start;
        try
        {
            for (var w = start >> 6; w <= last >> 6; w++)
            {
                // Bits set while this word is walked are above the one just taken (dependents have higher numbers).
                while (pending[w] != 0)
                {
                    var node = (w << 6) + BitOperations.TrailingZeroCount(pending[w]);
                    pending[w] &= pending[w] - 1;
                    var changed = Recompute(node);
                    _onlyInstance = null;
                    if (!changed) continue;
                    foreach (var d in dependents[node])
                    {
                        pending[d >> 6] |= 1UL << d;
                        if (d > last) last = d;
                    }
                }
            }
        }
        catch
        {
            // Leave nothing pending for the next answer.
            Array.Clear(pending);
            _onlyInstance = null;
            throw;
        }
    }

    /// <summary>Evaluates one node; true when its result changed.</summary>
    private bool Recompute(int node)
    {
        var n = _q.Graph.Nodes[node];
        switch (n.Kind)
        {
            case NodeKind.Item:
                return RecomputeItem(_q.Items[n.Index]);
            case NodeKind.Value:
                var value = _q.Values[n.Index];
                var before = _globals[value.Slot];
                _globals[value.Slot] = value.Expression.Eval(_context);
                return !Values.AreEqual(before, _globals[value.Slot]);
            case NodeKind.Rule:
                var rule = _q.Rules[n.Index];
                var fired = (rule.Module is null || EnabledAnywhere(rule.Module)) && rule.When.IsTrue(_context);
                var changed = fired != _ruleFired[n.Index];
                _ruleFired[n.Index] = fired;
                return changed;
            default:
                var check = _q.Checks[n.Index];
                var failed = (check.Item is null || _enabled[check.Item.Order]) && check.Assert.Eval(_context) is false;
                var was = _checkFailed[n.Index];
                _checkFailed[n.Index] = failed;
                return failed != was;
        }
    }

    private bool RecomputeItem(ItemSymbol item)
    {
        var enabled = (item.Parent is null || _enabled[item.Parent.Order]) && (item.EnableWhen is null || item.EnableWhen.IsTrue(_context));
        var wasEnabled = _enabled[item.Order];
        _enabled[item.Order] = enabled;
        var before = _globals[item.Slot];
        object? value;
        if (item.IsRepeating)
        {
            var instances = (List<InstanceState>)_raw[item.Order]!;
            value = _onlyInstance is { } only && only.Group == item && enabled && wasEnabled && before is RecordValue[] previous
                && (previous.Length == instances.Count && only.Instance >= 0 && only.Instance < instances.Count // changed
                    || previous.Length == instances.Count - 1 && only.Instance == previous.Length // added at the end
                    || previous.Length == instances.Count + 1 && only.Instance == instances.Count) // removed from the end
                    ? EvaluateOneInstance(item, instances, previous, only.Instance)
                    : EvaluateInstances(item, instances, enabled, 0);
        }
        else if (!item.IsQuestion) value = Expr.Box(enabled);
        else if (item.Calculated is not null) value = _raw[item.Order] = enabled ? item.Calculated.Eval(_context) : null;
        else value = enabled && _errors[item.Order] is null ? _raw[item.Order] : null;
        _globals[item.Slot] = value;
        return item.IsRepeating || enabled != wasEnabled || !Values.AreEqual(before, value);
    }

    /// <summary>Works out every instance of a repeating group: enabled items, effective values and checks.</summary>
    private IReadOnlyList<RecordValue> EvaluateInstances(ItemSymbol group, List<InstanceState> instances, bool groupEnabled, int level)
    {
        if (!groupEnabled) return [];
        var order = _q.FrameOrders[group.InstanceShape!];
        var result = new RecordValue[instances.Count];
        for (var k = 0; k < instances.Count; k++) result[k] = EvaluateInstance(group, instances[k], k, order, level);
        return result;
    }

    /// <summary>
    /// The group's instances when only instance <paramref name="k"/> changed, was added at the end or (k = the old
    /// count - 1, now gone) removed from the end: the others' records are kept as they are, in a new list.
    /// </summary>
    private RecordValue[] EvaluateOneInstance(ItemSymbol group, List<InstanceState> instances, RecordValue[] previous, int k)
    {
        var result = new RecordValue[instances.Count];
        Array.Copy(previous, result, Math.Min(previous.Length, result.Length));
        if (k < instances.Count) result[k] = EvaluateInstance(group, instances[k], k, _q.FrameOrders[group.InstanceShape!], 0);
        return result;
    }

    private RecordValue EvaluateInstance(ItemSymbol group, InstanceState state, int k, ItemSymbol[] order, int level)
    {
        var shape = group.InstanceShape!;
        {
            var values = new object?[shape.SlotCount];
            _context.SetFrame(level, values, k);
            foreach (var item in order)
            {
                var parentEnabled = item.Parent == group || state.Enabled[item.Parent!.Slot];
                var enabled = parentEnabled && (item.EnableWhen is null || item.EnableWhen.IsTrue(_context));
                state.Enabled[item.Slot] = enabled;
                if (item.IsRepeating)
                {
                    values[item.Slot] = EvaluateInstances(item, state.Nested(item), enabled, level + 1);
                    _context.SetFrame(level, values, k);
                }
                else if (!item.IsQuestion) values[item.Slot] = Expr.Box(enabled);
                else if (item.Calculated is not null) values[item.Slot] = state.Raw[item.Slot] = enabled ? item.Calculated.Eval(_context) : null;
                else values[item.Slot] = enabled && state.Errors[item.Slot] is null ? state.Raw[item.Slot] : null;
            }
            state.FailedChecks.Clear();
            foreach (var item in shape.Items)
                foreach (var check in item.Checks)
                    if (state.Enabled[item.Slot] && check.Assert.Eval(_context) is false) state.FailedChecks[check] = true;
            return state.Effective = new RecordValue(shape, values) { Index = k };
        }
    }
}
