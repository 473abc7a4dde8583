using HistoryEngine.Definitions;

namespace HistoryEngine.Tests.Security;

/// <summary>
/// Narrative and message templates use Scriban's syntax but our own checker and evaluator: nothing in a template can
/// reach .NET objects, files, the network or the clock, or loop without end. Each attempt is a load-time error.
/// </summary>
public sealed class TemplateSandboxTests
{
    private static IReadOnlyList<string> CodesFor(string template)
    {
        var yaml = $"""
            id: q
            version: 1.0.0
            items:
              - {"{"}id: name, type: text{"}"}
            narrative: {System.Text.Json.JsonSerializer.Serialize(template)}
            """;
        var loaded = QuestionnaireFile.Load("q.yaml", new MemoryFiles([new("q.yaml", yaml)]));
        Assert.Null(loaded.Compiled);
        return [.. loaded.Diagnostics.Where(d => d.IsError).Select(d => d.Code)];
    }

    [Theory]
    [InlineData("{{ name.GetType }}")]                       // reflection on a value
    [InlineData("{{ name.Length }}")]                        // .NET members of a string
    [InlineData("{{ include 'secrets.txt' }}")]              // Scriban's include reads files
    [InlineData("{{ import 'System' }}")]
    [InlineData("{{ date.now }}")]                           // Scriban's own clock, not the session's
    [InlineData("{{ object.eval 'x' }}")]
    [InlineData("{{ x = 1 }}")]                              // assignment
    [InlineData("{{ func f; ret 1; end }}")]                 // function definitions (recursion)
    [InlineData("{{ while true }}x{{ end }}")]               // loops that need no list
    [InlineData("{{ for i in 1..100000000 }}x{{ end }}")]    // ranges
    [InlineData("{{ capture x }}y{{ end }}")]
    [InlineData("{{ $0 }}")]
    [InlineData("{{ name | string.upcase }}")]               // pipes into Scriban's built-in library
    public void Template_ThatReachesOutsideTheLanguage_IsALoadError(string template) =>
        Assert.NotEmpty(CodesFor(template));

    [Fact]
    public void Template_CanUseTheQuestionnairesOwnNames_AndNothingElse()
    {
        var yaml = """
            id: q
            version: 1.0.0
            items:
              - {id: name, type: text}
            narrative: "Name: {{ name ?? 'not given' }}"
            """;
        var loaded = QuestionnaireFile.Load("q.yaml", new MemoryFiles([new("q.yaml", yaml)]));
        var session = loaded.Compiled!.CreateSession();
        session.SetAnswer("name", "{{ name }} <script>alert(1)</script>");
        // Answers are data, never template code: they are printed as they were written.
        Assert.Equal("Name: {{ name }} <script>alert(1)</script>", session.Result().Summary);
    }
}
