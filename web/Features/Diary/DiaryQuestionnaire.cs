namespace HistoryEngine.Web.Features.Diary;

/// <summary>The diary page is for one questionnaire, whose item names are fixed (other systems post them too).</summary>
public static class DiaryQuestionnaire
{
    public const string Id = "home-bp-diary";
    public const string Readings = "readings";
    /// <summary>The ids of the diary file's entries for the average home readings (the codes are the file's).</summary>
    public const string AverageSystolicEntry = "average-systolic", AverageDiastolicEntry = "average-diastolic";

    /// <summary>Every (system, code) the diary file files an average under, for systolic and for diastolic.</summary>
    public static (IReadOnlySet<(string, string)> Systolic, IReadOnlySet<(string, string)> Diastolic) AverageCodes(
        HistoryEngine.Runtime.CompiledQuestionnaire? diary)
    {
        IReadOnlySet<(string, string)> Codes(string entryId) =>
            (diary?.Definition.Entries.Where(e => e.Id == entryId).SelectMany(e => e.Codings).Select(c => (c.System, c.Code)) ?? []).ToHashSet();
        return (Codes(AverageSystolicEntry), Codes(AverageDiastolicEntry));
    }
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
