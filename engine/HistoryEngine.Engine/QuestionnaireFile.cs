using HistoryEngine.Definitions;
using HistoryEngine.Diagnostics;
using HistoryEngine.Runtime;

namespace HistoryEngine;

/// <summary>
/// One questionnaire file loaded, checked and compiled: the entry point for the CLI and the site.
/// <see cref="Compiled"/> is null when the file has errors; <see cref="Diagnostics"/> says why.
/// </summary>
public sealed record QuestionnaireFile(string Path, CompiledQuestionnaire? Compiled, IReadOnlyList<Diagnostic> Diagnostics)
{
    public bool HasErrors => Diagnostics.Any(d => d.IsError);

    /// <summary>Loads, checks and compiles one file. Never throws for a bad file.</summary>
    public static QuestionnaireFile Load(string path)
    {
        var diagnostics = new DiagnosticBag();
        var definition = QuestionnaireLoader.Load(path, diagnostics);
        var compiled = definition is null || diagnostics.HasErrors ? null : QuestionnaireCompiler.Compile(definition, diagnostics);
        return new QuestionnaireFile(path, compiled, diagnostics.Sorted());
    }

    /// <summary>Every questionnaire file under the given files and folders, each loaded on its own so one bad file stops none of the others.</summary>
    public static IReadOnlyList<QuestionnaireFile> LoadAll(IEnumerable<string> paths) =>
        [.. Expand(paths).Select(Load)];

    /// <summary>The questionnaire files named, with folders searched recursively, in a stable order.</summary>
    public static IEnumerable<string> Expand(IEnumerable<string> paths)
    {
        foreach (var path in paths)
        {
            if (Directory.Exists(path))
            {
                foreach (var file in Directory.EnumerateFiles(path, "*", SearchOption.AllDirectories)
                             .Where(QuestionnaireLoader.IsQuestionnaireFile).Order(StringComparer.Ordinal))
                    yield return file;
            }
            else yield return path;
        }
    }
}
