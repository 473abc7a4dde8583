using System.Collections.Immutable;
using Hl7.FhirPath.Expressions;
using HistoryEngine.Definitions;
using HistoryEngine.Diagnostics;

namespace HistoryEngine.Fhir;

/// <summary>
/// SDC variables and launch contexts: the names a FHIRPath expression may use. A variable is seen by the
/// expressions of the item it is declared on (the Questionnaire for the whole file) and of the items below it, and
/// by the variables declared after it there; a launch context by every expression. Any other <c>%name</c> is an
/// error at its position (HE4014), rather than an expression that quietly works out nothing.
/// </summary>
internal sealed partial class FhirQuestionnaireReader
{
    private readonly ImmutableArray<FhirLaunchContext>.Builder _launchContexts = ImmutableArray.CreateBuilder<FhirLaunchContext>();
    private bool _searchesObservations;

    /// <summary>Names FHIRPath, SDC and the engine define in every expression.</summary>
    private static readonly HashSet<string> BuiltinNames =
        ["resource", "rootResource", "context", "questionnaire", "qitem", "ucum", "sct", "loinc", "factory", "terminologies", "server"];

    /// <summary>
    /// The launch contexts the questionnaire asks for. <c>patient</c> and <c>user</c> are given by the session
    /// (<see cref="FhirLaunch"/>); any other (encounter, location...) is not: an expression that reads one gives
    /// nothing, so the item it fills starts empty (said once, here).
    /// </summary>
    private void ReadLaunchContexts(JObject q)
    {
        foreach (var e in Extensions(q, FhirElements.LaunchContext))
        {
            var namePart = Part(e, "name");
            var name = namePart is null ? null : ValueOf(namePart)?.Value switch
            {
                JObject coding => Str(coding, "code"),
                JValue { AsString: { } id } => id,
                _ => null,
            };
            if (name is null)
            {
                Report(e.Span, Codes.FhirMissing, "the launchContext extension", "name");
                continue;
            }
            var types = Parts(e, "type").Select(p => (ValueOf(p)?.Value as JValue)?.AsString).OfType<string>().ToImmutableArray();
            _launchContexts.Add(new FhirLaunchContext(name, types, PartString(e, "description")));
            if (FhirLaunch.Given.Contains(name)) continue; // the session gives them, from what the practice knows
            Report(namePart!.Span, Codes.FhirUnsupported,
                $"the launch context '%{name}' is not given to questionnaires (only %patient and %user are): expressions that read it give nothing, so the items they fill start empty");
        }
    }

    /// <summary>SDC variables declared on a node, each checked against the names before it.</summary>
    private ImmutableArray<NamedExpression> ReadVariables(JObject o, string? linkId, ImmutableArray<NamedExpression> outer)
    {
        var result = ImmutableArray.CreateBuilder<NamedExpression>();
        foreach (var e in Extensions(o, FhirElements.Variable))
        {
            if (ValueOf(e) is not { Name: "valueExpression", Value: JObject expr } || Str(expr, "name") is not { } name)
            {
                Report(e.Span, Codes.FhirMissing, "a variable", "valueExpression.name");
                continue;
            }
            var language = Str(expr, "language");
            ExpressionSource? source;
            if (language is FhirPath.Language or FhirElements.EngineLanguage) source = ReadExpression(e, "variable");
            else if (language == FhirQuery.Language && expr.Property("expression")?.Value is JValue { AsString: { } query })
            {
                // Answered from the session's context when it asks for the patient or the patient's Observations.
                var answered = FhirQuery.TryParse(query, out var problem);
                _searchesObservations |= answered?.SearchesObservations == true;
                if (answered is null)
                    Report(expr.Property("expression")!.Span, Codes.FhirUnsupported,
                        $"the variable '%{name}' will have no value, so the expressions that read it are unknown: {problem}");
                source = new ExpressionSource(query, expr.Span) { Language = language };
            }
            else if (expr.Property("expression")?.Value is JValue { AsString: { } text })
            {
                // A variable the engine does not evaluate (x-fhir-query) is still declared: reading it gives nothing.
                Report(expr.Property("language")?.Span ?? expr.Span, Codes.FhirUnsupported,
                    $"the variable '%{name}' is written in '{language}', which the engine does not evaluate: it has no value, so the expressions that read it are unknown");
                source = new ExpressionSource(text, expr.Span) { Language = language ?? "" };
            }
            else source = ReadExpression(e, "variable");
            if (source is null) continue;
            result.Add(new NamedExpression(name, Checked(source with { Variables = outer.AddRange(result) }) with { Variables = [] }, linkId));
        }
        return result.ToImmutable();
    }

    /// <summary>Reports every <c>%name</c> in a FHIRPath expression that is not in scope where it is written.</summary>
    private ExpressionSource Checked(ExpressionSource source)
    {
        if (source.Language != FhirPath.Language) return source;
        Expression parsed;
        try { parsed = FhirPath.Compiler.Parse(source.Text); }
        catch (Exception e) when (e is FormatException or ArgumentException or InvalidOperationException) { return source; } // HE4008 when it is compiled
        var known = source.Variables.Select(v => v.Name).Concat(_launchContexts.Select(c => c.Name)).ToHashSet(StringComparer.Ordinal);
        foreach (var reference in VariableReferences(parsed))
        {
            if (known.Contains(reference.Name) || BuiltinNames.Contains(reference.Name) || reference.Name.StartsWith("vs-", StringComparison.Ordinal)
                || reference.Name.StartsWith("ext-", StringComparison.Ordinal)) continue;
            var at = reference.Location is FhirPathExpressionLocationInfo { LineNumber: 1 } position
                ? source.Span with { Column = source.Span.Column + position.LinePosition - 1 } : source.Span;
            var near = HistoryEngine.Diagnostics.Suggestions.Nearest(reference.Name, known);
            Report(at, Codes.FhirUndefinedVariable, reference.Name, near is null ? "" : $"; did you mean '%{near}'?");
        }
        return source;
    }

    private static IEnumerable<VariableRefExpression> VariableReferences(Expression e)
    {
        switch (e)
        {
            case AxisExpression:
                yield break;
            case VariableRefExpression v:
                yield return v;
                yield break;
            case BracketExpression b:
                foreach (var r in VariableReferences(b.Operand)) yield return r;
                yield break;
            case NewNodeListInitExpression list:
                foreach (var r in list.Contents.SelectMany(VariableReferences)) yield return r;
                yield break;
            case FunctionCallExpression call:
                foreach (var r in VariableReferences(call.Focus).Concat(call.Arguments.SelectMany(VariableReferences))) yield return r;
                yield break;
        }
    }
}
