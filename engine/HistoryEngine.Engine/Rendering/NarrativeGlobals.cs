using HistoryEngine.Expressions;
using HistoryEngine.Runtime;

namespace HistoryEngine.Rendering;

/// <summary>
/// The names a narrative template has beyond the questionnaire's own: <c>flags</c> (each with rule, level,
/// patient, clinician, source), <c>entries</c> (system, code, display, value, unit) and <c>questionnaire</c>
/// (id, title, version).
/// </summary>
internal static class NarrativeGlobals
{
    public static readonly RecordShape Flag = Record("flag", "rule", "level", "patient", "clinician", "source");
    public static readonly RecordShape Entry = Record("entry", "system", "code", "display", "value", "unit");
    public static readonly RecordShape Questionnaire = Record("questionnaire", "id", "title", "version");

    public static readonly RecordShape Globals = BuildGlobals();

    private static RecordShape Record(string name, params string[] fields)
    {
        var shape = new RecordShape(name);
        foreach (var f in fields) shape.Fields[f] = new FieldSymbol(f, shape.SlotCount++, ExprType.Text);
        return shape;
    }

    private static RecordShape BuildGlobals()
    {
        var shape = new RecordShape("narrative");
        shape.Fields["flags"] = new FieldSymbol("flags", 0, ExprType.ListOf(Flag));
        shape.Fields["entries"] = new FieldSymbol("entries", 1, ExprType.ListOf(Entry));
        shape.Fields["questionnaire"] = new FieldSymbol("questionnaire", 2, ExprType.RecordOf(Questionnaire));
        shape.SlotCount = 3;
        return shape;
    }
}
