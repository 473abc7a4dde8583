namespace HistoryEngine.Web.Infrastructure.Questionnaires;

/// <summary>Turns the engine's load results for a folder into a <see cref="QuestionnaireCatalog"/>.</summary>
internal static class CatalogLoader
{
    public static QuestionnaireCatalog Load(string folder, ILogger logger)
    {
        if (!Directory.Exists(folder))
        {
            logger.LogWarning("The questionnaires folder {Folder} does not exist: no questionnaire is offered", folder);
            return new QuestionnaireCatalog(folder, []);
        }

        var files = new List<CatalogFile>();
        var ids = new HashSet<string>(StringComparer.Ordinal);
        foreach (var loaded in QuestionnaireFile.LoadAll([folder]))
        {
            var relative = Path.GetRelativePath(folder, loaded.Path).Replace('\\', '/');
            // Diagnostics name files relative to the folder too, so an admin sees what the authoring tool would.
            var diagnostics = loaded.Diagnostics.Select(d => d.ToString().Replace(folder + Path.DirectorySeparatorChar, "")).ToList();
            var compiled = loaded.Compiled;
            if (compiled is null)
                files.Add(new CatalogFile(relative, CatalogOutcome.Failed, null, diagnostics));
            else if (compiled.Definition.IsModule)
                files.Add(new CatalogFile(relative, CatalogOutcome.Module, compiled, diagnostics));
            else if (!ids.Add(compiled.Id))
                files.Add(new CatalogFile(relative, CatalogOutcome.Failed, compiled,
                    [.. diagnostics, $"{relative}: error: another file already has the id '{compiled.Id}', so this one is not offered"]));
            else
                files.Add(new CatalogFile(relative, CatalogOutcome.Offered, compiled, diagnostics));
        }

        foreach (var failed in files.Where(f => f.Outcome == CatalogOutcome.Failed))
            logger.LogError("Questionnaire {File} is not offered:\n{Diagnostics}", failed.RelativePath,
                string.Join('\n', failed.Diagnostics));
        return new QuestionnaireCatalog(folder, files);
    }
}
