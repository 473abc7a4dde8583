namespace HistoryEngine.Fhir.Tests.Sdc;

/// <summary>Issue 18.5: a %name that no variable, launch context or FHIRPath defines where it is used is an error at its position.</summary>
public sealed class VariableScopeTests
{
    private static string Questionnaire(string rootExtensions, string itemExtensions) => $$"""
        {"resourceType": "Questionnaire", "status": "active", "extension": [{{rootExtensions}}], "item": [
          {"linkId": "a", "type": "integer", "text": "A"},
          {"linkId": "g", "type": "group", "text": "G", "item": [
            {"linkId": "b", "type": "integer", "text": "B", "extension": [{{itemExtensions}}]}]}]}
        """;

    private static string Variable(string name, string expression, string language = "text/fhirpath") =>
        $$$"""{"url": "http://hl7.org/fhir/StructureDefinition/variable", "valueExpression": {"name": "{{{name}}}", "language": "{{{language}}}", "expression": "{{{expression}}}"}}""";

    private static string Calculated(string expression) =>
        $$$"""{"url": "http://hl7.org/fhir/uv/sdc/StructureDefinition/sdc-questionnaire-calculatedExpression", "valueExpression": {"language": "text/fhirpath", "expression": "{{{expression}}}"}}""";

    [Fact]
    public void AnUndefinedVariable_IsHE4014_AtItsPosition()
    {
        var file = TestFiles.LoadJson(Questionnaire("", Calculated("%resource.item.where(linkId = 'a').answer.value + %tota")));
        Assert.Null(file.Compiled);
        var error = Assert.Single(file.Diagnostics, d => d.IsError);
        Assert.Equal("HE4014", error.Code);
        Assert.Contains("'%tota'", error.Message, StringComparison.Ordinal);
        // Line 4; the expression starts after the opening quote, and %tota is 50 characters into it.
        Assert.Equal(4, error.Span.Line);
        var line = Questionnaire("", Calculated("%resource.item.where(linkId = 'a').answer.value + %tota")).Split('\n')[3];
        Assert.Equal(line.IndexOf("%tota", StringComparison.Ordinal) + 1, error.Span.Column);
    }

    [Fact]
    public void AVariableUsedBeforeItIsDeclared_OrOnAnotherBranch_IsHE4014()
    {
        var before = TestFiles.LoadJson(Questionnaire(Variable("x", "%y + 1") + "," + Variable("y", "1"), Calculated("%x")));
        Assert.Equal("HE4014", Assert.Single(before.Diagnostics, d => d.IsError).Code);
        // Declared on item b: not seen on the questionnaire.
        var outside = TestFiles.LoadJson(Questionnaire(Variable("x", "%onB"), Variable("onB", "1") + "," + Calculated("%onB")));
        Assert.Equal("HE4014", Assert.Single(outside.Diagnostics, d => d.IsError).Code);
    }

    [Fact]
    public void VariablesInScope_LaunchContexts_AndBuiltins_AreDefined()
    {
        const string launch = """{"url": "http://hl7.org/fhir/uv/sdc/StructureDefinition/sdc-questionnaire-launchContext", "extension": [{"url": "name", "valueCoding": {"code": "patient"}}, {"url": "type", "valueCode": "Patient"}]}""";
        var file = TestFiles.LoadJson(Questionnaire(launch + "," + Variable("one", "1") + "," + Variable("q", "Observation?patient={{%patient.id}}", "application/x-fhir-query"),
            Variable("two", "%one + 1") + "," + Calculated("%two + %resource.item.where(linkId = 'a').answer.value + %context.answer.count() + iif(%patient.exists() or %q.exists(), 100, 0) + %questionnaire.item.count()")));
        Assert.DoesNotContain(file.Diagnostics, d => d.IsError);
        // %patient and %q have no value offline: the calculation is unknown, not worked out as if they were empty.
        var session = TestFiles.Session(file.Compiled!, """{"a": 5}""");
        Assert.Null(session.GetAnswer("b"));
    }

    [Fact]
    public void VariablesThatCanBeWorkedOut_AreNotSpoiltByOneThatCannot()
    {
        const string launch = """{"url": "http://hl7.org/fhir/uv/sdc/StructureDefinition/sdc-questionnaire-launchContext", "extension": [{"url": "name", "valueCoding": {"code": "patient"}}]}""";
        var file = TestFiles.LoadJson(Questionnaire(launch + "," + Variable("age", "%patient.birthDate") + "," + Variable("one", "1"),
            Calculated("%one + %resource.item.where(linkId = 'a').answer.value")));
        Assert.True(file.Compiled is not null, TestFiles.Codes(file.Diagnostics));
        Assert.Equal(6m, TestFiles.Session(file.Compiled!, """{"a": 5}""").GetAnswer("b"));
    }
}
