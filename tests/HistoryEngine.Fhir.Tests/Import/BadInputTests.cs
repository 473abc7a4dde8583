using HistoryEngine.Definitions;

namespace HistoryEngine.Fhir.Tests.Import;

/// <summary>Bad input is a diagnostic with its position, never an exception.</summary>
public sealed class BadInputTests
{
    private static Diagnostics.Diagnostic Error(string json, string code)
    {
        var file = TestFiles.LoadJson(json);
        Assert.Null(file.Compiled);
        var error = file.Diagnostics.FirstOrDefault(d => d.IsError && d.Code == code);
        Assert.True(error is not null, TestFiles.Codes(file.Diagnostics));
        return error!;
    }

    [Fact]
    public void MalformedJson_IsHE4001_AtTheBadToken()
    {
        var e = Error("{\n  \"resourceType\": \"Questionnaire\",\n  \"item\": [ , ]\n}", "HE4001");
        Assert.Equal((3, 13), (e.Span.Line, e.Span.Column));
    }

    [Fact]
    public void AnotherResourceType_IsHE4002_AtTheResourceType()
    {
        var e = Error("{\n  \"resourceType\": \"Patient\"\n}", "HE4002");
        Assert.Equal((2, 19), (e.Span.Line, e.Span.Column));
        Assert.Contains("Patient", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Stu3Content_IsHE4003()
    {
        var e = Error("""
            {"resourceType": "Questionnaire", "status": "active", "item": [
              {"linkId": "a", "type": "choice", "option": [{"valueString": "x"}]}]}
            """, "HE4003");
        Assert.Equal((2, 37), (e.Span.Line, e.Span.Column));
        Assert.Contains("STU3", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void R5Content_IsHE4003()
    {
        var e = Error("""
            {"resourceType": "Questionnaire", "status": "active", "item": [
              {"linkId": "a", "type": "coding", "answerConstraint": "optionsOnly"}]}
            """, "HE4003");
        Assert.Contains("R5", e.Message, StringComparison.Ordinal);
        Assert.Equal(2, e.Span.Line);
    }

    [Fact]
    public void LinkIdUsedTwice_IsHE4012_AtTheSecond()
    {
        var e = Error("""
            {"resourceType": "Questionnaire", "status": "active", "item": [
              {"linkId": "a", "type": "boolean"},
              {"linkId": "a", "type": "string"}]}
            """, "HE4012");
        Assert.Equal((3, 4), (e.Span.Line, e.Span.Column));
    }

    [Fact]
    public void EnableWhenOnUnknownLinkId_IsHE4007_AtTheQuestion()
    {
        var e = Error("""
            {"resourceType": "Questionnaire", "status": "active", "item": [
              {"linkId": "smoker", "type": "boolean"},
              {"linkId": "b", "type": "string", "enableWhen": [{"question": "smoekr", "operator": "exists", "answerBoolean": true}]}]}
            """, "HE4007");
        Assert.Equal((3, 65), (e.Span.Line, e.Span.Column));
        Assert.Contains("smoker", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FhirPathThatDoesNotParse_IsHE4008_InTheExpression()
    {
        var e = Error("""
            {"resourceType": "Questionnaire", "status": "active", "item": [
              {"linkId": "a", "type": "integer"},
              {"linkId": "b", "type": "integer", "extension": [{"url": "http://hl7.org/fhir/uv/sdc/StructureDefinition/sdc-questionnaire-calculatedExpression",
                "valueExpression": {"language": "text/fhirpath", "expression": "%resource.item.where(linkId = 'a' + "}}]}]}
            """, "HE4008");
        Assert.Equal(4, e.Span.Line);
    }

    [Fact]
    public void UnknownModifierExtension_IsHE4009()
    {
        var e = Error("""
            {"resourceType": "Questionnaire", "status": "active", "item": [
              {"linkId": "a", "type": "boolean", "modifierExtension": [{"url": "http://example.org/negate", "valueBoolean": true}]}]}
            """, "HE4009");
        Assert.Equal(2, e.Span.Line);
    }

    [Theory]
    [InlineData("")]
    [InlineData("[]")]
    [InlineData("\"text\"")]
    [InlineData("{\"resourceType\": \"Questionnaire\", \"item\": 3}")]
    [InlineData("{\"resourceType\": \"Questionnaire\", \"item\": [{\"linkId\": 1, \"type\": 2}]}")]
    [InlineData("{\"resourceType\": \"Questionnaire\", \"item\": [{\"linkId\": \"a\", \"type\": \"integer\", \"enableWhen\": {}}]}")]
    [InlineData("{\"resourceType\": \"Questionnaire\", \"item\": [{\"linkId\": \"a\", \"type\": \"choice\", \"answerValueSet\": \"#missing\"}]}")]
    public void OddInput_IsADiagnostic_NeverAnException(string json)
    {
        var file = TestFiles.LoadJson(json);
        Assert.True(file.HasErrors);
        Assert.All(file.Diagnostics, d => Assert.True(d.Span.Line > 0, d.ToString()));
    }
}
