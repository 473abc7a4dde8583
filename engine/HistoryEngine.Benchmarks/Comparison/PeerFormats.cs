using System.Text.Json;
using System.Text.Json.Nodes;
using static HistoryEngine.Benchmarks.QuestionnaireGenerator;

namespace HistoryEngine.Benchmarks.Comparison;

/// <summary>
/// The generated questionnaire (<see cref="Model"/>) for the two peers: a SurveyJS survey (visibleIf and
/// calculatedValues, for survey-core) and SDC FHIRPath expressions (enableWhenExpression and calculatedExpression,
/// for Firely's FHIRPath engine over a QuestionnaireResponse). Same conditions and values as the YAML.
/// </summary>
public static class PeerFormats
{
    // ---- SurveyJS -------------------------------------------------------------------------------------------

    public static string SurveyJs(Model m)
    {
        var elements = new JsonArray();
        foreach (var g in m.Groups)
            elements.Add(new JsonObject
            {
                ["type"] = "paneldynamic", ["name"] = g.Id, ["title"] = "Home blood pressure readings", ["panelCount"] = 0,
                ["templateElements"] = new JsonArray(
                    new JsonObject { ["type"] = "text", ["inputType"] = "datetime-local", ["name"] = g.Taken },
                    new JsonObject { ["type"] = "text", ["inputType"] = "number", ["name"] = g.Systolic, ["min"] = 50, ["max"] = 300 },
                    new JsonObject { ["type"] = "text", ["inputType"] = "number", ["name"] = g.Diastolic, ["min"] = 30, ["max"] = 200 },
                    new JsonObject { ["type"] = "text", ["name"] = g.Notes, ["maxLength"] = 200, ["visibleIf"] = $"{{panel.{g.Systolic}}} >= 180" }),
            });
        var n = 0;
        foreach (var (section, items) in m.Sections)
        {
            n++;
            var inner = new JsonArray();
            foreach (var item in items)
            {
                var q = new JsonObject { ["name"] = item.Id, ["title"] = $"Question {item.Id}" };
                switch (item.Type)
                {
                    case Kind.Integer or Kind.Decimal: q["type"] = "text"; q["inputType"] = "number"; break;
                    case Kind.Boolean: q["type"] = "boolean"; break;
                    case Kind.Date: q["type"] = "text"; q["inputType"] = "date"; break;
                    case Kind.DateTime: q["type"] = "text"; q["inputType"] = "datetime-local"; break;
                    case Kind.Choice: q["type"] = "radiogroup"; q["choices"] = new JsonArray("a", "b", "c"); break;
                    default: q["type"] = "text"; break;
                }
                if (item.When is { } c) q["visibleIf"] = SurveyCondition(c);
                inner.Add(q);
            }
            elements.Add(new JsonObject { ["type"] = "panel", ["name"] = section, ["title"] = $"Section {n}", ["elements"] = inner });
        }
        var values = new JsonArray();
        foreach (var v in m.Values) values.Add(new JsonObject { ["name"] = v.Name, ["expression"] = SurveyValue(v) });
        var survey = new JsonObject
        {
            ["title"] = $"Generated questionnaire ({m.Shape.Items} items)",
            // A hidden question's answer counts nowhere, as in HistoryEngine and in a FHIR response.
            ["clearInvisibleValues"] = "onHidden",
            ["pages"] = new JsonArray(new JsonObject { ["name"] = "all", ["elements"] = elements }),
            ["calculatedValues"] = values,
        };
        return survey.ToJsonString(new JsonSerializerOptions { WriteIndented = false });
    }

    private static string SurveyCondition(Condition c) => c.Kind switch
    {
        CondKind.Chain or CondKind.Fan => $"{{{c.Ref}}} > 5",
        CondKind.Mixed => $"{{{c.Ref}}} = true and ({{{c.Ref2}}} = 'a' or {{{c.Ref2}}} = 'b') and {{hub}} >= {c.N}",
        _ => $"{{panel.{c.Ref}}} >= 180",
    };

