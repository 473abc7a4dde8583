namespace HistoryEngine.Tests.Shipped;

/// <summary>A submission is shown against the exact definition it was answered with, even after the file changes.</summary>
public sealed class ArchivedVersionTests
{
    private static readonly string BpCheck = Path.Combine(ShippedQuestionnaireTests.Folder, "bp-check.yaml");

    [Fact]
    public void SourceFiles_CoverTheFileItsModulesAndNarrative()
    {
        var loaded = QuestionnaireFile.Load(BpCheck).Compiled!;
        Assert.Equal(["bp-check.yaml", "modules/bp-symptoms.yaml", "bp-check.narrative.scriban"],
            loaded.Definition.SourceFiles.Select(f => f.RelativePath));
    }

    [Fact]
    public void FromSources_CompilesTheSameQuestionnaire_WithTheSameHashAndResults()
    {
        var original = QuestionnaireFile.Load(BpCheck).Compiled!;
        var archived = QuestionnaireFile.FromSources(original.Definition.SourceFiles).Compiled!;
        Assert.Equal(original.Hash, archived.Hash);

        string Summary(global::HistoryEngine.Runtime.CompiledQuestionnaire q)
        {
            var session = q.CreateSession();
            session.SetAnswer("measured_at", "2026-03-01T08:00");
            session.SetAnswer("readings[0].systolic", 150);
            session.SetAnswer("readings[0].diastolic", 90);
            session.SetAnswer("symptoms_now.symptoms", new[] { "none" });
            return session.Result().Summary;
        }
        Assert.Equal(Summary(original), Summary(archived));
    }

    [Fact]
    public void EditingAModule_ChangesTheHashOfTheQuestionnaireThatIncludesIt()
    {
        var original = QuestionnaireFile.Load(BpCheck).Compiled!;
        var sources = original.Definition.SourceFiles
            .Select(f => f.RelativePath.StartsWith("modules/", StringComparison.Ordinal) ? f with { Text = f.Text.Replace("Chest pain", "Chest ache", StringComparison.Ordinal) } : f)
            .ToList();
        var edited = QuestionnaireFile.FromSources(sources).Compiled!;
        Assert.NotEqual(original.Hash, edited.Hash);
    }
}
