namespace HistoryEngine.Fhir.Tests.Sdc;

/// <summary>
/// Issue 18.1: an expression depends on what it can reach (repeat(), descendants() and answers() under their focus,
/// narrowed by where(linkId = ...); %questionnaire and contained resources are not the response), so items with
/// children, and conditions on them, are no longer false loops; a real loop is still reported.
/// </summary>
public sealed class DependencyTests
{
    private const string Fixture = "walk-dependencies.json";

    [Fact]
    public void WalkingTheResponse_FromItemsWithChildren_IsNotALoop()
    {
        var file = QuestionnaireFile.Load(TestFiles.Fixture(Fixture));
        Assert.True(file.Compiled is not null, TestFiles.Codes(file.Diagnostics));
        Assert.Empty(file.Diagnostics);
    }

    [Fact]
    public void WhatAWalkReaches_IsKeptUpToDate()
    {
        var q = TestFiles.LoadFixture(Fixture).Compiled!;
        var session = TestFiles.Session(q, """{"smoker": "yes", "per-day": 20, "years": 10}""");
        Assert.True(session.IsEnabled("smoking"));
        Assert.Equal(10m, session.GetAnswer("pack-years"));
        Assert.True(session.IsEnabled("cough"));
        Assert.False(session.IsEnabled("cough-months"));
        Assert.True(session.IsEnabled("extra"));
        Assert.Equal(4m, session.GetAnswer("answered")); // smoker, per-day, years and pack-years, not itself

        session.SetAnswer("smoker", "no");
        Assert.False(session.IsEnabled("smoking"));
        Assert.Null(session.GetAnswer("pack-years")); // its inputs are now disabled
        Assert.Equal(1m, session.GetAnswer("answered"));
        session.SetAnswer("cough", true);
        Assert.True(session.IsEnabled("cough-months"));
        Assert.Equal(2m, session.GetAnswer("answered"));
    }

    [Fact]
    public void Unanswered_NothingWalkedIsShown()
    {
        var session = TestFiles.Session(TestFiles.LoadFixture(Fixture).Compiled!, "{}");
        Assert.False(session.IsEnabled("smoking"));
        Assert.False(session.IsEnabled("cough"));
        Assert.False(session.IsEnabled("extra"));
        Assert.Equal(0m, session.GetAnswer("answered"));
    }

    private static string Calculated(string linkId, string expression) => $$$"""
        {"linkId": "{{{linkId}}}", "type": "integer", "text": "{{{linkId}}}", "extension": [{"url": "http://hl7.org/fhir/uv/sdc/StructureDefinition/sdc-questionnaire-calculatedExpression",
          "valueExpression": {"language": "text/fhirpath", "expression": "{{{expression}}}"}}]}
        """;

    [Fact]
    public void TwoCalculationsThatReadEachOther_AreStillALoop()
    {
        var file = TestFiles.LoadJson($$"""
            {"resourceType": "Questionnaire", "status": "active", "item": [
              {{Calculated("a", "%resource.repeat(item).where(linkId = 'b').answer.value + 1")}},
              {{Calculated("b", "%resource.item.where(linkId = 'a').answer.value + 1")}}]}
            """);
        Assert.Null(file.Compiled);
        Assert.Contains(file.Diagnostics, d => d.Code == "HE1308");
    }

    [Fact]
    public void AConditionOnAGroup_ThatReadsItsOwnChild_IsALoop()
    {
        var file = TestFiles.LoadJson("""
            {"resourceType": "Questionnaire", "status": "active", "item": [
              {"linkId": "g", "type": "group", "text": "G", "extension": [{"url": "http://hl7.org/fhir/uv/sdc/StructureDefinition/sdc-questionnaire-enableWhenExpression",
                 "valueExpression": {"language": "text/fhirpath", "expression": "%resource.repeat(item).where(linkId = 'inner').answer.exists()"}}],
               "item": [{"linkId": "inner", "type": "string", "text": "Inner"}]}]}
            """);
        Assert.Contains(file.Diagnostics, d => d.Code == "HE1308");
    }

    [Fact]
    public void TheQuestionnaireAndConstants_AreNotAnswers()
    {
        // Reads only %questionnaire and a constant: it depends on nothing, and is worked out once.
        var file = TestFiles.LoadJson($$$"""
            {"resourceType": "Questionnaire", "status": "active", "item": [
              {"linkId": "g", "type": "group", "text": "G", "extension": [{"url": "http://hl7.org/fhir/uv/sdc/StructureDefinition/sdc-questionnaire-enableWhenExpression",
                 "valueExpression": {"language": "text/fhirpath", "expression": "%questionnaire.descendants().where(linkId = 'inner').exists()"}}],
               "item": [{"linkId": "inner", "type": "string", "text": "Inner"}, {{{Calculated("count", "%questionnaire.repeat(item).count()")}}}]}]}
            """);
        Assert.True(file.Compiled is not null, TestFiles.Codes(file.Diagnostics));
        var session = TestFiles.Session(file.Compiled!, """{"inner": "x"}""");
        Assert.True(session.IsEnabled("inner"));
        Assert.Equal(3m, session.GetAnswer("count"));
    }
}
