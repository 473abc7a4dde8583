using HistoryEngine.Expressions;

namespace HistoryEngine.Runtime;

/// <summary>One instance of a repeating group in a session: its answers, and what was worked out from them.</summary>
internal sealed class InstanceState
{
    public InstanceState(RecordShape shape)
    {
        Raw = new object?[shape.SlotCount];
        Errors = new AnswerError?[shape.SlotCount];
        Enabled = new bool[shape.SlotCount];
    }

    /// <summary>A new instance as the patient first sees it: with each item's initial answer, if it has one.</summary>
    public static InstanceState Create(RecordShape shape)
    {
        var state = new InstanceState(shape);
        foreach (var item in shape.Items)
            if (!item.IsRepeating && item.Definition.Initial is { } initial) state.Raw[item.Slot] = AnswerConverter.Convert(item, initial).Value;
        return state;
    }

    /// <summary>Answers by slot; a nested repeating group's slot holds a <c>List&lt;InstanceState&gt;</c>.</summary>
    public object?[] Raw { get; }
    public AnswerError?[] Errors { get; }
    public bool[] Enabled { get; }
    public RecordValue? Effective { get; set; }
    public Dictionary<CompiledCheck, bool> FailedChecks { get; } = [];

    public List<InstanceState> Nested(ItemSymbol group) => (List<InstanceState>)(Raw[group.Slot] ??= new List<InstanceState>());
}
