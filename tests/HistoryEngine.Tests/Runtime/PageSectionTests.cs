using HistoryEngine.Runtime;

namespace HistoryEngine.Tests.Runtime;

/// <summary>A page's section: its own, else that of the page before it; a module's pages take the section of the page
/// that includes the module, whatever the module's own file says.</summary>
public sealed class PageSectionTests : IDisposable
{
    private readonly TempFolder _folder = new();

    [Fact]
    public void APage_IsInTheSectionItNames_OrElseInThatOfThePageBefore_AndAModulesPagesInTheirHosts()
    {
        _folder.Write("modules/inner.yaml", """
            id: inner
            version: 1.0.0
            module: true
            items:
              - {id: a, type: boolean, review_only: test}
              - {id: b, type: boolean, review_only: test}
            pages:
              - {id: pa, section: Inner section, items: [a]}
              - {id: pb, items: [b]}
            """);
        var file = QuestionnaireFile.Load(_folder.Write("main.yaml", """
            id: main
            version: 1.0.0
            items:
              - {id: one, type: boolean, review_only: test}
              - {id: two, type: boolean, review_only: test}
              - {id: mod, include: modules/inner.yaml}
              - {id: three, type: boolean, review_only: test}
            pages:
              - {id: p1, section: Start, items: [one]}
              - {id: p2, items: [two]}
              - {id: p3, section: Middle, items: [mod]}
              - {id: p4, section: End, items: [three]}
            """));
        Assert.True(file.Compiled is not null, string.Join("\n", file.Diagnostics));

        Assert.Equal(["p1 Start", "p2 Start", "mod.pa Middle", "mod.pb Middle", "p4 End"],
            file.Compiled!.Pages.Select(p => $"{p.Id} {p.Section}"));
    }

    [Fact]
    public void AFileWithoutSections_HasNone() =>
        Assert.All(Questionnaires.Compile("""
            id: plain
            version: 1.0.0
            items:
              - {id: one, type: boolean, review_only: test}
            """).Pages, p => Assert.Null(p.Section));

    [Fact]
    public void EntryNameAndMissingMessage_AreRead_AndEntryNameIsOnlyForARepeatingGroup()
    {
        var q = Questionnaires.Compile("""
            id: words
            version: 1.0.0
            items:
              - {id: smoker, type: boolean, required: true, missing_message: Select yes if you smoke, review_only: test}
              - id: allergies
                type: group
                repeats: true
                entry_name: Allergy
                items:
                  - {id: substance, type: text, review_only: test}
            """);
        Assert.Equal("Select yes if you smoke", q.GetItem("smoker")!.Definition.MissingMessage);
        Assert.Equal("Allergy", q.GetItem("allergies")!.Definition.EntryName);
        Assert.Contains("HE1107", Questionnaires.Codes("""
            id: wrong
            version: 1.0.0
            items:
              - {id: smoker, type: boolean, entry_name: Smoker, review_only: test}
            """));
    }

    public void Dispose() => _folder.Dispose();
}
