using HistoryEngine.Runtime;

namespace HistoryEngine.Web.Infrastructure.Questionnaires;

/// <summary>The home average lines of a blood pressure chart, in mmHg.</summary>
public sealed record BpLines(decimal Systolic, decimal Diastolic);

/// <summary>
/// The home blood pressure diary as the catalog loaded it. The diary page is built for this one questionnaire, whose
/// item and value names are fixed (other systems post them too); what they mean clinically (which day is set aside,
/// how many days make a diary, which codes the averages are filed under) is the file's. Worked out once, when the
/// catalog loads; immutable, so safe to share.
/// </summary>
public sealed class DiaryQuestionnaire
{
    public const string Id = "home-bp-diary";

    /// <summary>The repeating group of readings, and the names of a reading's answers.</summary>
    public const string Readings = "readings";
    public const string Taken = "taken", Systolic = "systolic", Diastolic = "diastolic", Pulse = "pulse", Arm = "arm", Notes = "notes";

    /// <summary>The ids of the file's entries for the average home readings (the codes are the file's).</summary>
    public const string AverageSystolicEntry = "average-systolic", AverageDiastolicEntry = "average-diastolic";

    /// <summary>The names of the file's calculated values the site reads.</summary>
    public static class Values
    {
        public const string FirstDay = "first_day", ReadingsTotal = "readings_total", ReadingsCounted = "readings_counted",
            DaysCounted = "days_counted", DaysRecorded = "days_recorded", DaysNeeded = "days_needed",
            DaysAdvised = "days_advised", MoreDaysNeeded = "more_days_needed",
            AverageSystolic = "average_systolic", AverageDiastolic = "average_diastolic",
            LineSystolic = "line_systolic", LineDiastolic = "line_diastolic",
            AverageMeaning = "average_meaning", AverageNext = "average_next";
    }

    internal DiaryQuestionnaire(CompiledQuestionnaire? compiled)
    {
        Compiled = compiled;
        AverageSystolicCodes = CodesOf(compiled, AverageSystolicEntry);
        AverageDiastolicCodes = CodesOf(compiled, AverageDiastolicEntry);
        // The home average lines are the file's (fixed values: worked out with no answers).
        var values = compiled?.CreateSession(TimeProvider.System).CalculatedValues;
        Lines = values?.GetValueOrDefault(Values.LineSystolic) is decimal sys && values.GetValueOrDefault(Values.LineDiastolic) is decimal dia
            ? new BpLines(sys, dia)
            : null;
    }

    /// <summary>The home average lines drawn on a chart, from the file; null when the catalog has no diary.</summary>
    public BpLines? Lines { get; }

    /// <summary>The current version of the diary, or null when the catalog does not offer it.</summary>
    public CompiledQuestionnaire? Compiled { get; }

    /// <summary>Every (system, code) the file files the average systolic under (empty without the diary).</summary>
    public IReadOnlySet<(string System, string Code)> AverageSystolicCodes { get; }

    /// <summary>Every (system, code) the file files the average diastolic under (empty without the diary).</summary>
    public IReadOnlySet<(string System, string Code)> AverageDiastolicCodes { get; }

    /// <summary>Whether a questionnaire has the diary's shape: a repeating group of readings, each with a time and
    /// the two numbers. Older versions of the diary have it too; other questionnaires do not.</summary>
    public static bool IsDiary(CompiledQuestionnaire questionnaire) =>
        questionnaire.GetItem(Readings) is { IsRepeating: true } group
        && new[] { Taken, Systolic, Diastolic }.All(id => group.Children.Any(c => c.Id == id));

    private static HashSet<(string, string)> CodesOf(CompiledQuestionnaire? compiled, string entryId) =>
        [.. (compiled?.Definition.Entries ?? []).Where(e => e.Id == entryId).SelectMany(e => e.Codings).Select(c => (c.System, c.Code))];
}
