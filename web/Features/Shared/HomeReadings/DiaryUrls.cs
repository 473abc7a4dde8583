using HistoryEngine.Web.Features.Shared.Answering;
using HistoryEngine.Web.Infrastructure.Questionnaires;

namespace HistoryEngine.Web.Features.Shared.HomeReadings;

/// <summary>The diary's addresses, in one place so that links and redirects agree.</summary>
public static class DiaryUrls
{
    public static string Diary(string patientId) => $"/Diary/{Uri.EscapeDataString(patientId)}";

    public static string Reading(string patientId, int index) => $"{Diary(patientId)}/reading/{index}";

    public static string Remove(string patientId, int index) => $"{Reading(patientId, index)}/remove";

    /// <summary>Where a link to a questionnaire leads: the diary page for the diary, the journey for the rest.</summary>
    public static string StartOf(string patientId, string questionnaireId) => questionnaireId == DiaryQuestionnaire.Id
        ? Diary(patientId)
        : JourneyUrls.Start(patientId, questionnaireId);
}
