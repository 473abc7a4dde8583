using HistoryEngine.Web.Features.Shared.Answering;
using HistoryEngine.Web.Infrastructure.Questionnaires;

namespace HistoryEngine.Web.Features.Shared.HomeReadings;

/// <summary>The diary's addresses, in one place so that links and redirects agree.</summary>
public static class DiaryUrls
{
    public static string Diary(string patientId) => $"/Diary/{Uri.EscapeDataString(patientId)}";

    public static string Reading(string patientId, int index) => $"{Diary(patientId)}/reading/{index}";

    /// <summary>The page that confirms a sent diary.</summary>
    public static string Sent(string patientId, string submissionId) => $"{Diary(patientId)}/sent/{Uri.EscapeDataString(submissionId)}";

    public static string Remove(string patientId, int index) => $"{Reading(patientId, index)}/remove";

    /// <summary>Where a link to a questionnaire leads: the diary page for the diary, the journey for the rest.</summary>
    public static string StartOf(string patientId, string questionnaireId) => questionnaireId == DiaryQuestionnaire.Id
        ? Diary(patientId)
        : JourneyUrls.Start(patientId, questionnaireId);

    /// <summary>Where a link to a sent submission leads: the diary's own confirmation for a diary, the journey's for the rest.</summary>
    public static string SentOf(string patientId, string questionnaireId, string submissionId) => questionnaireId == DiaryQuestionnaire.Id
        ? Sent(patientId, submissionId)
        : JourneyUrls.Sent(patientId, submissionId);
}
