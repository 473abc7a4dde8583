using System.Globalization;
using HistoryEngine.Definitions;
using Hl7.Fhir.Model;
using Expression = Hl7.Fhir.Model.Expression;

namespace HistoryEngine.Fhir;

/// <summary>
/// The SDC and core extensions a questionnaire read from FHIR had, written back on export so that it reads back
/// to the same behaviour: variables (questionnaire, group and item), launch contexts, contained value sets, how each
/// option and its score were written, answerExpression, itemControl and observationExtract.
/// </summary>
internal static class SdcExport
{
    private const string LaunchContextSystem = "http://hl7.org/fhir/uv/sdc/CodeSystem/launchContext";

    public static void AddQuestionnaire(Questionnaire q, QuestionnaireDefinition def, FhirQuestionnaireInfo fhir)
    {
        foreach (var valueSet in FhirResources.QuestionnaireOf(def).Contained.OfType<ValueSet>()) q.Contained.Add(valueSet);
        foreach (var context in fhir.LaunchContexts)
        {
            var extension = new Extension { Url = FhirElements.LaunchContext };
            extension.Extension.Add(new Extension("name", new Coding(LaunchContextSystem, context.Name)));
            foreach (var type in context.Types) extension.Extension.Add(new Extension("type", new Code(type)));
            if (context.Description is { } description) extension.Extension.Add(new Extension("description", new FhirString(description)));
            q.Extension.Add(extension);
        }
        AddVariables(q, fhir.Variables);
        if (fhir.ObservationExtract is { } extract) q.Extension.Add(new Extension(FhirElements.ObservationExtract, new FhirBoolean(extract)));
    }

    public static void AddItem(Questionnaire.ItemComponent item, ItemDefinition d, FhirItemInfo fhir)
    {
        AddVariables(item, fhir.Variables);
        if (fhir.AnswerExpression is { } answers) item.Extension.Add(new Extension(FhirElements.AnswerExpression, Expr(answers)));
        if (fhir.ItemControl is { } control)
            item.Extension.Add(new Extension(FhirElements.Core + "questionnaire-itemControl",
                new CodeableConcept("http://hl7.org/fhir/questionnaire-item-control", control)));
        if (fhir.ObservationExtract is { } extract) item.Extension.Add(new Extension(FhirElements.ObservationExtract, new FhirBoolean(extract)));
    }

    private static void AddVariables(IExtendable target, IEnumerable<NamedExpression> variables)
    {
        foreach (var v in variables)
        {
            var expression = Expr(v.Expression);
            expression.Name = v.Name;
            target.Extension.Add(new Extension(FhirElements.Variable, expression));
        }
    }

    private static Expression Expr(ExpressionSource source) => new()
    {
        Language = string.IsNullOrEmpty(source.Language) ? FhirElements.EngineLanguage : source.Language,
        Expression_ = source.Text,
    };

    /// <summary>An option as the questionnaire wrote it: a Coding (with or without a code), or a string, integer, date or time.</summary>
    public static DataType OptionValue(OptionDefinition o, FhirItemInfo? fhir) => fhir?.OptionKinds.GetValueOrDefault(o.Code) switch
    {
        "string" => new FhirString(o.Code),
        "integer" when int.TryParse(o.Code, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var i) => new Integer(i),
        "date" => new Date(o.Code),
        "time" => new Time(o.Code),
        "display" => new Coding { Display = o.Display },
        _ => new Coding(o.System, o.Code, o.Display),
    };

    /// <summary>An option's score in the extension, and on the element, the questionnaire gave it in (ordinalValue on the option by default).</summary>
    public static void AddScore(Questionnaire.AnswerOptionComponent option, string code, decimal score, FhirItemInfo? fhir)
    {
        var (url, onCoding) = fhir?.OptionScores.GetValueOrDefault(code) is { Url: not null } written ? written : (FhirPath.OrdinalValueUrl, false);
        if (onCoding && option.Value is Coding coding) coding.Extension.Add(new Extension(url, new FhirDecimal(score)));
        else option.Extension.Add(new Extension(url, new FhirDecimal(score)));
    }
}
