using System.Globalization;
using HistoryEngine.Definitions;
using HistoryEngine.Diagnostics;

namespace HistoryEngine.Fhir;

/// <summary>
/// enableWhen as R4 defines it, translated into the engine's expression language. An enabling question that has
/// no answer, or is itself disabled, has no value, so every comparison with it is unknown and the condition is not
/// met (unanswered is not zero); only <c>exists = false</c> and <c>!=</c> are met by it. <c>!=</c> is read as R5
/// defines it, "no answer equals the value", which an unanswered question meets (docs/fhir.md says why).
/// Codes are compared as text. Conditions the engine's language cannot say (ordering text or times, exists on a
/// group) are written in FHIRPath instead, over the same response the other SDC expressions see.
/// </summary>
internal sealed partial class FhirQuestionnaireReader
{
    private sealed record Condition(string? Engine, string FhirPath);

    private ExpressionSource? TranslateEnableWhen(JObject item, JProperty property, string linkId)
    {
        if (property.Value is not JArray conditions)
        {
            Report(property.Span, Codes.FhirWrongKind, "enableWhen", "an array", property.Value.Kind);
            return null;
        }
        var translated = new List<Condition>();
        var ok = true;
        foreach (var node in conditions.Items)
        {
            if (node is not JObject condition)
            {
                Report(node.Span, Codes.FhirWrongKind, "enableWhen", "an array of objects", node.Kind);
                ok = false;
                continue;
            }
            var c = Translate(condition, linkId);
            if (c is null) ok = false;
            else translated.Add(c);
        }
        if (!ok || translated.Count == 0) return null;

        var behavior = item.Property("enableBehavior");
        var all = (behavior?.Value as JValue)?.AsString == "all";
        if (behavior is null && translated.Count > 1)
            Report(property.Span, Codes.FhirUnsupported, $"'{linkId}' has {translated.Count} enableWhen conditions but no enableBehavior (required in R4); they are read as 'any'");
        else if (behavior is not null && (behavior.Value as JValue)?.AsString is not ("all" or "any"))
        {
            Report(behavior.Value.Span, Codes.FhirInvalidValue, (behavior.Value as JValue)?.Raw, "enableBehavior (all or any)");
            return null;
        }
        if (translated.All(c => c.Engine is not null))
            return new ExpressionSource(string.Join(all ? " && " : " || ", translated.Select(c => translated.Count == 1 ? c.Engine : $"({c.Engine})")), property.Span);
        return new ExpressionSource(string.Join(all ? " and " : " or ", translated.Select(c => $"({c.FhirPath})")), property.Span) { Language = FhirPath.Language };
    }

    /// <summary>
    /// How an expression names a question: <c>item('linkId')</c>; inside an included module (an engine export), by
    /// its id in the module, with a path such as <c>phq9.q9</c> through the modules it sits in.
    /// </summary>
    private string Reference(string linkId)
    {
        var local = LocalId(linkId);
        var parts = local.Split('.');
        if (parts.Length > 1 && parts.All(IsIdentifier))
        {
            var path = _prefix;
            for (var i = 0; i < parts.Length - 1 && _moduleGroups.Contains(path + parts[i]); i++) path += parts[i] + ".";
            if (path.Length == _prefix.Length + local.Length - parts[^1].Length) return local;
        }
        return $"item({Quote(local)})";
    }

    private static bool IsIdentifier(string s) => s.Length > 0 && char.IsAsciiLetter(s[0]) && s.All(c => char.IsAsciiLetterOrDigit(c) || c == '_');

    private static string Quote(string s) => "'" + s.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("'", "\\'", StringComparison.Ordinal) + "'";

