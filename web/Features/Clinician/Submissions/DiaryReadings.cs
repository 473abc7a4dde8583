using System.Globalization;
using HistoryEngine.Runtime;
using HistoryEngine.Web.Features.Clinician.Charts;

namespace HistoryEngine.Web.Features.Clinician.Submissions;

/// <summary>One diary reading, and whether it falls on the first day (set aside from the average, NICE NG136 1.2.7).</summary>
public sealed record DiaryReading(int Number, DateTime Taken, int Systolic, int Diastolic, int? Pulse, string? Notes, bool FirstDay);

/// <summary>
/// A home blood pressure diary: a questionnaire whose repeating group <c>readings</c> holds <c>taken</c>,
/// <c>systolic</c> and <c>diastolic</c> (names fixed by the diary's format), with the averages its file worked out.
/// </summary>
public sealed record DiaryReadings(IReadOnlyList<DiaryReading> Readings, decimal? AverageSystolic, decimal? AverageDiastolic,
    decimal? ReadingsCounted, decimal? DaysCounted)
{
    /// <summary>The diary's repeating group of readings.</summary>
    public const string Group = "readings";

    /// <summary>The readings of a diary submission, or null when the questionnaire is not a diary.</summary>
    public static DiaryReadings? From(Session session, StoredResult result)
    {
        var group = session.Questionnaire.GetItem(Group);
        if (group is not { IsRepeating: true } || !new[] { "taken", "systolic", "diastolic" }.All(id => group.Children.Any(c => c.Id == id)))
            return null;
        var raw = new List<(DateTime Taken, int Sys, int Dia, int? Pulse, string? Notes)>();
        for (var k = 0; k < session.InstanceCount("readings"); k++)
        {
            var taken = session.GetAnswer($"readings[{k}].taken") as string;
            if (!DateTime.TryParse(taken, CultureInfo.InvariantCulture, DateTimeStyles.None, out var at)
                || Whole(session.GetAnswer($"readings[{k}].systolic")) is not { } sys
                || Whole(session.GetAnswer($"readings[{k}].diastolic")) is not { } dia)
                continue;
            raw.Add((at, sys, dia, Whole(session.GetAnswer($"readings[{k}].pulse")), session.GetAnswer($"readings[{k}].notes") as string));
        }
        // Which day is set aside is the file's rule (its value first_day), not worked out again here.
        var firstDay = session.CalculatedValues.GetValueOrDefault("first_day") is string day
                       && DateTime.TryParse(day, CultureInfo.InvariantCulture, DateTimeStyles.None, out var first)
            ? first.Date
            : (DateTime?)null;
        var readings = raw.OrderBy(r => r.Taken)
            .Select((r, i) => new DiaryReading(i + 1, r.Taken, r.Sys, r.Dia, r.Pulse, r.Notes, r.Taken.Date == firstDay)).ToList();
        return new DiaryReadings(readings, result.Number("average_systolic"), result.Number("average_diastolic"),
            result.Number("readings_counted"), result.Number("days_counted"));
    }

    /// <summary>The readings as chart points, first-day readings set aside (drawn hollow).</summary>
    public IReadOnlyList<BpPoint> Points =>
        [.. Readings.Select(r => new BpPoint(r.Taken, r.Systolic, r.Diastolic, r.FirstDay))];

    private static int? Whole(object? value) => value switch
    {
        int i => i,
        long l => (int)l,
        decimal d => (int)d,
        _ => null,
    };
}