    private static string SurveyValue(Value v) => v.Kind switch
    {
        // Systolic is answered first in every reading, so the readings with a systolic are all the readings.
        ValueKind.Count => $"countInArray({{{v.Over!.Id}}}, '{v.Over.Systolic}')",
        ValueKind.AvgSystolic => $"avgInArray({{{v.Over!.Id}}}, '{v.Over.Systolic}')",
        ValueKind.AvgDiastolic => $"avgInArray({{{v.Over!.Id}}}, '{v.Over.Diastolic}')",
        ValueKind.AnySevere => $"countInArray({{{v.Over!.Id}}}, '{v.Over.Systolic}', '{{{v.Over.Systolic}}} >= 180') > 0",
        ValueKind.MaxSystolic => $"maxInArray({{{v.Over!.Id}}}, '{v.Over.Systolic}')",
        ValueKind.HighCount => $"countInArray({{{v.Over!.Id}}}, '{v.Over.Systolic}', '{{{v.Over.Systolic}}} >= 135')",
        _ => "iif({chain_1} notempty and {chain_2} notempty and {chain_3} notempty, {chain_1} + {chain_2} + {chain_3}, 0)",
    };

    // ---- FHIRPath ---------------------------------------------------------------------------------------------

    /// <summary>
    /// The FHIRPath that reaches a question's answers from the QuestionnaireResponse, which is the focus. Authors
    /// usually start such paths at <c>%resource</c>, but over Firely's POCO nodes that made one evaluation about 3 times
    /// slower (1,380 against 484 µs on a 202-item response, in a probe on this machine), so the peer is given the
    /// faster form: the same answers, reached from the focus.
    /// </summary>
    public static string AnswerPath(Model m, string id)
    {
        var section = m.Questions.First(q => q.Id == id).Section;
        return $"item.where(linkId='{section}').item.where(linkId='{id}').answer.value";
    }

    /// <summary>
    /// enableWhenExpression of a question in a section (focus: the response); for a reading's notes, the focus is
    /// the reading's own item in the response.
    /// </summary>
    public static string FhirCondition(Model m, Condition c, Func<string, string> answer) => c.Kind switch
    {
        CondKind.Chain or CondKind.Fan => $"{answer(c.Ref)} > 5",
        CondKind.Mixed => $"{answer(c.Ref)} = true and ({answer(c.Ref2!)}.code = 'a' or {answer(c.Ref2!)}.code = 'b') and {answer(Hub)} >= {c.N}",
        _ => $"item.where(linkId='{c.Ref}').answer.value >= 180",
    };

    /// <summary>calculatedExpression of each value, over the whole response.</summary>
    public static string FhirValue(Model m, Value v, Func<string, string> answer)
    {
        if (v.Kind == ValueKind.ChainStart)
        {
            var sum = $"{answer("chain_1")} + {answer("chain_2")} + {answer("chain_3")}";
            return $"iif(({sum}).exists(), {sum}, 0)";
        }
        var g = v.Over!;
        var readings = $"item.where(linkId='{g.Id}')";
        var systolic = $"{readings}.item.where(linkId='{g.Systolic}').answer.value";
        var diastolic = $"{readings}.item.where(linkId='{g.Diastolic}').answer.value";
        return v.Kind switch
        {
            ValueKind.Count => $"{readings}.count()",
            ValueKind.AvgSystolic => $"iif({systolic}.exists(), {systolic}.sum() / {systolic}.count(), 0)",
            ValueKind.AvgDiastolic => $"iif({diastolic}.exists(), {diastolic}.sum() / {diastolic}.count(), 0)",
            ValueKind.AnySevere => $"{systolic}.where($this >= 180).exists()",
            ValueKind.MaxSystolic => $"{systolic}.aggregate(iif($total.empty() or $this > $total, $this, $total))",
            _ => $"{systolic}.where($this >= 135).count()",
        };
    }
}
