using System.Collections.Frozen;

namespace HistoryEngine.Expressions;

/// <summary>
/// The codes and questionnaires a care plan declares: while a plan is compiled, the record functions accept a code
/// only by a declared name (or as a declared 'system|code'), and a questionnaire only by a declared id, so an unknown
/// one is refused at load with its position. Questionnaires compile with none set, and keep 'system|code' as before.
/// It is ambient (one compile on one thread of control) because the binder is made in three places that know
/// nothing of care plans.
/// </summary>
internal sealed class RecordVocabulary(FrozenDictionary<string, (string System, string Code)> codes, FrozenSet<string> questionnaires)
{
    private static readonly AsyncLocal<RecordVocabulary?> Ambient = new();

    public static RecordVocabulary? Current => Ambient.Value;

    public FrozenDictionary<string, (string System, string Code)> Codes { get; } = codes;
    public FrozenSet<string> Questionnaires { get; } = questionnaires;

    /// <summary>Sets this vocabulary for the compile that runs inside the returned scope.</summary>
    public IDisposable Use()
    {
        var before = Ambient.Value;
        Ambient.Value = this;
        return new Restore(() => Ambient.Value = before);
    }

    private sealed class Restore(Action undo) : IDisposable
    {
        public void Dispose() => undo();
    }
}
