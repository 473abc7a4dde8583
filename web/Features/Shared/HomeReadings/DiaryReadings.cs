using System.Globalization;
using HistoryEngine.Runtime;
using HistoryEngine.Web.Infrastructure.Questionnaires;
using Q = HistoryEngine.Web.Infrastructure.Questionnaires.DiaryQuestionnaire;

namespace HistoryEngine.Web.Features.Shared.HomeReadings;

/// <summary>One reading of a diary. Numbers are null where unanswered or in error; <see cref="SetAside"/> when it
/// falls on the first day, which the file sets aside from the average (NICE NG136 1.2.7, written in the file).</summary>
public sealed record DiaryReading(int Index, DateTime? Taken, decimal? Systolic, decimal? Diastolic, decimal? Pulse,
    string? Arm, string? Notes, bool HasProblem, bool SetAside)
{
    public string Path => $"{Q.Readings}[{Index}]";

    /// <summary>A time and both numbers: a reading that can be drawn and compared.</summary>
    public bool IsComplete => Taken is not null && Systolic is not null && Diastolic is not null;

    /// <summary>The same reading entered again: the same time and the same numbers (the arm and note aside).</summary>
    public bool IsSameReadingAs(DiaryReading other) =>
        Taken is not null && Taken == other.Taken && Systolic == other.Systolic && Diastolic == other.Diastolic && Pulse == other.Pulse;
}

/// <summary>The readings of one day; the first day's are set aside.</summary>
public sealed record DiaryDay(DateOnly? Date, bool SetAside, IReadOnlyList<DiaryReading> Readings);

/// <summary>
/// A home blood pressure diary's readings and where it stands, read from a session of the diary (the patient's draft,
/// or a submission replayed for the clinician). The clinical sums (which day is first, the averages, how many days
/// are needed and advised) are the questionnaire file's calculated values, never worked out here.
/// </summary>
public sealed class DiaryReadings
{
    private static readonly CultureInfo English = CultureInfo.GetCultureInfo("en-GB");

    /// <summary>The readings of a session of the diary, or null when its questionnaire is not a diary.</summary>
    public static DiaryReadings? Of(Session session) =>
        Q.IsDiary(session.Questionnaire) ? new DiaryReadings(session) : null;

    public DiaryReadings(Session session)
    {
        var values = session.CalculatedValues;
        int? Value(string name) => IntValue(values.GetValueOrDefault(name));
        FirstDay = DateValue(values.GetValueOrDefault(Q.Values.FirstDay));
        Total = Value(Q.Values.ReadingsTotal) ?? 0;
        ReadingsCounted = Value(Q.Values.ReadingsCounted);
        DaysCounted = Value(Q.Values.DaysCounted);
        DaysRecorded = Value(Q.Values.DaysRecorded) ?? 0;
        MoreDaysNeeded = Value(Q.Values.MoreDaysNeeded);
        DaysNeeded = Value(Q.Values.DaysNeeded);
        DaysAdvised = Value(Q.Values.DaysAdvised);
        AverageSystolic = Value(Q.Values.AverageSystolic);
        AverageDiastolic = Value(Q.Values.AverageDiastolic);
        Average = DiaryAverage.From(name => values.GetValueOrDefault(name), Total);
        Lines = Value(Q.Values.LineSystolic) is { } lineSys && Value(Q.Values.LineDiastolic) is { } lineDia ? new BpLines(lineSys, lineDia) : null;
        var errorPaths = session.Errors.Select(e => e.Path).ToList();
        var count = session.InstanceCount(Q.Readings);
        for (var i = 0; i < count; i++)
        {
            var prefix = $"{Q.Readings}[{i}]";
            object? Answer(string id) => session.GetAnswer($"{prefix}.{id}");
            var taken = DateTimeValue(Answer(Q.Taken));
            All.Add(new DiaryReading(i, taken, Answer(Q.Systolic) as decimal?, Answer(Q.Diastolic) as decimal?,
                Answer(Q.Pulse) as decimal?, Answer(Q.Arm) as string, Answer(Q.Notes) as string,
                errorPaths.Any(p => p.StartsWith(prefix + ".", StringComparison.Ordinal)),
                taken is { } t && DateOnly.FromDateTime(t) == FirstDay));
        }
        Days = [.. All.OrderBy(r => r.Taken ?? DateTime.MaxValue).ThenBy(r => r.Index)
            .GroupBy(r => r.Taken is { } t ? DateOnly.FromDateTime(t) : (DateOnly?)null)
            .Select(g => new DiaryDay(g.Key, g.Key is { } d && d == FirstDay, [.. g]))];
    }

