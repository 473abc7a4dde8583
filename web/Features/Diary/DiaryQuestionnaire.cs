namespace HistoryEngine.Web.Features.Diary;

/// <summary>The diary page is for one questionnaire, whose item names are fixed (other systems post them too).</summary>
public static class DiaryQuestionnaire
{
    public const string Id = "home-bp-diary";
    public const string Readings = "readings";
}

/// <summary>The diary's addresses, in one place so that links and redirects agree.</summary>
public static class DiaryUrls
{
    public static string Diary(string patientId) => $"/Diary/{Uri.EscapeDataString(patientId)}";

    public static string Reading(string patientId, int index) => $"{Diary(patientId)}/reading/{index}";

    public static string Remove(string patientId, int index) => $"{Reading(patientId, index)}/remove";

    /// <summary>Where a link to a questionnaire leads: the diary page for the diary, the journey for the rest.</summary>
    public static string StartOf(string patientId, string questionnaireId) => questionnaireId == DiaryQuestionnaire.Id
        ? Diary(patientId)
        : Journey.JourneyUrls.Start(patientId, questionnaireId);
}
