namespace HistoryEngine.Tests.Runtime;

/// <summary>The content hash names the exact text a submission was answered with: the file, its modules and its narrative.</summary>
public class ContentHashTests
{
    private const string Main = """
        id: main
        version: 1.0.0
        items:
          - id: mood
            include: mood.yaml
          - id: smoker
            type: boolean
        narrative_file: summary.scriban
        """;

    private const string Module = """
        id: mood
        version: 1.0.0
        module: true
        items:
          - id: low
            type: boolean
        """;

    private static string HashOf(TempFolder folder)
    {
        var file = QuestionnaireFile.Load(Path.Combine(folder.Path, "main.yaml"));
        Assert.True(file.Compiled is not null, string.Join("\n", file.Diagnostics));
        return file.Compiled!.Hash;
    }

    private static TempFolder Write(string main = Main, string module = Module, string narrative = "Smoker: {{ smoker }}")
    {
        var folder = new TempFolder();
        folder.Write("main.yaml", main);
        folder.Write("mood.yaml", module);
        folder.Write("summary.scriban", narrative);
        return folder;
    }

    [Fact]
    public void SameFiles_GiveTheSameHash()
    {
        using var one = Write();
        using var two = Write();
        Assert.Equal(HashOf(one), HashOf(two));
    }

    [Fact]
    public void ChangingTheFile_ChangesTheHash()
    {
        using var before = Write();
        using var after = Write(main: Main.Replace("id: smoker", "id: smoker\n    text: Do you smoke?", StringComparison.Ordinal));
        Assert.NotEqual(HashOf(before), HashOf(after));
    }

    [Fact]
    public void ChangingAComment_ChangesTheHash()
    {
        using var before = Write();
        using var after = Write(main: "# reviewed by Dr A\n" + Main);
        Assert.NotEqual(HashOf(before), HashOf(after));
    }

    [Fact]
    public void ChangingAnIncludedModule_ChangesTheHash()
    {
        using var before = Write();
        using var after = Write(module: Module.Replace("type: boolean", "type: boolean\n    text: Feeling low?", StringComparison.Ordinal));
        Assert.NotEqual(HashOf(before), HashOf(after));
    }

    [Fact]
    public void ChangingTheNarrativeFile_ChangesTheHash()
    {
        using var before = Write();
        using var after = Write(narrative: "Smokes: {{ smoker }}");
        Assert.NotEqual(HashOf(before), HashOf(after));
    }

    [Fact]
    public void ModuleItems_AreNamedWithTheModulePrefix()
    {
        using var folder = Write();
        var q = QuestionnaireFile.Load(Path.Combine(folder.Path, "main.yaml")).Compiled!;
        Assert.Equal(["mood", "mood.low", "smoker"], q.ItemIds);
    }
}