    /// <summary>Every reading, in the order they were added.</summary>
    public List<DiaryReading> All { get; } = [];

    /// <summary>The readings with a time and both numbers, oldest first.</summary>
    public IReadOnlyList<DiaryReading> Complete => [.. All.Where(r => r.IsComplete).OrderBy(r => r.Taken).ThenBy(r => r.Index)];

    public IReadOnlyList<DiaryDay> Days { get; }
    public DateOnly? FirstDay { get; }
    public int Total { get; }
    /// <summary>Readings and days counted towards the average (the first day's set aside).</summary>
    public int? ReadingsCounted { get; }
    public int? DaysCounted { get; }
    public int DaysRecorded { get; }
    public int? MoreDaysNeeded { get; }
    /// <summary>Days with readings that complete the diary, and the days NICE advises ideally: the file's values.</summary>
    public int? DaysNeeded { get; }
    public int? DaysAdvised { get; }
    public int? AverageSystolic { get; }
    public int? AverageDiastolic { get; }
    /// <summary>The average as one blood pressure, with what it means and what happens next (the file's words).</summary>
    public DiaryAverage Average { get; }

    /// <summary>The file's home average lines (line_systolic, line_diastolic), drawn on the chart.</summary>
    public BpLines? Lines { get; }

    /// <summary>Enough days for an average (the file's own count).</summary>
    public bool EnoughDays => Total > 0 && MoreDaysNeeded == 0;

    /// <summary>The complete readings as chart points, the first day's set aside.</summary>
    public IReadOnlyList<BpPoint> Points =>
        [.. Complete.Select(r => new BpPoint(r.Taken!.Value, r.Systolic!.Value, r.Diastolic!.Value, r.SetAside))];

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
            return days;
        }
    }

    public static string Plural(int n, string word) =>
        n.ToString(English) + " " + (n == 1 ? word : word + "s");

    public static string Number(decimal? n) => n is { } v ? v.ToString("0.##", English) : "";

    private static DateOnly? DateValue(object? value) =>
        value is string s && DateOnly.TryParseExact(s, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? d : null;

    private static DateTime? DateTimeValue(object? value) =>
        value is string s && DateTime.TryParse(s, CultureInfo.InvariantCulture, DateTimeStyles.None, out var t) ? t : null;

    internal static int? IntValue(object? value) => value switch
    {
        decimal d => (int)d,
        int i => i,
        long l => (int)l,
        _ => null,
    };
}

/// <summary>
/// A diary's average as the patient reads it: one blood pressure ("145/91"), what it means and what happens next,
/// or how many more days are needed. Every number and every sentence is the questionnaire file's (its values
/// average_systolic, average_diastolic, average_meaning, average_next, days_needed, more_days_needed); read from a
/// session of the diary or from a sent diary's stored result alike.
/// </summary>
public sealed record DiaryAverage(int? Systolic, int? Diastolic, string? Meaning, string? Next, int? DaysNeeded, int? MoreDaysNeeded, bool HasReadings)
{
    /// <summary>The diary has enough days for an average (the file's count).</summary>
    public bool Complete => HasReadings && MoreDaysNeeded == 0 && Systolic is not null && Diastolic is not null;

    /// <summary>The average as one blood pressure, systolic first: "145/91"; null until the diary is complete.</summary>
    public string? Pressure => Complete ? $"{Systolic}/{Diastolic}" : null;

    /// <summary>Reads the file's values by name (a session's calculated values, or a stored result's).</summary>
    public static DiaryAverage From(Func<string, object?> value, int readingsTotal) => new(
        DiaryReadings.IntValue(value(Q.Values.AverageSystolic)), DiaryReadings.IntValue(value(Q.Values.AverageDiastolic)),
        value(Q.Values.AverageMeaning) as string, value(Q.Values.AverageNext) as string,
        DiaryReadings.IntValue(value(Q.Values.DaysNeeded)), DiaryReadings.IntValue(value(Q.Values.MoreDaysNeeded)), readingsTotal > 0);

    /// <summary>A sent diary's average, from its stored result (numbers stored as text).</summary>
    public static DiaryAverage From(StoredResult result) => From(name =>
        result.Values.FirstOrDefault(v => v.Name == name)?.Text is { } text
            ? decimal.TryParse(text, NumberStyles.Number, CultureInfo.InvariantCulture, out var d) ? d : text
            : null,
        (int)(result.Number(Q.Values.ReadingsTotal) ?? 0));
}