    private Condition? Translate(JObject condition, string owner)
    {
        CheckElements(condition, FhirElements.EnableWhen, "Questionnaire.item.enableWhen");
        var questionProperty = condition.Property("question");
        var operatorProperty = condition.Property("operator");
        var answer = condition.Properties.FirstOrDefault(p => p.Name.StartsWith("answer", StringComparison.Ordinal));
        if (questionProperty?.Value is not JValue { AsString: { } question }) { Report(condition.Span, Codes.FhirMissing, "an enableWhen", "question"); return null; }
        if (operatorProperty?.Value is not JValue { AsString: { } op }) { Report(condition.Span, Codes.FhirMissing, "an enableWhen", "operator"); return null; }
        if (answer is null) { Report(condition.Span, Codes.FhirMissing, "an enableWhen", "answer[x]"); return null; }
        if (!_linkIds.TryGetValue(question, out var target))
        {
            var near = HistoryEngine.Diagnostics.Suggestions.Nearest(question, _linkIds.Keys);
            Report(questionProperty.Value.Span, Codes.FhirUnknownLinkId, question, near is null ? "" : $"; did you mean '{near}'?");
            return null;
        }
        if (op is not ("exists" or "=" or "!=" or ">" or "<" or ">=" or "<="))
        {
            Report(operatorProperty.Value.Span, Codes.FhirInvalidValue, op, "enableWhen operator (exists, =, !=, >, <, >=, <=)");
            return null;
        }
        var reference = Reference(question);
        var fhirItem = $"%resource.repeat(item | answer.item).where(linkId = {Quote(question)})";

        if (op == "exists")
        {
            if (answer is not { Name: "answerBoolean", Value: JValue { Value: bool exists } })
            {
                Report(answer.Span, Codes.FhirWrongKind, "the answer of an 'exists' enableWhen", "answerBoolean", answer.Name);
                return null;
            }
            var fhir = $"{fhirItem}.answer.exists() = {(exists ? "true" : "false")}";
            if (target.Type is ItemType.Group or ItemType.Display)
                return new Condition(null, $"{fhirItem}.descendants().where(answer.exists()).exists() = {(exists ? "true" : "false")}");
            return new Condition(exists ? $"answered({reference})" : $"!answered({reference})", fhir);
        }

        var (engineLiteral, fhirLiteral, isCode) = Literal(answer, target);
        if (fhirLiteral is null) return null;
        if (isCode && target.Options.Length > 0 && !target.Options.Any(o => o.Code == engineLiteral!.Trim('\'')))
        {
            Report(answer.Span, Codes.UnknownOption, engineLiteral!.Trim('\''), question, string.Join(", ", target.Options.Select(o => o.Code)));
            return null;
        }
        var fhirOp = op;
        var fhirValue = isCode && (answer.Name == "answerCoding") ? "iif(code.exists(), code, display)" : "$this";
        var fhirCondition = op == "!="
            ? $"{fhirItem}.answer.value.where({fhirValue} = {fhirLiteral}).empty()"
            : $"{fhirItem}.answer.value.where({fhirValue} {fhirOp} {fhirLiteral}).exists()";
        var compared = Compare(target, questionProperty, answer, op, reference, engineLiteral!, fhirCondition, operatorProperty);
        // R5: "no answer has a value equal to the enableWhen answer", which an unanswered question meets.
        return op == "!=" && compared?.Engine is { } notEqual ? compared with { Engine = $"!answered({reference}) || {notEqual}" } : compared;
    }

    private Condition? Compare(ItemFacts target, JProperty questionProperty, JProperty answer, string op, string reference, string engineLiteral,
        string fhirCondition, JProperty operatorProperty)
    {
        var question = target.LinkId;
        var engineOp = op == "=" ? "==" : op;
        var ordering = op is ">" or "<" or ">=" or "<=";

        switch (target.Type)
        {
            case ItemType.MultipleChoice when !ordering:
                return new Condition(op == "=" ? $"contains({reference}, {engineLiteral})" : $"!contains({reference}, {engineLiteral})", fhirCondition);
            case ItemType.Choice or ItemType.Boolean when ordering:
            case ItemType.MultipleChoice:
                if (target.Type == ItemType.Boolean || answer.Name == "answerCoding")
                {
                    Report(operatorProperty.Value.Span, Codes.FhirInvalidValue, op, $"operator for the {target.FhirType} question '{question}'");
                    return null;
                }
                return new Condition(null, fhirCondition);
            case ItemType.Text or ItemType.LongText when ordering || target.FhirType == "time":
                return new Condition(null, fhirCondition);
            case ItemType.Group or ItemType.Display:
                Report(questionProperty.Value.Span, Codes.FhirInvalidValue, question, $"question to compare with (it is a {target.FhirType})");
                return null;
            case ItemType.DateTime when answer.Name == "answerDate":
                return new Condition($"date({reference}) {engineOp} {engineLiteral}", fhirCondition);
            default:
                return new Condition($"{reference} {engineOp} {engineLiteral}", fhirCondition);
        }
    }

