using System.Text.Json;
using HistoryEngine.Runtime;
using HistoryEngine.Scenarios;

namespace HistoryEngine.Tests;

/// <summary>Builds questionnaires from YAML text written in a test, through the same loader the CLI uses.</summary>
internal static class Questionnaires
{
    /// <summary>Loads YAML text as a questionnaire file; the file is deleted afterwards.</summary>
    public static QuestionnaireFile Load(string yaml)
    {
        using var folder = new TempFolder();
        var file = QuestionnaireFile.Load(folder.Write("q.yaml", yaml));
        return file;
    }

    /// <summary>Compiles YAML text that must be free of errors; fails the test with the diagnostics otherwise.</summary>
    public static CompiledQuestionnaire Compile(string yaml)
    {
        var file = Load(yaml);
        Assert.True(file.Compiled is not null, "the questionnaire has errors:\n" + string.Join("\n", file.Diagnostics));
        return file.Compiled!;
    }

    /// <summary>The diagnostic codes YAML text gives, in order.</summary>
    public static IReadOnlyList<string> Codes(string yaml) => [.. Load(yaml).Diagnostics.Select(d => d.Code)];

    public static readonly DateTimeOffset Now = new(2026, 3, 8, 9, 0, 0, TimeSpan.Zero);

    /// <summary>A session with a fixed clock (2026-03-08T09:00 unless told) and the answers given as a JSON object.</summary>
    public static Session Start(CompiledQuestionnaire q, string answersJson = "{}", DateTimeOffset? now = null)
    {
        var session = q.CreateSession(new FixedClock(now ?? Now));
        using var doc = JsonDocument.Parse(answersJson);
        session.SetAnswers(doc.RootElement);
        return session;
    }

    /// <summary>A JSON value as a session takes it (numbers, strings, arrays and objects as given).</summary>
    public static JsonElement Json(string json)
    {
        using var doc = JsonDocument.Parse(json);
        return doc.RootElement.Clone();
    }
}
