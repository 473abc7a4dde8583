using System.Collections.Immutable;
using System.Text.RegularExpressions;
using HistoryEngine.Definitions.Yaml;
using HistoryEngine.Diagnostics;

namespace HistoryEngine.Definitions;

/// <summary>
/// Reads questionnaire files into definitions: native YAML (with its modules) and FHIR R4 JSON. It never throws
/// for a bad file: every problem is a diagnostic with the file's own position.
/// </summary>
public static partial class QuestionnaireLoader
{
    /// <summary>Files larger than this are refused before parsing, so a huge file cannot stall a load.</summary>
    public const long MaxFileBytes = 2 * 1024 * 1024;

    /// <summary>Loads one file and everything it includes; problems go to <paramref name="diagnostics"/>.</summary>
    public static QuestionnaireDefinition? Load(string path, DiagnosticBag diagnostics, IQuestionnaireFiles? files = null)
    {
        var load = new LoadSession(diagnostics, files ?? DiskFiles.Instance);
        var definition = load.Load(path, SourceSpan.None);
        if (definition is null) return null;
        var folder = System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(path)) ?? "";
        var result = definition with
        {
            SourceFiles = [.. load.Read.Select(f => new SourceFile(System.IO.Path.GetRelativePath(folder, f.Key).Replace('\\', '/'), f.Value))],
        };
        Fhir.FhirQuestionnaireInfo.Carry(definition, result);
        return result;
    }

    /// <summary>
    /// True for files a folder search treats as questionnaires: YAML that is not a scenario file or a care plan, and JSON that
    /// declares itself a FHIR Questionnaire (a folder may also hold answers and responses).
    /// </summary>
    public static bool IsQuestionnaireFile(string path)
    {
        var name = System.IO.Path.GetFileName(path);
        if (name.EndsWith(".tests.yaml", StringComparison.OrdinalIgnoreCase) || name.EndsWith(".tests.yml", StringComparison.OrdinalIgnoreCase)) return false;
        if (CarePlans.CarePlanFile.IsCarePlanFile(path)) return false;
        if (name.EndsWith(".yaml", StringComparison.OrdinalIgnoreCase) || name.EndsWith(".yml", StringComparison.OrdinalIgnoreCase)) return true;
        return name.EndsWith(".json", StringComparison.OrdinalIgnoreCase) && LooksLikeFhirQuestionnaire(path);
    }

    [GeneratedRegex("\"resourceType\"\\s*:\\s*\"Questionnaire\"")]
    private static partial Regex FhirQuestionnaireMarker();

    private static bool LooksLikeFhirQuestionnaire(string path)
    {
        try
        {
            using var reader = new StreamReader(path);
            var buffer = new char[4096];
            var read = reader.ReadBlock(buffer, 0, buffer.Length);
            return FhirQuestionnaireMarker().IsMatch(new string(buffer, 0, read));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return true; // let the load report why it cannot be read
        }
    }

    internal static string? ReadText(string path, SourceSpan at, DiagnosticBag diagnostics, IQuestionnaireFiles? files = null)
    {
        files ??= DiskFiles.Instance;
        var where = at.Line == 0 ? new SourceSpan(path, 0, 0) : at;
        try
        {
            var length = files.Length(path);
            if (length is null)
            {
                diagnostics.Report(where, Codes.CannotRead, files.IsFolder(path) ? "it is a folder" : "no such file");
                return null;
            }
            if (length > MaxFileBytes)
            {
                diagnostics.Report(new SourceSpan(path, 1, 1), Codes.FileTooLarge, length, MaxFileBytes);
                return null;
            }
            return files.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            diagnostics.Report(where, Codes.CannotRead, e.Message);
            return null;
        }
    }

    /// <summary>One load: the files read so far (for the hash and the archive), the modules loaded, the include stack.</summary>
    private sealed class LoadSession(DiagnosticBag diagnostics, IQuestionnaireFiles files)
    {
        private readonly Dictionary<string, QuestionnaireDefinition?> _modules = new(StringComparer.Ordinal);
        private readonly List<string> _stack = [];

        /// <summary>Every file read, by full path, in the order first read.</summary>
        public List<KeyValuePair<string, string>> Read { get; } = [];

        private string? ReadLogged(string path, SourceSpan at, DiagnosticBag bag)
        {
            var text = ReadText(path, at, bag, files);
            var full = System.IO.Path.GetFullPath(path);
            if (text is not null && Read.All(r => r.Key != full)) Read.Add(new(full, text));
            return text;
        }

        public QuestionnaireDefinition? Load(string path, SourceSpan includedAt) => Load(path, includedAt, diagnostics);

        private QuestionnaireDefinition? Load(string path, SourceSpan includedAt, DiagnosticBag bag)
        {
            var text = ReadLogged(path, includedAt, bag);
            if (text is null) return null;
            var directory = System.IO.Path.GetDirectoryName(path) ?? "";
            if (path.EndsWith(".json", StringComparison.OrdinalIgnoreCase))
                return Checked(Fhir.FhirQuestionnaireReader.Read(path, text, bag,
                    side => ReadLogged(System.IO.Path.Combine(directory, side), new SourceSpan(path, 1, 1), new DiagnosticBag())), bag);
            var root = YamlReader.Read(path, text, bag);
            if (root is null) return null;
            _stack.Add(System.IO.Path.GetFullPath(path));
            var reader = new YamlQuestionnaireReader(path, bag,
                (include, span) => LoadModule(System.IO.Path.Combine(directory, include), span, bag),
                (side, span) => ReadLogged(System.IO.Path.Combine(directory, side), span, new DiagnosticBag()));
            var definition = reader.Read(root);
            _stack.RemoveAt(_stack.Count - 1);
            return Checked(definition, bag);
        }

        /// <summary>Checks the codes the file writes, whichever format it is in; a module's go into its own bag, so a bad code makes it a module with errors.</summary>
        private static QuestionnaireDefinition? Checked(QuestionnaireDefinition? definition, DiagnosticBag bag)
        {
            if (definition is not null) CodeCheck.Check(definition, bag);
            return definition;
        }

        private QuestionnaireDefinition? LoadModule(string path, SourceSpan span, DiagnosticBag bag)
        {
            var full = System.IO.Path.GetFullPath(path);
            if (_stack.Contains(full))
            {
                var loop = _stack.SkipWhile(s => s != full).Append(full).Select(System.IO.Path.GetFileName);
                bag.Report(span, Codes.IncludeCycle, System.IO.Path.GetFileName(path), string.Join(" -> ", loop));
                return null;
            }
            if (_modules.TryGetValue(full, out var cached)) return cached;
            if (files.Length(path) is null)
            {
                bag.Report(span, Codes.IncludeNotFound, path);
                return null;
            }
            var inner = new DiagnosticBag();
            var module = Load(path, span, inner);
            bag.AddRange(inner.Items);
            if (inner.HasErrors) bag.Report(span, Codes.IncludeHasErrors, path);
            return _modules[full] = inner.HasErrors ? null : module;
        }
    }
}
