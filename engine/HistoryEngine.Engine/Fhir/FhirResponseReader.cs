using System.Globalization;
using System.Text.Json;
using HistoryEngine.Definitions;
using HistoryEngine.Diagnostics;
using HistoryEngine.Runtime;

namespace HistoryEngine.Fhir;

/// <summary>A QuestionnaireResponse read back as answers: the answers-JSON text, the problems found, and the
/// values the response stored for calculated items (to compare with what the engine works out).</summary>
public sealed record FhirResponseAnswers(string AnswersJson, IReadOnlyList<Diagnostic> Diagnostics, IReadOnlyDictionary<string, object?> StoredCalculated)
{
    public bool HasErrors => Diagnostics.Any(d => d.IsError);
}

/// <summary>
/// Reads a FHIR R4 QuestionnaireResponse into the answers-JSON shape of its questionnaire (keys are linkIds), with
/// every mismatch (an unknown linkId, an answer of the wrong type, several answers to a single question, another
/// questionnaire's canonical) a diagnostic at its position. Never throws.
/// </summary>
public static class FhirResponseReader
{
    public static FhirResponseAnswers Read(string path, string text, CompiledQuestionnaire questionnaire)
    {
        var diagnostics = new DiagnosticBag();
        var stored = new Dictionary<string, object?>(StringComparer.Ordinal);
        var root = JsonTree.Parse(path, text, diagnostics);
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream))
        {
            w.WriteStartObject();
            if (root is JObject qr && (qr["resourceType"] as JValue)?.AsString is var type)
            {
                if (type != "QuestionnaireResponse")
                    diagnostics.Report(qr.Property("resourceType")?.Value.Span ?? qr.Span, Codes.FhirNotAQuestionnaire, $"this is a FHIR {type ?? "(no resourceType)"}, not a QuestionnaireResponse");
                else
                {
                    CheckCanonical(qr, questionnaire, diagnostics);
                    if (qr["item"] is JArray items) new Walker(questionnaire, diagnostics, stored).Items(w, items, null);
                }
            }
            else if (root is not null) diagnostics.Report(root.Span, Codes.FhirNotAQuestionnaire, "a QuestionnaireResponse is a JSON object");
            w.WriteEndObject();
        }
        return new FhirResponseAnswers(System.Text.Encoding.UTF8.GetString(stream.ToArray()), diagnostics.Sorted(), stored);
    }

    private static void CheckCanonical(JObject qr, CompiledQuestionnaire questionnaire, DiagnosticBag diagnostics)
    {
        if (qr.Property("questionnaire") is not { Value: JValue { AsString: { } canonical } } property) return;
        var q = FhirResources.QuestionnaireOf(questionnaire.Definition);
        var url = canonical.Split('|')[0];
        var matches = url == q.Url || q.Id is not null && (url.EndsWith("/Questionnaire/" + q.Id, StringComparison.Ordinal) || url == "Questionnaire/" + q.Id);
        if (!matches)
            diagnostics.Report(property.Value.Span, Codes.FhirResponseCanonical, canonical, q.Url ?? q.Id ?? questionnaire.Id);
    }

    private sealed class Walker(CompiledQuestionnaire q, DiagnosticBag diagnostics, Dictionary<string, object?> stored)
    {
        /// <summary>Writes the answers under one list of response items; <paramref name="frame"/> is the repeating group they are in.</summary>
        public void Items(Utf8JsonWriter w, JArray items, ItemSymbol? frame)
        {
            var objects = items.Items.OfType<JObject>().ToList();
            foreach (var group in objects.GroupBy(o => (o["linkId"] as JValue)?.AsString ?? ""))
            {
                var first = group.First();
                var linkId = group.Key;
                if (!q.ItemsById.TryGetValue(linkId, out var item) || (frame is null ? !item.IsRoot : item.Frame != frame.InstanceShape))
                {
                    diagnostics.Report(first.Property("linkId")?.Span ?? first.Span, Codes.FhirResponseMismatch,
                        item is null ? $"the response answers '{linkId}', which is not an item of the questionnaire" : $"the response has '{linkId}' in the wrong place");
                    continue;
                }
                if (item.IsRepeating)
                {
                    w.WriteStartArray(linkId);
                    foreach (var instance in group)
                    {
                        w.WriteStartObject();
                        if (instance["item"] is JArray children) Items(w, children, item);
                        w.WriteEndObject();
                    }
                    w.WriteEndArray();
                    continue;
                }
                foreach (var extra in group.Skip(1))
                    diagnostics.Report(extra.Property("linkId")?.Span ?? extra.Span, Codes.FhirResponseMismatch, $"'{linkId}' appears twice in the response");
                if (!item.Definition.IsQuestion)
                {
                    if (first["answer"] is JArray { Items.Count: > 0 } answers)
                        diagnostics.Report(answers.Span, Codes.FhirResponseMismatch, $"'{linkId}' is a {item.ItemType.ToString().ToLowerInvariant()}, so it has no answer");
                    if (first["item"] is JArray children) Items(w, children, frame);
                    continue;
                }
                Question(w, item, first, frame);
            }
        }

        private void Question(Utf8JsonWriter w, ItemSymbol item, JObject node, ItemSymbol? frame)
        {
            var linkId = item.Id;
            var answers = node["answer"] is JArray a ? a.Items.OfType<JObject>().ToList() : [];
            var values = new List<(object? Value, JProperty At)>();
            foreach (var answer in answers)
            {
                var value = answer.Properties.FirstOrDefault(p => p.Name.StartsWith("value", StringComparison.Ordinal));
                if (value is null) continue;
                values.Add((Convert(item, value), value));
            }
            var writable = values.Where(v => v.Value is not null).ToList();
            if (item.Calculated is not null)
            {
                stored[linkId] = writable.Count == 0 ? null : writable[0].Value;
            }
            else if (writable.Count > 0)
            {
                w.WritePropertyName(linkId);
                if (item.ItemType == ItemType.MultipleChoice)
                {
                    w.WriteStartArray();
                    foreach (var (v, _) in writable) w.WriteStringValue((string)v!);
                    w.WriteEndArray();
                }
                else
                {
                    if (writable.Count > 1)
                        diagnostics.Report(writable[1].At.Span, Codes.FhirResponseMismatch, $"'{linkId}' takes one answer; the response gives {writable.Count}, and the first is used");
                    Write(w, writable[0].Value);
                }
            }
            // Items under an answer belong to the question's level in the engine, which asks them once: those under
            // a second answer would give the same answer twice, so they are reported and left out.
            var nestedUnder = answers.Where(a => a["item"] is JArray).ToList();
            if (nestedUnder.Count > 0) Items(w, (JArray)nestedUnder[0]["item"]!, frame);
            foreach (var extra in nestedUnder.Skip(1))
                diagnostics.Report(extra.Property("item")!.Span, Codes.FhirResponseMismatch,
                    $"the items under the answers to '{linkId}' are asked once; those under its first answer are used");
            if (node["item"] is JArray nested) Items(w, nested, frame);
        }

        private object? Convert(ItemSymbol item, JProperty value)
        {
            var fhirType = FhirItemInfo.FhirTypeOf(item.Definition);
            object? result = (value.Name, value.Value, item.ItemType) switch
            {
                ("valueBoolean", JValue { Value: bool b }, ItemType.Boolean) => b,
                ("valueInteger", JValue { Value: decimal d }, ItemType.Integer) => d,
                ("valueDecimal" or "valueInteger", JValue { Value: decimal d }, ItemType.Decimal) when fhirType != "quantity" => d,
                ("valueQuantity", JObject quantity, ItemType.Decimal) when fhirType == "quantity" && quantity["value"] is JValue { Value: decimal d } => d,
                ("valueDate", JValue { AsString: { } s }, ItemType.Date) => s,
                ("valueDateTime", JValue { AsString: { } s }, ItemType.DateTime) => s,
                ("valueString", JValue { AsString: { } s }, ItemType.Text or ItemType.LongText) when fhirType is not ("time" or "url") => s,
                ("valueTime", JValue { AsString: { } s }, ItemType.Text) when fhirType == "time" => s,
                ("valueUri", JValue { AsString: { } s }, ItemType.Text) when fhirType == "url" => s,
                ("valueCoding", JObject coding, ItemType.Choice or ItemType.MultipleChoice or ItemType.Text) =>
                    (coding["code"] as JValue)?.AsString ?? (coding["display"] as JValue)?.AsString,
                ("valueString" or "valueDate" or "valueTime", JValue { AsString: { } s }, ItemType.Choice or ItemType.MultipleChoice) => s,
                ("valueInteger", JValue v, ItemType.Choice or ItemType.MultipleChoice) => v.Raw,
                _ => null,
            };
            if (result is null)
                diagnostics.Report(value.Span, Codes.FhirResponseMismatch, $"'{item.Id}' is a {fhirType} item; the response answers it with a {value.Name[5..]}");
            else if (result is string code && item.ItemType is ItemType.Choice or ItemType.MultipleChoice && !item.OptionsByCode.ContainsKey(code))
            {
                diagnostics.Report(value.Span, Codes.FhirResponseMismatch, $"'{code}' is not an option of '{item.Id}'");
                return null;
            }
            return result;
        }

        private static void Write(Utf8JsonWriter w, object? value)
        {
            switch (value)
            {
                case bool b: w.WriteBooleanValue(b); break;
                case decimal d: w.WriteNumberValue(d); break;
                case string s: w.WriteStringValue(s); break;
                default: w.WriteNullValue(); break;
            }
        }
    }

    /// <summary>A stored value as the engine's results show it: numbers as decimals, codes as text.</summary>
    internal static string Show(object? value) => value switch
    {
        null => "null",
        decimal d => d.ToString(CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };
}
