using System.Text.RegularExpressions;
using Hl7.Fhir.Model;
using Hl7.FhirPath;
using Hl7.FhirPath.Expressions;
using HistoryEngine.Diagnostics;
using P = Hl7.Fhir.ElementModel.Types;

namespace HistoryEngine.Fhir;

/// <summary>
/// The Firely FHIRPath engine as the engine uses it: one compiler with the SDC functions the corpus needs
/// (<c>ordinal()</c>, <c>weight()</c>, <c>answers()</c>, <c>sum()</c>) and <c>today()</c>/<c>now()</c> read from the
/// session's clock instead of the system's. Compiled expressions are shared; evaluation is per thread.
/// </summary>
internal static partial class FhirPath
{
    public const string Language = "text/fhirpath";
    public const string OrdinalValueUrl = "http://hl7.org/fhir/StructureDefinition/ordinalValue";
    public const string ItemWeightUrl = "http://hl7.org/fhir/StructureDefinition/itemWeight";

    private static readonly Lazy<FhirPathCompiler> LazyCompiler = new(CreateCompiler);

    public static FhirPathCompiler Compiler => LazyCompiler.Value;

    /// <summary>Environment variables that stand for today() and now(), so time comes from the session's clock.</summary>
    public const string TodayVariable = "engine_today", NowVariable = "engine_now";

    private static FhirPathCompiler CreateCompiler()
    {
        var symbols = new SymbolTable();
        symbols.AddStandardFP();
        Hl7.Fhir.FhirPath.ElementNavFhirExtensions.AddFhirExtensions(symbols);
        symbols.Add("sum", (IEnumerable<PocoNode> focus) => Sum(focus));
        symbols.Add("ordinal", (IEnumerable<PocoNode> focus) => Ordinal(focus));
        symbols.Add("weight", (IEnumerable<PocoNode> focus) => Ordinal(focus));
        symbols.Add("answers", (IEnumerable<PocoNode> focus) => Answers(focus));
        return new FhirPathCompiler(symbols);
    }

    /// <summary>The environment entries for the session's clock.</summary>
    public static void AddClock(IDictionary<string, IEnumerable<PocoNode>> environment, DateTimeOffset now)
    {
        environment[TodayVariable] = [new Date(now.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)).ToPocoNode()];
        environment[NowVariable] = [new FhirDateTime(now).ToPocoNode()];
    }

    /// <summary>
    /// Rewrites what authors write for other FHIRPath engines into what Firely's evaluates over POCOs: the JSON
    /// names of choice elements (<c>answer.valueCoding</c>) become <c>answer.value.ofType(Coding)</c>, and
    /// <c>today()</c>/<c>now()</c> read the session's clock. Text inside quotes is left alone.
    /// </summary>
    public static string Normalise(string text)
    {
        var parts = QuotedOrNot().Split(text);
        for (var i = 0; i < parts.Length; i++)
        {
            if (parts[i].StartsWith('\'') || parts[i].StartsWith('`')) continue;
            parts[i] = ChoiceName().Replace(parts[i], m => $"value.ofType({TypeName(m.Groups[1].Value)})");
            parts[i] = TodayCall().Replace(parts[i], "%" + TodayVariable);
            parts[i] = NowCall().Replace(parts[i], "%" + NowVariable);
        }
        return string.Concat(parts);
    }

    private static string TypeName(string suffix) =>
        suffix is "Coding" or "Quantity" or "Reference" or "Attachment" or "CodeableConcept" or "Expression" or "Period" or "Duration"
            ? suffix : char.ToLowerInvariant(suffix[0]) + suffix[1..];

    [GeneratedRegex(@"('(?:[^'\\]|\\.)*'|`[^`]*`)")]
    private static partial Regex QuotedOrNot();

    [GeneratedRegex(@"(?<![\w%])value(Coding|Decimal|Integer|String|Boolean|Date|DateTime|Time|Uri|Quantity|Reference|Attachment|CodeableConcept|Expression|Code|Period|Duration)\b")]
    private static partial Regex ChoiceName();

    [GeneratedRegex(@"(?<![\w.%])today\(\s*\)")]
    private static partial Regex TodayCall();

    [GeneratedRegex(@"(?<![\w.%])now\(\s*\)")]
    private static partial Regex NowCall();

    /// <summary>Compiles an expression; a syntax error or an unknown function is a diagnostic at its position.</summary>
    public static CompiledExpression? TryCompile(string text, SourceSpan at, DiagnosticBag diagnostics)
    {
        try
        {
            // Parse as written, so a syntax error points at the author's own text; then compile the rewritten form.
            Compiler.Parse(text);
            return Compiler.Compile(Normalise(text));
        }
        catch (Exception e) when (e is FormatException or ArgumentException or InvalidOperationException or NotSupportedException)
        {
            var message = e.Message.Replace("Compilation failed: ", "", StringComparison.Ordinal);
            var position = PositionPattern().Match(message);
            var span = at;
            if (position.Success && int.Parse(position.Groups[1].Value) == 1)
                span = at with { Column = at.Column + int.Parse(position.Groups[2].Value) };
            diagnostics.Report(span, Codes.FhirPathSyntax, message.Split("; recently consumed")[0]);
            return null;
        }
    }

    [GeneratedRegex(@"\(Line (\d+), Column (\d+)\)")]
    private static partial Regex PositionPattern();

    private static IEnumerable<PocoNode> Sum(IEnumerable<PocoNode> focus)
    {
        decimal total = 0;
        var integer = true;
        foreach (var node in focus)
        {
            switch (node.Poco)
            {
                case Integer { Value: { } i }: total += i; break;
                case FhirDecimal { Value: { } d }: total += d; integer = false; break;
                case Quantity { Value: { } q }: total += q; integer = false; break;
                default:
                    if (node.Poco is PrimitiveType { JsonValue: var v } && v is int or long or decimal) { total += Convert.ToDecimal(v, System.Globalization.CultureInfo.InvariantCulture); break; }
                    return [];
            }
        }
        return [integer ? new Integer((int)total).ToPocoNode() : new FhirDecimal(total).ToPocoNode()];
    }

    /// <summary>The ordinal value (or item weight) that the engine writes on each Coding it puts in a response.</summary>
    private static IEnumerable<PocoNode> Ordinal(IEnumerable<PocoNode> focus)
    {
        foreach (var node in focus)
        {
            if (node.Poco is not Coding coding) continue;
            var value = coding.GetExtensionValue<DataType>(OrdinalValueUrl) ?? coding.GetExtensionValue<DataType>(ItemWeightUrl);
            if (value is not null) yield return value.ToPocoNode();
        }
    }

    /// <summary>SDC <c>answers()</c>: the answers (not their values) of the items in focus and of all the items below them.</summary>
    private static IEnumerable<PocoNode> Answers(IEnumerable<PocoNode> focus)
    {
        var result = new List<PocoNode>();
        void Walk(IEnumerable<QuestionnaireResponse.ItemComponent> items)
        {
            foreach (var item in items)
            {
                foreach (var answer in item.Answer)
                {
                    result.Add(answer.ToPocoNode());
                    Walk(answer.Item);
                }
                Walk(item.Item);
            }
        }
        foreach (var node in focus)
        {
            switch (node.Poco)
            {
                case QuestionnaireResponse qr: Walk(qr.Item); break;
                case QuestionnaireResponse.ItemComponent item: Walk([item]); break;
            }
        }
        return result;
    }
}
