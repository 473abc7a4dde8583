using System.Globalization;
using Hl7.Fhir.Model;
using HistoryEngine.Definitions;
using HistoryEngine.Expressions;
using HistoryEngine.Runtime;

namespace HistoryEngine.Fhir;

/// <summary>
/// Builds a QuestionnaireResponse from a session's effective values (a disabled item or an answer with an error
/// has none, so it is left out, as the SDC specification wants). Used both for FHIRPath, which reads the response,
/// and for export. Each Coding carries its option's score as an ordinalValue extension, which <c>ordinal()</c> reads.
/// </summary>
internal static class ResponseBuilder
{
    /// <summary>The response for the given values; <c>instances</c>, when given, records the item made for each repeating-group instance.</summary>
    public static QuestionnaireResponse Build(IEnumerable<ItemSymbol> roots, object?[] globals, TimeZoneInfo zone,
        Dictionary<RecordValue, QuestionnaireResponse.ItemComponent>? instances = null)
    {
        var qr = new QuestionnaireResponse { Status = QuestionnaireResponse.QuestionnaireResponseStatus.InProgress };
        foreach (var item in roots) Add(qr.Item, item, s => globals[s.Slot], zone, instances);
        return qr;
    }

    private static void Add(List<QuestionnaireResponse.ItemComponent> target, ItemSymbol item, Func<ItemSymbol, object?> valueOf, TimeZoneInfo zone,
        Dictionary<RecordValue, QuestionnaireResponse.ItemComponent>? made)
    {
        var value = valueOf(item);
        var def = item.Definition;
        if (item.IsRepeating)
        {
            if (value is not IReadOnlyList<RecordValue> instances) return;
            foreach (var instance in instances)
            {
                var qi = new QuestionnaireResponse.ItemComponent { LinkId = item.Id, Text = Plain(def.Text) };
                foreach (var child in item.Children) Add(qi.Item, child, s => instance.Values[s.Slot], zone, made);
                if (made is not null) made[instance] = qi;
                if (qi.Item.Count > 0) target.Add(qi);
            }
            return;
        }
        if (!def.IsQuestion)
        {
            if (value is not true || def.Type == ItemType.Display) return;
            var group = new QuestionnaireResponse.ItemComponent { LinkId = item.Id, Text = Plain(def.Text) };
            foreach (var child in item.Children) Add(group.Item, child, valueOf, zone, made);
            if (group.Item.Count > 0) target.Add(group);
            return;
        }
        var answers = Answers(item, value, zone);
        if (answers.Count == 0) return;
        var question = new QuestionnaireResponse.ItemComponent { LinkId = item.Id, Text = Plain(def.Text) };
        question.Answer.AddRange(answers);
        // Items under a question belong to its answer in FHIR.
        foreach (var child in item.Children) Add(answers[0].Item, child, valueOf, zone, made);
        target.Add(question);
    }

    private static string? Plain(string? text) => text is null ? null : Rendering.Markdown.ToPlainText(text).Trim();

    public static List<QuestionnaireResponse.AnswerComponent> Answers(ItemSymbol item, object? value, TimeZoneInfo zone)
    {
        var result = new List<QuestionnaireResponse.AnswerComponent>();
        var values = value switch
        {
            null => [],
            string[] codes => codes.Cast<object>().ToArray(),
            _ => [value],
        };
        foreach (var v in values)
            if (ToFhir(item, v, zone) is { } data) result.Add(new QuestionnaireResponse.AnswerComponent { Value = data });
        return result;
    }

    private static DataType? ToFhir(ItemSymbol item, object value, TimeZoneInfo zone)
    {
        var def = item.Definition;
        var info = FhirItemInfo.Get(def);
        var fhirType = FhirItemInfo.FhirTypeOf(def);
        switch (value)
        {
            case bool b: return new FhirBoolean(b);
            case decimal d when fhirType == "quantity":
                return new Quantity { Value = d, Unit = def.Unit, System = def.Unit is null ? null : "http://unitsofmeasure.org", Code = def.Unit };
            case decimal d when def.Type == ItemType.Integer && d == decimal.Truncate(d) && d is >= int.MinValue and <= int.MaxValue: return new Integer((int)d);
            case decimal d: return new FhirDecimal(d);
            case DateOnly d: return new Date(d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
            case DateTime t: return new FhirDateTime(DateTimeText(t, zone));
            case string s when def.Type is ItemType.Choice or ItemType.MultipleChoice: return Option(item, s, info);
            // A choice without options (an external value set, an expression) is answered with a code.
            case string s when fhirType == "choice": return new Coding(null, s);
            case string s when fhirType == "time": return new Time(s);
            case string s when fhirType == "url": return new FhirUri(s);
            case string s: return new FhirString(s);
            default: return null;
        }
    }

    /// <summary>A wall-clock time as a FHIR dateTime, which needs an offset: the one the session's zone had then.</summary>
    public static string DateTimeText(DateTime t, TimeZoneInfo zone)
    {
        var offset = zone.GetUtcOffset(DateTime.SpecifyKind(t, DateTimeKind.Unspecified));
        return new DateTimeOffset(DateTime.SpecifyKind(t, DateTimeKind.Unspecified), offset).ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);
    }

    private static DataType Option(ItemSymbol item, string code, FhirItemInfo? info)
    {
        var kind = info?.OptionKinds.GetValueOrDefault(code) ?? "coding";
        switch (kind)
        {
            case "string": return new FhirString(code);
            case "integer" when int.TryParse(code, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var i): return new Integer(i);
            case "date": return new Date(code);
            case "time": return new Time(code);
            case "display": return new Coding { Display = code };
        }
        item.OptionsByCode.TryGetValue(code, out var option);
        var coding = new Coding(option?.System, code, option?.Display);
        if (option?.Score is { } score) coding.SetExtension(FhirPath.OrdinalValueUrl, new FhirDecimal(score));
        return coding;
    }
}
