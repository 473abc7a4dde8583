using HistoryEngine.Runtime;

namespace HistoryEngine.Tests.Runtime;

/// <summary>
/// What the clinician is shown first comes from the file: the values it labels for the clinician (modules' by their
/// qualified names) and the question it names as the reason for contact.
/// </summary>
public sealed class ClinicianValuesTests
{
    [Fact]
    public void LabelledValues_AreTheClinicians_InOrder_ModulesByQualifiedName()
    {
        var dir = Directory.CreateTempSubdirectory("he-clinician-values-").FullName;
        try
        {
            File.WriteAllText(Path.Combine(dir, "score.yaml"), """
                id: score
                version: 1.0.0
                module: true
                items:
                  - {id: a, type: integer}
                values:
                  - {name: answered_count, expr: "answered(a) ? 1 : 0"}
                  - {name: total, expr: a, clinician_label: Score total, description: The total.}
                """);
            File.WriteAllText(Path.Combine(dir, "main.yaml"), """
                id: main
                version: 1.0.0
                reason: words
                items:
                  - {id: words, type: long_text}
                  - {id: score, include: score.yaml}
                values:
                  - {name: band, expr: "score.total >= 10 ? 'high' : 'low'", clinician_label: Band}
                  - {name: working, expr: score.total * 2}
                """);
            var file = QuestionnaireFile.Load(Path.Combine(dir, "main.yaml"));
            Assert.False(file.HasErrors, string.Join("\n", file.Diagnostics));
            var q = file.Compiled!;

            Assert.Equal([new ValueInfo("band", "Band", null), new ValueInfo("score.total", "Score total", "The total.") { Module = "score" }],
                q.ClinicianValues.OrderBy(v => v.Name, StringComparer.Ordinal));
            Assert.Equal("words", q.Definition.Reason);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public void AFileWithoutLabels_ShowsTheClinicianNoValues() =>
        Assert.Empty(Questionnaires.Compile("""
            id: plain
            version: 1.0.0
            items:
              - {id: a, type: integer}
            values:
              - {name: doubled, expr: a * 2}
            """).ClinicianValues);
}
