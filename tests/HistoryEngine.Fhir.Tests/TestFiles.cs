using HistoryEngine.Diagnostics;
using HistoryEngine.Fhir;
using HistoryEngine.Runtime;
using HistoryEngine.Scenarios;

namespace HistoryEngine.Fhir.Tests;

/// <summary>
/// Finds the project's own FHIR fixtures, the shipped questionnaires and (where it is present) the external corpus,
/// and loads questionnaires written in a test.
/// </summary>
internal static class TestFiles
{
    /// <summary>The external corpus in <c>../shared</c>, or null on a clone that has none beside it (CI has it).</summary>
    public static readonly string? Corpus = Find(Path.Combine("shared", "corpus", "fhir-questionnaires"), sibling: true);
    public static readonly string Questionnaires = Find("questionnaires", sibling: false)
        ?? throw new DirectoryNotFoundException($"questionnaires not found above {AppContext.BaseDirectory}");
    /// <summary>The project's own FHIR questionnaires and responses (Fixtures/), copied beside the test assembly.</summary>
    public static readonly string Fixtures = Path.Combine(AppContext.BaseDirectory, "Fixtures");

    public const string NoCorpus = "the external corpus (../shared/corpus/fhir-questionnaires) is not beside this clone";

    private static string? Find(string relative, bool sibling)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, relative);
            if (Directory.Exists(candidate) && (sibling || File.Exists(Path.Combine(dir.FullName, "HistoryEngine.sln")))) return candidate;
        }
        return null;
    }

    /// <summary>A file of the external corpus; the calling test is reported as skipped where there is no corpus.</summary>
    public static string CorpusFile(string name)
    {
        Skip.If(Corpus is null, NoCorpus);
        return Path.Combine(Corpus!, name);
    }

    /// <summary>A file of the project's own fixtures.</summary>
    public static string Fixture(string name) => Path.Combine(Fixtures, name);

    public static QuestionnaireFile LoadFixture(string name)
    {
        var file = QuestionnaireFile.Load(Fixture(name));
        Assert.True(file.Compiled is not null, Codes(file.Diagnostics));
        return file;
    }

    /// <summary>Writes JSON to a temporary .json file and loads it as a questionnaire.</summary>
    public static QuestionnaireFile LoadJson(string json)
    {
        var path = Path.Combine(Path.GetTempPath(), $"he-fhir-{Guid.NewGuid():N}.json");
        File.WriteAllText(path, json);
        try { return QuestionnaireFile.Load(path); }
        finally { File.Delete(path); }
    }

    public static CompiledQuestionnaire Compile(string json)
    {
        var file = LoadJson(json);
        Assert.True(file.Compiled is not null, string.Join("\n", file.Diagnostics));
        return file.Compiled!;
    }

    /// <summary>
    /// A session with these answers. Every questionnaire a test answers is also exported to FHIR, read back, and
    /// given the same answers: the result JSON must be the same (issue 18.2), so each answer set a test uses checks
    /// the export too.
    /// </summary>
    public static Session Session(CompiledQuestionnaire q, string answersJson, string now = "2026-03-01T09:00:00Z")
    {
        var session = Start(q, answersJson, now);
        var back = Exported.GetValue(q, Reimport);
        var expected = Comparable(session.Result());
        var actual = Comparable(Start(back, answersJson, now).Result());
        Assert.True(expected == actual, $"'{q.Id}' behaves differently after export and import for {answersJson}:\nnative:   {expected}\nreimport: {actual}");
        return session;
    }

    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<CompiledQuestionnaire, CompiledQuestionnaire> Exported = new();

    private static CompiledQuestionnaire Reimport(CompiledQuestionnaire q)
    {
        var json = FhirExport.Questionnaire(q);
        var file = LoadJson(json);
        Assert.True(file.Compiled is not null, $"the export of '{q.Id}' does not load back:\n{Codes(file.Diagnostics)}");
        return file.Compiled!;
    }

    private static Session Start(CompiledQuestionnaire q, string answersJson, string now)
    {
        var session = q.CreateSession(new FixedClock(DateTimeOffset.Parse(now, System.Globalization.CultureInfo.InvariantCulture)));
        using var doc = System.Text.Json.JsonDocument.Parse(answersJson);
        session.SetAnswers(doc.RootElement);
        return session;
    }

    /// <summary>The result JSON without the content hash (the exported file is other text, so its hash differs).</summary>
    private static string Comparable(SessionResult result) => ResultJson.Write(result with { Hash = "" });

    public static string Codes(IEnumerable<Diagnostic> diagnostics) => string.Join("\n", diagnostics);

    /// <summary>Runs the authoring tool in process: its exit code, what it printed, and what it wrote to stderr.</summary>
    public static (int Exit, string Out, string Err) RunCli(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var exit = Cli.CommandLine.Run(args, output, error);
        return (exit, output.ToString(), error.ToString());
    }
}
