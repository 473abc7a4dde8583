using System.Collections.Concurrent;
using HistoryEngine.Runtime;
using HistoryEngine.Web.Infrastructure.Records;
using HistoryEngine.Web.Infrastructure.Records.Model;

namespace HistoryEngine.Web.Infrastructure.Questionnaires;

/// <summary>
/// The questionnaires loaded at start-up: those offered to patients (compiled, not modules) by id, and every file
/// with what became of it, for the admin page. Older versions that drafts and submissions were answered with are
/// recompiled from the store's archive on first use and kept. Safe to share: compiled questionnaires are immutable.
/// </summary>
public sealed class QuestionnaireCatalog
{
    private readonly IReadOnlyDictionary<string, CompiledQuestionnaire> _offered;
    private readonly ConcurrentDictionary<string, CompiledQuestionnaire> _byHash = new(StringComparer.Ordinal);

    internal QuestionnaireCatalog(string folder, IReadOnlyList<CatalogFile> files)
    {
        Folder = folder;
        Files = files;
        _offered = files.Where(f => f.IsOffered).ToDictionary(f => f.Compiled!.Id, f => f.Compiled!, StringComparer.Ordinal);
        foreach (var q in _offered.Values)
            _byHash[q.Hash] = q;
        Diary = new DiaryQuestionnaire(Get(DiaryQuestionnaire.Id));
    }

    /// <summary>The folder the questionnaires were loaded from.</summary>
    public string Folder { get; }

    /// <summary>Every file found, in path order, with its outcome.</summary>
    public IReadOnlyList<CatalogFile> Files { get; }

    /// <summary>The home blood pressure diary (its current version and what the site reads from it).</summary>
    public DiaryQuestionnaire Diary { get; }

    /// <summary>The questionnaires patients may start, by title.</summary>
    public IReadOnlyList<CompiledQuestionnaire> Offered =>
        [.. _offered.Values.OrderBy(q => q.Title, StringComparer.CurrentCultureIgnoreCase)];

    /// <summary>The current version of an offered questionnaire, or null (unknown, broken or a module).</summary>
    public CompiledQuestionnaire? Get(string id) => _offered.GetValueOrDefault(id);

    /// <summary>A title for a questionnaire id, even one no longer offered (then the id itself).</summary>
    public string TitleOf(string id) => Get(id)?.Title ?? id;

    /// <summary>What may be filed under a code, from the first offered questionnaire that proposes an entry with it.</summary>
    public EntryRange? EntryRange(string system, string code) =>
        Offered.Select(q => q.RangeOf(system, code)).FirstOrDefault(r => r is not null);

    /// <summary>
    /// The exact version something was answered with: the current one when the hash matches, otherwise the archived
    /// files recompiled. Null when neither is known (an archive lost with its database, say).
    /// </summary>
    public async Task<CompiledQuestionnaire?> ResolveAsync(QuestionnaireRef reference, IArchiveStore store,
        CancellationToken ct = default)
    {
        if (_byHash.TryGetValue(reference.ContentHash, out var known))
            return known;
        var archived = await store.GetArchivedQuestionnaireAsync(reference.ContentHash, ct);
        if (archived is null)
            return null;
        var file = QuestionnaireFile.FromSources([.. archived.Files.Select(f => new Definitions.SourceFile(f.RelativePath, f.Text))]);
        return file.Compiled is { } compiled ? _byHash.GetOrAdd(compiled.Hash, compiled) : null;
    }

    /// <summary>Archives the files of every offered version under its hash (write-once, so repeating is harmless).</summary>
    public async Task ArchiveAsync(IArchiveStore store, CancellationToken ct = default)
    {
        foreach (var q in _offered.Values)
            await store.ArchiveQuestionnaireAsync(q.Hash, q.Id, q.Version,
                [.. q.Definition.SourceFiles.Select(f => new QuestionnaireSourceFile(f.RelativePath, f.Text))], ct);
    }

    /// <summary>The reference a draft or submission keeps to this exact version.</summary>
    public static QuestionnaireRef RefTo(CompiledQuestionnaire q) => new(q.Id, q.Version, q.Hash);
}
