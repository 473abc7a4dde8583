namespace HistoryEngine.Fhir.Tests.Sdc;

/// <summary>
/// Issue 18.10: questionnaire-hidden (worked out, not shown) and the itemControl codes that change meaning: page
/// makes top-level groups pages, check-box ticks several only where the item repeats, gtable is a repeating group.
/// </summary>
public sealed class RenderingTests
{
    private const string Fixture = "rendering.json";

    [Fact]
    public void Diagnostics_SayWhatIsApproximated_AndOtherCodesAreIgnored()
    {
        var file = QuestionnaireFile.Load(TestFiles.Fixture(Fixture));
        Assert.True(file.Compiled is not null, TestFiles.Codes(file.Diagnostics));
        Assert.Equal(["HE4053", "HE4053", "HE4053", "HE4051", "HE4053"], file.Diagnostics.Select(d => d.Code));
        Assert.Contains("internal-id", file.Diagnostics[0].Message, StringComparison.Ordinal);
        Assert.Contains("one-tick", file.Diagnostics[1].Message, StringComparison.Ordinal);
        Assert.Contains("tick-yes", file.Diagnostics[2].Message, StringComparison.Ordinal);
        Assert.Contains("inner-page", file.Diagnostics[4].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void PageGroups_AreEachAPage_AndTheItemsBetweenThemShareOne()
    {
        var q = TestFiles.LoadFixture(Fixture).Compiled!;
        Assert.Equal(["about(About you):about", "consent():consent+consent-note", "symptoms(Symptoms):symptoms", "summary(Summary):summary"],
            q.Pages.Select(p => $"{p.Id}({p.Title}):{string.Join("+", p.ItemIds)}"));
    }

    [Fact]
    public void HiddenItems_AreWorkedOut_ButAPageOfThemAloneIsNotShown()
    {
        var q = TestFiles.LoadFixture(Fixture).Compiled!;
        Assert.True(q.GetItem("tick-count")!.Definition.Hidden);
        Assert.False(q.GetItem("internal-id")!.Definition.Required);
        var session = TestFiles.Session(q, """{"ticks": ["a", "c"], "one-tick": "b", "tick-yes": false}""");
        Assert.Equal(2m, session.GetAnswer("tick-count"));
        Assert.Equal(3m, session.GetAnswer("total"));
        Assert.True(session.IsEnabled("summary"));
        Assert.Equal(["about", "consent", "symptoms"], session.EnabledPages.Select(p => p.Id));
        Assert.Null(session.NextPage("symptoms"));
        var result = session.Result();
        Assert.Empty(result.Errors);
        Assert.DoesNotContain("internal-id", result.Missing);
        Assert.Contains("\"total\":3", result.AnswersJson, StringComparison.Ordinal);
    }

    [Fact]
    public void CheckBoxes_TickSeveral_OnlyWhereTheItemRepeats()
    {
        var q = TestFiles.LoadFixture(Fixture).Compiled!;
        Assert.Equal(Definitions.ItemType.MultipleChoice, q.GetItem("ticks")!.Type);
        Assert.Equal(Definitions.ItemType.Choice, q.GetItem("one-tick")!.Type);
        Assert.Equal(Definitions.ItemType.Boolean, q.GetItem("tick-yes")!.Type);
        Assert.Equal("HE2001", Assert.Single(TestFiles.Session(q, """{"one-tick": ["a", "b"]}""").Result().Errors).Code);
        Assert.True(q.GetItem("table")!.IsRepeating);
    }

    [Fact]
    public void Export_WritesTheCodesAndHiddenBack()
    {
        var json = FhirExport.Questionnaire(TestFiles.LoadFixture(Fixture).Compiled!);
        Assert.Empty(Export.FhirValidation.Errors(json));
        Assert.DoesNotContain(EngineExtensions.Page, json, StringComparison.Ordinal);
        Assert.Equal(4, json.Split("\"code\":\"page\"").Length - 1);
        Assert.Equal(3, json.Split("questionnaire-hidden").Length - 1);
    }
}