    /// <summary>The answer of an enableWhen as a literal in both languages, checked against the question's type.</summary>
    private (string? Engine, string? FhirPath, bool IsCode) Literal(JProperty answer, ItemFacts target)
    {
        var type = target.Type;
        (string?, string?, bool) Mismatch()
        {
            Report(answer.Span, Codes.FhirWrongKind, answer.Name, $"an answer that fits the {target.FhirType} question '{target.LinkId}'", ((answer.Value as JValue)?.Kind ?? answer.Value.Kind));
            return (null, null, false);
        }
        switch (answer.Name, answer.Value)
        {
            case ("answerBoolean", JValue { Value: bool b }) when type == ItemType.Boolean:
                return (b ? "true" : "false", b ? "true" : "false", false);
            case ("answerInteger" or "answerDecimal", JValue { Value: decimal }) when type is ItemType.Integer or ItemType.Decimal:
                var number = ((JValue)answer.Value).Raw;
                return (number, number, false);
            case ("answerInteger", JValue { Value: decimal } v) when type is ItemType.Choice or ItemType.MultipleChoice:
                return (Quote(v.Raw), v.Raw, true);
            case ("answerQuantity", JObject q) when type is ItemType.Integer or ItemType.Decimal && q["value"] is JValue { Value: decimal } qv:
                return (qv.Raw, qv.Raw, false);
            case ("answerDate", JValue { AsString: { } date }) when type is ItemType.Date or ItemType.DateTime:
                if (!DateOnly.TryParseExact(date, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _))
                {
                    Report(answer.Value.Span, Codes.FhirInvalidValue, date, "full date (yyyy-mm-dd)");
                    return (null, null, false);
                }
                return ($"date({Quote(date)})", "@" + date, false);
            case ("answerDateTime", JValue { AsString: { } dateTime }) when type == ItemType.DateTime:
                if (!DateTimeOffset.TryParse(dateTime, CultureInfo.InvariantCulture, DateTimeStyles.None, out var t))
                {
                    Report(answer.Value.Span, Codes.FhirInvalidValue, dateTime, "dateTime");
                    return (null, null, false);
                }
                return ($"datetime({Quote(t.DateTime.ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture))})", "@" + dateTime, false);
            case ("answerTime", JValue { AsString: { } time }) when target.FhirType == "time" || type is ItemType.Choice or ItemType.MultipleChoice:
                return (Quote(time), "@T" + time, type is ItemType.Choice or ItemType.MultipleChoice);
            case ("answerString", JValue { AsString: { } s }) when type is ItemType.Text or ItemType.LongText or ItemType.Choice or ItemType.MultipleChoice:
                return (Quote(s), Quote(s), type is ItemType.Choice or ItemType.MultipleChoice);
            case ("answerDate", JValue { AsString: { } d }) when type is ItemType.Choice or ItemType.MultipleChoice:
                return (Quote(d), "@" + d, true);
            case ("answerCoding", JObject coding) when type is ItemType.Choice or ItemType.MultipleChoice or ItemType.Text:
                // An option that has a display but no code is known by its display.
                if ((Str(coding, "code") ?? Str(coding, "display")) is not { } code)
                {
                    Report(answer.Value.Span, Codes.FhirMissing, "the answerCoding", "code");
                    return (null, null, false);
                }
                return (Quote(code), Quote(code), type is not ItemType.Text);
            case ("answerReference", _):
                Report(answer.Span, Codes.FhirUnsupported, "an enableWhen on a Reference answer is not supported");
                return (null, null, false);
            default:
                return Mismatch();
        }
    }
}
