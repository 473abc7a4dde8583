using HistoryEngine.Definitions.Yaml;
using HistoryEngine.Diagnostics;

namespace HistoryEngine.Definitions;

/// <summary>
/// Reads questionnaire files into definitions: native YAML (with its modules) and FHIR R4 JSON. It never throws
/// for a bad file: every problem is a diagnostic with the file's own position.
/// </summary>
public static class QuestionnaireLoader
{
    /// <summary>Files larger than this are refused before parsing, so a huge file cannot stall a load.</summary>
    public const long MaxFileBytes = 2 * 1024 * 1024;

    /// <summary>Reads from the file system; tests give their own reader.</summary>
    public static QuestionnaireDefinition? Load(string path, DiagnosticBag diagnostics) =>
        new Session(diagnostics).Load(path, [], SourceSpan.None);

    /// <summary>
    /// True for files a folder search treats as questionnaires: YAML that is not a scenario file, and JSON that
    /// declares itself a FHIR Questionnaire (a folder may also hold answers and responses).
    /// </summary>
    public static bool IsQuestionnaireFile(string path)
    {
        var name = System.IO.Path.GetFileName(path);
        if (name.EndsWith(".tests.yaml", StringComparison.OrdinalIgnoreCase) || name.EndsWith(".tests.yml", StringComparison.OrdinalIgnoreCase)) return false;
        if (name.EndsWith(".yaml", StringComparison.OrdinalIgnoreCase) || name.EndsWith(".yml", StringComparison.OrdinalIgnoreCase)) return true;
        return name.EndsWith(".json", StringComparison.OrdinalIgnoreCase) && LooksLikeFhirQuestionnaire(path);
    }

    private static bool LooksLikeFhirQuestionnaire(string path)
    {
        try
        {
            using var reader = new StreamReader(path);
            var buffer = new char[4096];
            var read = reader.ReadBlock(buffer, 0, buffer.Length);
            return System.Text.RegularExpressions.Regex.IsMatch(new string(buffer, 0, read), "\"resourceType\"\\s*:\\s*\"Questionnaire\"");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return true;
        }
    }

    internal static string? ReadText(string path, SourceSpan at, DiagnosticBag diagnostics)
    {
        try
        {
            var info = new FileInfo(path);
            if (!info.Exists)
            {
                diagnostics.Report(at.Line == 0 ? new SourceSpan(path, 0, 0) : at, Codes.CannotRead, Directory.Exists(path) ? "it is a folder" : "no such file");
                return null;
            }
            if (info.Length > MaxFileBytes)
            {
                diagnostics.Report(new SourceSpan(path, 1, 1), Codes.FileTooLarge, info.Length, MaxFileBytes);
                return null;
            }
            return File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            diagnostics.Report(new SourceSpan(path, 0, 0), Codes.CannotRead, e.Message);
            return null;
        }
    }

    /// <summary>One load, with its include stack (for loops) and the modules already read.</summary>
    private sealed class Session(DiagnosticBag diagnostics)
    {
        private readonly Dictionary<string, QuestionnaireDefinition?> _modules = new(StringComparer.Ordinal);

        public QuestionnaireDefinition? Load(string path, List<string> stack, SourceSpan includedAt)
        {
            var text = ReadText(path, includedAt, diagnostics);
            if (text is null) return null;
            if (path.EndsWith(".json", StringComparison.OrdinalIgnoreCase))
                return Fhir.FhirQuestionnaireReader.Read(path, text, diagnostics);
            var root = YamlReader.Read(path, text, diagnostics);
            if (root is null) return null;
            stack.Add(System.IO.Path.GetFullPath(path));
            var directory = System.IO.Path.GetDirectoryName(path) ?? "";
            var reader = new YamlQuestionnaireReader(path, diagnostics,
                (include, span) => LoadModule(System.IO.Path.Combine(directory, include), span, stack),
                (side, span) => ReadText(System.IO.Path.Combine(directory, side), span, new DiagnosticBag()));
            var definition = reader.Read(root, text);
            stack.RemoveAt(stack.Count - 1);
            return definition;
        }

        private QuestionnaireDefinition? LoadModule(string path, SourceSpan span, List<string> stack)
        {
            var full = System.IO.Path.GetFullPath(path);
            if (stack.Contains(full))
            {
                var loop = stack.SkipWhile(s => s != full).Append(full).Select(System.IO.Path.GetFileName);
                diagnostics.Report(span, Codes.IncludeCycle, System.IO.Path.GetFileName(path), string.Join(" -> ", loop));
                return null;
            }
            if (_modules.TryGetValue(full, out var cached)) return cached;
            if (!File.Exists(path))
            {
                diagnostics.Report(span, Codes.IncludeNotFound, path);
                return null;
            }
            var inner = new DiagnosticBag();
            var module = new Session(inner) { }.LoadWith(_modules, path, stack, span);
            diagnostics.AddRange(inner.Items);
            if (inner.HasErrors) diagnostics.Report(span, Codes.IncludeHasErrors, path);
            _modules[full] = inner.HasErrors ? null : module;
            return _modules[full];
        }

        private QuestionnaireDefinition? LoadWith(Dictionary<string, QuestionnaireDefinition?> modules, string path, List<string> stack, SourceSpan span)
        {
            foreach (var (k, v) in modules) _modules[k] = v;
            return Load(path, stack, span);
        }
    }
}
