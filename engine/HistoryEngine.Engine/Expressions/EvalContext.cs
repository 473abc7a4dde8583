using HistoryEngine.Runtime;

namespace HistoryEngine.Expressions;

/// <summary>A record value at run time: one repeating-group instance, or a flag or entry in a template.</summary>
internal sealed class RecordValue(RecordShape shape, object?[] values)
{
    public RecordShape Shape { get; } = shape;
    public object?[] Values { get; } = values;
    /// <summary>The instance's position in its group, counted from 0.</summary>
    public int Index { get; init; }
}

/// <summary>
/// What an expression reads while it is evaluated: the questionnaire-wide slots, the instances of the repeating
/// groups it is inside, the session's clock and the patient's context. One per session; not thread-safe.
/// </summary>
internal sealed class EvalContext(object?[] globals, TimeProvider clock, PatientContext patient)
{
    private object?[][] _frames = new object?[4][];
    private int[] _frameIndices = new int[4];

    public object?[] Globals { get; set; } = globals;
    public TimeProvider Clock { get; } = clock;

    /// <summary>What the practice knows about the patient; it does not change during a session.</summary>
    public PatientContext Patient { get; } = patient;

    /// <summary>Wall-clock time where the practice is, which is what patients write in their answers.</summary>
    public DateTime Now => Clock.GetLocalNow().DateTime;

    public object?[] Frame(int level) => _frames[level];

    /// <summary>A copy of the frames, for code that renders a nested template inside a loop of another.</summary>
    public object?[][] SaveFrames() => (object?[][])_frames.Clone();

    public void RestoreFrames(object?[][] frames) => _frames = frames;

    public void SetFrame(int level, object?[] values)
    {
        if (level >= _frames.Length) Array.Resize(ref _frames, Math.Max(level + 1, _frames.Length * 2));
        _frames[level] = values;
    }

    /// <summary>Sets a repeating-group instance's frame and its position in its group (which FHIRPath's %context needs).</summary>
    public void SetFrame(int level, object?[] values, int index)
    {
        SetFrame(level, values);
        if (level >= _frameIndices.Length) Array.Resize(ref _frameIndices, Math.Max(level + 1, _frameIndices.Length * 2));
        _frameIndices[level] = index;
    }

    /// <summary>The position in its group of the instance whose frame is at <paramref name="level"/>.</summary>
    public int FrameIndex(int level) => level < _frameIndices.Length ? _frameIndices[level] : 0;
}
