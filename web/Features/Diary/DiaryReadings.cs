using System.Globalization;
using HistoryEngine.Runtime;

namespace HistoryEngine.Web.Features.Diary;

/// <summary>One reading of the diary as the page lists it. Numbers are null where unanswered or in error.</summary>
public sealed record DiaryReading(int Index, DateTime? Taken, decimal? Systolic, decimal? Diastolic, decimal? Pulse,
    string? Arm, string? Notes, bool HasProblem)
{
    public string Path => $"{DiaryQuestionnaire.Readings}[{Index}]";

    /// <summary>The same reading entered again: the same time and the same numbers (the arm and note aside).</summary>
    public bool IsSameReadingAs(DiaryReading other) =>
        Taken is not null && Taken == other.Taken && Systolic == other.Systolic && Diastolic == other.Diastolic && Pulse == other.Pulse;
}

/// <summary>The readings of one day; the first day's are set aside (NICE NG136 1.2.7, written in the file).</summary>
public sealed record DiaryDay(DateOnly? Date, bool SetAside, IReadOnlyList<DiaryReading> Readings);

/// <summary>
/// The diary's readings and its status, read from the session: the clinical sums (which day is first, the averages,
/// how many more days are needed) are the questionnaire file's calculated values, never worked out here.
/// </summary>
public sealed class DiaryReadings
{
    private static readonly CultureInfo English = CultureInfo.GetCultureInfo("en-GB");

    public DiaryReadings(Session session)
    {
        var values = session.CalculatedValues;
        FirstDay = DateValue(values.GetValueOrDefault("first_day"));
        Total = IntValue(values.GetValueOrDefault("readings_total")) ?? 0;
        DaysRecorded = IntValue(values.GetValueOrDefault("days_recorded")) ?? 0;
        MoreDaysNeeded = IntValue(values.GetValueOrDefault("more_days_needed"));
        DaysNeeded = IntValue(values.GetValueOrDefault("days_needed"));
        DaysAdvised = IntValue(values.GetValueOrDefault("days_advised"));
        AverageSystolic = IntValue(values.GetValueOrDefault("average_systolic"));
        AverageDiastolic = IntValue(values.GetValueOrDefault("average_diastolic"));
        var errorPaths = session.Errors.Select(e => e.Path).ToList();
        var count = session.InstanceCount(DiaryQuestionnaire.Readings);
        for (var i = 0; i < count; i++)
        {
            var prefix = $"{DiaryQuestionnaire.Readings}[{i}]";
            object? Answer(string id) => session.GetAnswer($"{prefix}.{id}");
            All.Add(new DiaryReading(i, DateTimeValue(Answer("taken")), Answer("systolic") as decimal?, Answer("diastolic") as decimal?,
                Answer("pulse") as decimal?, Answer("arm") as string, Answer("notes") as string,
                errorPaths.Any(p => p.StartsWith(prefix + ".", StringComparison.Ordinal))));
        }
        Days = [.. All.OrderBy(r => r.Taken ?? DateTime.MaxValue).ThenBy(r => r.Index)
            .GroupBy(r => r.Taken is { } t ? DateOnly.FromDateTime(t) : (DateOnly?)null)
            .Select(g => new DiaryDay(g.Key, g.Key is { } d && d == FirstDay, [.. g]))];
    }

    public List<DiaryReading> All { get; } = [];
    public IReadOnlyList<DiaryDay> Days { get; }
    public DateOnly? FirstDay { get; }
    public int Total { get; }
    public int DaysRecorded { get; }
    public int? MoreDaysNeeded { get; }
    /// <summary>Days with readings that complete the diary, and the days NICE advises ideally: the file's values.</summary>
    public int? DaysNeeded { get; }
    public int? DaysAdvised { get; }
    public int? AverageSystolic { get; }
    public int? AverageDiastolic { get; }

    /// <summary>Enough days for an average (the file's own count).</summary>
    public bool EnoughDays => Total > 0 && MoreDaysNeeded == 0;

    /// <summary>Where the diary stands, in plain words: "Readings on 2 days. 2 more days needed."</summary>
    public string Status
    {
        get
        {
            if (Total == 0)
                return DaysNeeded is { } needed
                    ? $"You have not added any readings yet. You need readings on at least {Plural(needed, "day")}."
                    : "You have not added any readings yet.";
            var days = $"Readings on {Plural(DaysRecorded, "day")}.";
            if (!EnoughDays)
                return $"{days} {Plural(MoreDaysNeeded ?? 0, "more day")} needed.";
            return AverageSystolic is { } s && AverageDiastolic is { } d
                ? $"{days} Your average is {s}/{d} (not counting your first day)."
                : days;
        }
    }

    public static string Plural(int n, string word) =>
        n.ToString(English) + " " + (n == 1 ? word : word + "s");

    public static string Number(decimal? n) => n is { } v ? v.ToString("0.##", English) : "";

    private static DateOnly? DateValue(object? value) =>
        value is string s && DateOnly.TryParseExact(s, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? d : null;

    public static DateTime? DateTimeValue(object? value) =>
        value is string s && DateTime.TryParse(s, CultureInfo.InvariantCulture, DateTimeStyles.None, out var t) ? t : null;

    private static int? IntValue(object? value) => value switch
    {
        decimal d => (int)d,
        int i => i,
        long l => (int)l,
        _ => null,
    };
}
