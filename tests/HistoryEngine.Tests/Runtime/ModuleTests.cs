namespace HistoryEngine.Tests.Runtime;

/// <summary>Included modules: their items, values and rules are named with the module's prefix and work as in their own file.</summary>
public sealed class ModuleTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public ModuleTests()
    {
        _folder.Write("modules/mood.yaml", """
            id: mood
            version: 1.0.0
            module: true
            items:
              - id: low
                type: choice
                options:
                  - code: never
                    score: 0
                  - code: often
                    score: 3
              - id: why
                type: text
                enable_when: low == 'often'
            values:
              - name: total
                expr: score(low)
            rules:
              - id: low_mood
                when: total >= 3
                level: soon
                clinician: Low mood ({{ total }}).
                source: PHQ-2
            checks:
              - id: short
                item: why
                assert: why != 'x'
                message: Say a little more.
            """);
        _folder.Write("main.yaml", """
            id: main
            version: 1.0.0
            items:
              - id: before
                include: modules/mood.yaml
              - id: after
                include: modules/mood.yaml
                enable_when: answered(before.low)
            values:
              - name: change
                expr: after.total - before.total
            """);
    }

    public void Dispose() => _folder.Dispose();

    private HistoryEngine.Runtime.CompiledQuestionnaire Compile()
    {
        var file = QuestionnaireFile.Load(Path.Combine(_folder.Path, "main.yaml"));
        Assert.True(file.Compiled is not null, string.Join("\n", file.Diagnostics));
        return file.Compiled!;
    }

    [Fact]
    public void ModuleIncludedTwice_GivesTwoPrefixedCopies()
    {
        var q = Compile();
        Assert.Equal(["before", "before.low", "before.why", "after", "after.low", "after.why"], q.ItemIds);
    }

    [Fact]
    public void ModuleAnswers_ValuesAndRules_UseQualifiedNames()
    {
        var session = Questionnaires.Start(Compile(), """{"before.low": "often", "after.low": "never", "before.why": "x"}""");
        var r = session.Result();
        Assert.Equal(3m, r.Values["before.total"]);
        Assert.Equal(0m, r.Values["after.total"]);
        Assert.Equal(-3m, r.Values["change"]);
        var flag = Assert.Single(r.Flags);
        Assert.Equal(("before.low_mood", "Low mood (3)."), (flag.Rule, flag.Clinician));
        var error = Assert.Single(r.Errors);
        Assert.Equal(("HE2011", "before.why"), (error.Code, error.Item));
        Assert.Contains("before.why", r.Enabled);
        Assert.DoesNotContain("after.why", r.Enabled);
    }

    [Fact]
    public void DisabledModuleGroup_DisablesTheModulesItems()
    {
        var session = Questionnaires.Start(Compile(), """{"after.low": "often"}""");
        var r = session.Result();
        Assert.False(session.IsEnabled("after.low"));
        Assert.Null(r.Values["after.total"]);
        Assert.Empty(r.Flags);
    }
}
