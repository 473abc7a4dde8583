using System.Collections.Immutable;
using HistoryEngine.Diagnostics;

namespace HistoryEngine.Definitions.Yaml;

// Entries: one coding (system, code, display on the entry) or several codings of the same thing (a `codings` list,
// the primary first). Not both: which one would be the primary is then a guess.
internal sealed partial class YamlQuestionnaireReader
{
    private static readonly string[] EntryKeys = ["id", "system", "code", "display", "codings", "value", "unit", "when", "taken", "min", "max", "panel"];
    private static readonly string[] CodingKeys = ["system", "code", "display"];

    private EntryDefinition? ReadEntry(YNode node)
    {
        var f = new CheckedMapping(node, "an entry", EntryKeys, diagnostics);
        if (!f.IsMapping) return null;
        EntryDefinition entry;
        if (f.Has("codings"))
        {
            var codings = ReadCodings(f);
            var primary = codings.IsEmpty ? new CodingDefinition("", "", "", f.Span) : codings[0];
            entry = new EntryDefinition(primary.System, primary.Code, primary.Display, f.Span) { Codings = codings.IsEmpty ? [primary] : codings };
        }
        else
        {
            entry = new EntryDefinition(f.RequiredString("system"), f.RequiredString("code"), f.RequiredString("display"), f.Span);
            entry = entry with { Codings = [new CodingDefinition(entry.System, entry.Code, entry.Display, f.ValueSpan("code"))] };
        }
        return entry with { Id = f.String("id"), Value = f.Expression("value"), Unit = f.String("unit"), When = f.Expression("when"),
            Taken = f.Expression("taken"),
            Min = f.Number("min"), Max = f.Number("max"), Panel = f.Node("panel") is { } panel ? ReadCoding(panel) : null };
    }

    /// <summary>One coding written as a mapping (<c>{system, code, display}</c>); null when it is not a mapping (reported).</summary>
    private CodingDefinition? ReadCoding(YNode node)
    {
        var f = new CheckedMapping(node, "a coding", CodingKeys, diagnostics);
        return f.IsMapping ? new CodingDefinition(f.RequiredString("system"), f.RequiredString("code"), f.RequiredString("display"), f.ValueSpan("code")) : null;
    }

    /// <summary>The entry's <c>codings</c> list; empty only when it is empty or unreadable (reported).</summary>
    private ImmutableArray<CodingDefinition> ReadCodings(CheckedMapping entry)
    {
        foreach (var key in new[] { "system", "code", "display" }.Where(entry.Has))
            diagnostics.Report(entry.KeySpan(key), Codes.EntryCodingTwice, key);
        var nodes = entry.List("codings");
        if (nodes.Count == 0 && entry.Node("codings") is YSequence or YScalar { Value: "", Plain: true })
            diagnostics.Report(entry.KeySpan("codings"), Codes.EntryCodingsEmpty);
        var codings = ImmutableArray.CreateBuilder<CodingDefinition>();
        foreach (var node in nodes)
        {
            var f = new CheckedMapping(node, "a coding", CodingKeys, diagnostics);
            if (!f.IsMapping) continue;
            var coding = new CodingDefinition(f.RequiredString("system"), f.RequiredString("code"), f.RequiredString("display"), f.ValueSpan("code"));
            if (coding.Code.Length > 0 && codings.FirstOrDefault(c => c.System == coding.System && c.Code == coding.Code) is { } first)
                diagnostics.Report(coding.Span, Codes.CodingTwice, coding.System, coding.Code, first.Span.Line);
            codings.Add(coding);
        }
        return codings.ToImmutable();
    }
}
