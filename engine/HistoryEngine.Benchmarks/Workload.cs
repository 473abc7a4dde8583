namespace HistoryEngine.Benchmarks;

/// <summary>Where the benchmarks find the repository's questionnaires and write the generated one.</summary>
public static class Workload
{
    public const string GeneratedName = "generated-2000";

    /// <summary>
    /// The repository root: <c>HISTORYENGINE_ROOT</c> when set (bench.sh sets it), else the nearest folder above the
    /// running program (or the current folder) that holds HistoryEngine.sln.
    /// </summary>
    public static string RepositoryRoot()
    {
        if (Environment.GetEnvironmentVariable("HISTORYENGINE_ROOT") is { Length: > 0 } root) return Path.GetFullPath(root);
        foreach (var start in new[] { AppContext.BaseDirectory, Directory.GetCurrentDirectory() })
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
                if (File.Exists(Path.Combine(dir.FullName, "HistoryEngine.sln"))) return dir.FullName;
        throw new InvalidOperationException("Cannot find the repository (HistoryEngine.sln); set HISTORYENGINE_ROOT");
    }

    /// <summary>
    /// Every questionnaire the practice ships: each *.yaml / *.yml in questionnaires/ that is not a scenario file
    /// (*.tests.yaml), relative to the repository root, in a stable order. Found at run time, so new files are measured
    /// without touching the benchmarks.
    /// </summary>
    public static IReadOnlyList<string> ShippedQuestionnaires()
    {
        var root = RepositoryRoot();
        var folder = Path.Combine(root, "questionnaires");
        if (!Directory.Exists(folder)) return [];
        // Top level only: questionnaires/modules/ holds modules that questionnaires include, not questionnaires.
        return [.. Directory.EnumerateFiles(folder, "*", SearchOption.TopDirectoryOnly)
            .Where(p => p.EndsWith(".yaml", StringComparison.OrdinalIgnoreCase) || p.EndsWith(".yml", StringComparison.OrdinalIgnoreCase))
            .Where(Definitions.QuestionnaireLoader.IsQuestionnaireFile)
            .Select(p => Path.GetRelativePath(root, p).Replace('\\', '/'))
            .Order(StringComparer.Ordinal)];
    }

    /// <summary>
    /// Writes the generated 2,000-item questionnaire into a fresh folder of its own (under the system temp folder) and
    /// returns its path; <see cref="Cleanup"/> removes it. Nothing is read that the benchmark did not write itself.
    /// </summary>
    public static string WriteGenerated(QuestionnaireGenerator.Shape? shape = null)
    {
        shape ??= new QuestionnaireGenerator.Shape();
        var dir = Path.Combine(Path.GetTempPath(), $"historyengine-bench-{Environment.ProcessId}-{Guid.NewGuid():N}");
        return QuestionnaireGenerator.Write(Path.Combine(dir, $"generated-{shape.Items}.yaml"), shape);
    }

    /// <summary>The generated sizes measured: 200, 2,000 and 20,000 items (half of them with a condition).</summary>
    public static readonly int[] Sizes = [200, 2000, 20000];

    /// <summary>The item count of a "generated-N" case, or null.</summary>
    public static int? GeneratedSize(string questionnaire) =>
        questionnaire.StartsWith("generated-", StringComparison.Ordinal) && int.TryParse(questionnaire["generated-".Length..], out var n) ? n : null;

    /// <summary>
    /// The file for a benchmark parameter: the generated questionnaire or the sample are written to a fresh temporary
    /// folder (<paramref name="written"/> is then its path, for <see cref="Cleanup"/>); a shipped one is used in place.
    /// </summary>
    public static string Resolve(string questionnaire, out string? written)
    {
        if (GeneratedSize(questionnaire) is { } size) return written = WriteGenerated(new QuestionnaireGenerator.Shape(size));
        switch (questionnaire)
        {
            case SampleQuestionnaire.Name:
                var dir = Path.Combine(Path.GetTempPath(), $"historyengine-bench-{Environment.ProcessId}-{Guid.NewGuid():N}");
                Directory.CreateDirectory(dir);
                written = Path.Combine(dir, SampleQuestionnaire.Name + ".yaml");
                File.WriteAllText(written, SampleQuestionnaire.Text);
                return written;
            default:
                written = null;
                return Path.Combine(RepositoryRoot(), questionnaire);
        }
    }

    /// <summary>What the compile benchmarks measure: the generated and sample questionnaires, then every shipped one.</summary>
    public static IEnumerable<string> CompileCases() => [.. Sizes.Select(n => $"generated-{n}"), SampleQuestionnaire.Name, .. ShippedQuestionnaires()];

    public static void Cleanup(string? generatedPath)
    {
        if (generatedPath is null) return;
        var dir = Path.GetDirectoryName(generatedPath);
        if (dir is not null && Directory.Exists(dir)) Directory.Delete(dir, recursive: true);
    }
}
