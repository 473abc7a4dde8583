using System.Text.Json;

namespace HistoryEngine.Fhir.Tests.Import;

/// <summary>SDC initialExpression: FHIRPath worked out once when a session starts; what it cannot give leaves the item empty.</summary>
public sealed class InitialExpressionTests
{
    private static string Item(string linkId, string type, string expression, string extra = "", string extension = "") => $$$"""
        {"linkId": "{{{linkId}}}", "type": "{{{type}}}", "text": "{{{linkId}}}", {{{extra}}}
         "extension": [{{{extension}}} {"url": "http://hl7.org/fhir/uv/sdc/StructureDefinition/sdc-questionnaire-initialExpression",
                        "valueExpression": {"language": "text/fhirpath", "expression": "{{{expression}}}"}}]}
        """;

    private static string Json(string smallLimit = "") => $$$"""
        {"resourceType": "Questionnaire", "status": "active",
         "extension": [{"url": "http://hl7.org/fhir/uv/sdc/StructureDefinition/sdc-questionnaire-launchContext",
                        "extension": [{"url": "name", "valueCoding": {"code": "patient"}}, {"url": "type", "valueCode": "Patient"}]}],
         "item": [
          {"linkId": "fixed", "type": "integer", "text": "Fixed", "initial": [{"valueInteger": 4}]},
          {{{Item("day", "date", "today()")}}},
          {{{Item("twice", "integer", "%resource.item.where(linkId = 'fixed').answer.value * 2")}}},
          {{{Item("yes", "boolean", "true")}}},
          {{{Item("pick", "choice", "%questionnaire.item.where(linkId = 'pick').answerOption[1].value", "\"answerOption\": [{\"valueCoding\": {\"code\": \"a\"}}, {\"valueCoding\": {\"code\": \"b\"}}],")}}},
          {{{Item("age", "integer", "%patient.birthDate")}}},
          {{{Item("small", "integer", "100", extension: smallLimit)}}}
        ]}
        """;

    private static Dictionary<string, JsonElement> Answers(Runtime.Session session) =>
        JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(session.Result().AnswersJson)!;

    [Fact]
    public void InitialExpressions_AreWorkedOutWhenTheSessionStarts()
    {
        var q = TestFiles.Compile(Json());
        var answers = Answers(TestFiles.Session(q, "{}", now: "2026-03-01T09:00:00Z"));
        Assert.Equal("2026-03-01", answers["day"].GetString());
        Assert.Equal(8, answers["twice"].GetDecimal());
        Assert.True(answers["yes"].GetBoolean());
        Assert.Equal("b", answers["pick"].GetString());
        Assert.False(answers.ContainsKey("age")); // no %patient offline: the item starts empty
        Assert.Equal(100, answers["small"].GetDecimal());
    }

    [Fact]
    public void AnAnswer_ReplacesTheInitialValue()
    {
        var q = TestFiles.Compile(Json());
        Assert.False(Answers(TestFiles.Session(q, """{"yes": false}""")).GetValueOrDefault("yes").GetBoolean());
    }

    [Fact]
    public void AValueTheItemRefuses_LeavesItEmpty()
    {
        var json = Json("""{"url": "http://hl7.org/fhir/StructureDefinition/maxValue", "valueInteger": 10},""");
        Assert.False(Answers(TestFiles.Session(TestFiles.Compile(json), "{}")).ContainsKey("small"));
    }
}
