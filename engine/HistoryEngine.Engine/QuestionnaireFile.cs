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

    /// <summary>
    /// The questions marked <c>review_only</c> (answers only the clinician reads), in this file and the modules it
    /// includes, each once: what the clinical safety officer reviews. Empty for a file that does not compile.
    /// </summary>
    public IEnumerable<ItemDefinition> ReviewOnlyItems()
    {
        if (Compiled is null) return [];
        static IEnumerable<ItemDefinition> All(IEnumerable<ItemDefinition> items) =>
            items.SelectMany(i => All(i.Module?.Items ?? i.Items).Prepend(i));
        return All(Compiled.Definition.Items).Where(i => i.ReviewOnly is not null).DistinctBy(i => i.Span);
    }

    /// <summary>
    /// Loads, checks and compiles one file (from disk unless <paramref name="files"/> says otherwise). Never throws for a
    /// bad file. A file with errors in its structure is still checked as far as it could be read (its expressions,
    /// templates, names and dependencies), so that an author sees every mistake in one pass; it is not compiled.
    /// </summary>
    public static QuestionnaireFile Load(string path, IQuestionnaireFiles? files = null)
    {
        var diagnostics = new DiagnosticBag();
        var definition = QuestionnaireLoader.Load(path, diagnostics, files);
        var compiled = definition is null ? null : QuestionnaireCompiler.Compile(definition, diagnostics, [Fhir.FhirPathBinding.Language]);
        return new QuestionnaireFile(path, compiled, diagnostics.Sorted());
    }

    /// <summary>
    /// Compiles an archived version from the files it was read from (<see cref="QuestionnaireDefinition.SourceFiles"/>),
    /// so a submission can be shown against the exact definition it was answered with.
    /// </summary>
    public static QuestionnaireFile FromSources(IReadOnlyList<SourceFile> sources)
    {
        var files = new MemoryFiles(sources.Select(s => new KeyValuePair<string, string>(s.RelativePath, s.Text)));
        return Load(sources[0].RelativePath, files);
    }

    /// <summary>Every questionnaire file under the given files and folders, each loaded on its own so one bad file stops none of the others.</summary>
    public static IReadOnlyList<QuestionnaireFile> LoadAll(IEnumerable<string> paths) =>
        [.. Expand(paths).Select(p => Load(p))];

    /// <summary>The questionnaire files named, with folders searched recursively, in a stable order. A care plan
    /// named on its own is a care plan (<see cref="CarePlans.CarePlanFile"/>), not a questionnaire.</summary>
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
            else if (!CarePlans.CarePlanFile.IsCarePlanFile(path)) yield return path;
        }
    }
}
