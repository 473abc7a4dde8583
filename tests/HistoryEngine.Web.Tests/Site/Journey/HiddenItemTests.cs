using HistoryEngine.Web.Features.Journey;
using HistoryEngine.Web.Features.Shared.Answering;

namespace HistoryEngine.Web.Tests.Site.Journey;

/// <summary>
/// A FHIR item marked questionnaire-hidden (issue 18.10) is worked out and kept, but never shown to the patient:
/// not on its page, not on the check page, and a page with nothing else is skipped.
/// </summary>
public sealed class HiddenItemTests
{
    private const string Json = """
        {"resourceType": "Questionnaire", "status": "active", "item": [
          {"linkId": "about", "type": "group", "text": "About", "item": [
            {"linkId": "age", "type": "integer", "text": "Age"},
            {"linkId": "decade", "type": "integer", "text": "Decade", "extension": [
              {"url": "http://hl7.org/fhir/StructureDefinition/questionnaire-hidden", "valueBoolean": true},
              {"url": "http://hl7.org/fhir/uv/sdc/StructureDefinition/sdc-questionnaire-calculatedExpression",
               "valueExpression": {"language": "text/fhirpath", "expression": "(%resource.repeat(item).where(linkId = 'age').answer.value / 10).floor()"}}]}]},
          {"linkId": "kept", "type": "string", "text": "Kept for the record", "extension": [
            {"url": "http://hl7.org/fhir/StructureDefinition/questionnaire-hidden", "valueBoolean": true}]}]}
        """;

    private static Runtime.Session Session()
    {
        var path = Path.Combine(Path.GetTempPath(), $"he-hidden-{Guid.NewGuid():N}.json");
        File.WriteAllText(path, Json);
        try
        {
            var file = QuestionnaireFile.Load(path);
            Assert.True(file.Compiled is not null, string.Join("\n", file.Diagnostics));
            var session = file.Compiled!.CreateSession();
            session.SetAnswer("age", 47);
            return session;
        }
        finally { File.Delete(path); }
    }

    [Fact]
    public void HiddenItem_IsWorkedOut_ButNotAField()
    {
        var session = Session();
        Assert.Equal(4m, session.GetAnswer("decade"));
        var fields = new FieldBuilder(session, null, new Dictionary<string, string>(), null).Build(["about"]);
        var group = Assert.Single(fields);
        Assert.Equal(["age"], group.Children.Select(c => c.Path));
    }

    [Fact]
    public void HiddenItems_AreNotOnTheCheckPage_AndTheirPageIsSkipped()
    {
        var session = Session();
        Assert.Equal(["about"], session.EnabledPages.Select(p => p.Id));
        var rows = CheckRows.Build(session, page => "/page/" + page).SelectMany(s => s.Rows).ToList();
        Assert.Equal(["Age"], rows.Select(r => r.Question));
    }
}
