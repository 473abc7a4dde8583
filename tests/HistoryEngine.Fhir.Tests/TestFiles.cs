using HistoryEngine.Diagnostics;
using HistoryEngine.Runtime;
using HistoryEngine.Scenarios;

namespace HistoryEngine.Fhir.Tests;

/// <summary>Finds the corpus and the shipped questionnaires, and loads questionnaires written in a test.</summary>
internal static class TestFiles
{
    public static readonly string Corpus = Find(Path.Combine("shared", "corpus", "fhir-questionnaires"), sibling: true);
    public static readonly string Questionnaires = Find("questionnaires", sibling: false);

    private static string Find(string relative, bool sibling)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, relative);
            if (Directory.Exists(candidate) && (sibling || File.Exists(Path.Combine(dir.FullName, "HistoryEngine.sln")))) return candidate;
        }
        throw new DirectoryNotFoundException($"{relative} not found above {AppContext.BaseDirectory}");
    }

    public static string CorpusFile(string name) => Path.Combine(Corpus, name);

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

    public static Session Session(CompiledQuestionnaire q, string answersJson, string now = "2026-03-01T09:00:00Z")
    {
        var session = q.CreateSession(new FixedClock(DateTimeOffset.Parse(now, System.Globalization.CultureInfo.InvariantCulture)));
        using var doc = System.Text.Json.JsonDocument.Parse(answersJson);
        session.SetAnswers(doc.RootElement);
        return session;
    }

    public static string Codes(IEnumerable<Diagnostic> diagnostics) => string.Join("\n", diagnostics);
}
