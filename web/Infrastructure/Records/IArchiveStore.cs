using HistoryEngine.Web.Infrastructure.Records.Model;

namespace HistoryEngine.Web.Infrastructure.Records;

/// <summary>The questionnaire archive: the exact files of every version answered, by content hash (write-once).</summary>
public interface IArchiveStore
{
    /// <summary>Keeps the files of one questionnaire version under its content hash; a hash already archived keeps
    /// what was stored first and returns it.</summary>
    Task<ArchivedQuestionnaire> ArchiveQuestionnaireAsync(string hash, string id, string version,
        IReadOnlyList<QuestionnaireSourceFile> files, CancellationToken ct = default);

    /// <summary>The archived version with this content hash, or null.</summary>
    Task<ArchivedQuestionnaire?> GetArchivedQuestionnaireAsync(string hash, CancellationToken ct = default);
}
