using System.Globalization;
using System.Text.Encodings.Web;
using HistoryEngine.Web.Infrastructure.Questionnaires;
using Microsoft.AspNetCore.Html;

namespace HistoryEngine.Web.Features.Shared.HomeReadings;

/// <summary>One blood pressure point: when (UK wall-clock time, as the patient typed it or as UkTime shows an
/// instant), the two numbers, and whether it is set aside from the average (drawn hollow, not joined up).</summary>
public sealed record BpPoint(DateTime At, decimal Systolic, decimal Diastolic, bool SetAside = false);

/// <summary>The words a chart uses for the people who read it (a patient reads "top number", a clinician
/// "systolic"), and where on the page the same numbers are as a table, for screen readers.</summary>
/// <remarks>The words about the dashed lines are formats: {0} is the top line and {1} the bottom, both from the diary file.</remarks>
public sealed record BpChartWords(string Systolic, string Diastolic, string Lines, string FirstDay, string About, string HiddenSummary)
{
    public static readonly BpChartWords Patient = new("Top numbers", "Bottom numbers", "{0} and {1}", "Day 1: not counted",
        "Your GP looks at whether your average is above the dashed lines at {0} (top) and {1} (bottom).",
        "A chart of your readings is shown here, for sighted users.");

    /// <summary>For a care plan's home averages against the patient's own target (the dashed lines). Neutral words: a carer reads them too.</summary>
    public static readonly BpChartWords PatientTarget = new("Top numbers", "Bottom numbers", "The target, below {0}/{1}", "Day 1: not counted",
        "Averages should be below the dashed lines: {0} for the top number and {1} for the bottom number.",
        "A chart of the home averages is shown here, for sighted users. The same numbers are in the table after it.");

    public static readonly BpChartWords Clinician = new("Systolic", "Diastolic", "{0} systolic and {1} diastolic", "Day 1: set aside",
        "Dashed lines at the home average thresholds of the diary file, {0}/{1} mmHg; hollow marks are set aside from the average.",
        "A chart of these readings is shown here, for sighted users.");
}

/// <summary>A chart's numbers as a table, under a caption: what a screen reader reads instead of the chart.</summary>
public sealed record BpTable(string Caption, IReadOnlyList<BpTableRow> Rows);

public sealed record BpTableRow(string When, decimal Systolic, decimal Diastolic);

/// <summary>
/// The one blood pressure chart of the site (the patient's diary, a diary submission, a patient's home trend), drawn
/// on the server as SVG so it shows with JavaScript off: top numbers as circles, bottom numbers as squares (told apart
/// without colour), readings set aside hollow and not joined up, and dashed lines at 135 and 85 mmHg, the home average
/// thresholds of NICE NG136 1.2.8. Colours are attributes (the Content-Security-Policy allows no inline style). The
/// picture is hidden from screen readers: every chart has its numbers as a table, either its own
/// (<see cref="Table"/>) or one on the page that <see cref="TableHref"/> links to.
/// </summary>
public sealed class BpChart
{
    public const int Width = 340, Height = 232;
    /// <summary>The plot's edges; the threshold lines' values stand in the margin to the right.</summary>
    public const double Left = 34, Right = 314, Top = 22, Bottom = 200;
    private static readonly CultureInfo English = CultureInfo.GetCultureInfo("en-GB");

    public sealed record Band(double X, double Width, string Label, bool SetAside);
    public sealed record Tick(double X, double Y, string Label);
    public sealed record Mark(double X, double Y, bool Hollow);
    public sealed record Threshold(double Y, string Label);

    private readonly double _yMin, _yMax;

    private BpChart(IReadOnlyList<BpPoint> points, BpLines? lines, BpChartWords words, string? tableHref, string? tableLink, BpTable? table)
    {
        Words = words;
        Lines = lines;
        TableHref = tableHref;
        TableLink = tableLink;
        Table = table;
        if (points.Count == 0)
            return;
        var high = Math.Max(140, (double)points.Max(p => p.Systolic) + 5);
        var low = Math.Min(80, (double)points.Min(p => p.Diastolic) - 5);
        _yMax = Math.Ceiling(high / 20) * 20;
        _yMin = Math.Max(0, Math.Floor(low / 20) * 20);
        for (var v = _yMin; v <= _yMax; v += 20)
            YTicks.Add(new Tick(Left - 4, Y(v), v.ToString(CultureInfo.InvariantCulture)));
        if (lines is null)
            return;
        Thresholds.Add(new Threshold(Y((double)lines.Systolic), lines.Systolic.ToString(CultureInfo.InvariantCulture)));
        Thresholds.Add(new Threshold(Y((double)lines.Diastolic), lines.Diastolic.ToString(CultureInfo.InvariantCulture)));
    }

    /// <summary>A diary's readings, one band per day from the first (at least a week), the first day shaded when
    /// its readings are set aside. A page that shows it lists the readings at <paramref name="tableHref"/>.</summary>
    public static BpChart ByDay(IReadOnlyList<BpPoint> points, BpLines? lines, BpChartWords words, string tableHref, string tableLink)
    {
        var chart = new BpChart(points, lines, words, tableHref, tableLink, null);
        if (points.Count == 0)
            return chart;
        var start = DateOnly.FromDateTime(points.Min(p => p.At));
        var last = DateOnly.FromDateTime(points.Max(p => p.At));
        var days = Math.Max(7, last.DayNumber - start.DayNumber + 1);
        var bandWidth = (Right - Left) / days;
        var firstSetAside = points.Any(p => p.SetAside && DateOnly.FromDateTime(p.At) == start);
        for (var d = 0; d < days; d++)
        {
            var date = start.AddDays(d);
            var label = d == 0 || date.Day == 1 ? date.ToString("d MMM", English) : date.Day.ToString(CultureInfo.InvariantCulture);
            chart.Bands.Add(new Band(Left + d * bandWidth, bandWidth, days > 10 && d % 2 == 1 ? "" : label, d == 0 && firstSetAside));
        }
        chart.Place(points, p => Left + (DateOnly.FromDateTime(p.At).DayNumber - start.DayNumber + p.At.TimeOfDay.TotalHours / 24) * bandWidth);
        return chart;
    }

    /// <summary>Points over any length of time (one per diary, say), the first and last dates under the axis, with
    /// their numbers as the chart's own table under <paramref name="tableCaption"/>.</summary>
    public static BpChart OverTime(IReadOnlyList<BpPoint> points, BpLines? lines, BpChartWords words, string tableCaption, Func<DateTime, string> when)
    {
        var ordered = points.OrderBy(p => p.At).ToList();
        var chart = new BpChart(ordered, lines, words, null, null,
            new BpTable(tableCaption, [.. ordered.Select(p => new BpTableRow(when(p.At), p.Systolic, p.Diastolic))]));
        if (ordered.Count == 0)
            return chart;
        var (first, last) = (ordered[0].At, ordered[^1].At);
        var span = Math.Max(1, (last - first).TotalSeconds);
        const double inset = 12;
        chart.Place(ordered, p => ordered.Count == 1 ? (Left + Right) / 2 : Left + inset + (p.At - first).TotalSeconds / span * (Right - Left - 2 * inset));
        chart.XLabels.Add(new Tick(Left, Bottom + 16, first.ToString("d MMM yyyy", English)));
        if (ordered.Count > 1)
            chart.XLabels.Add(new Tick(Right, Bottom + 16, last.ToString("d MMM yyyy", English)));
        return chart;
    }

    public BpChartWords Words { get; }
    /// <summary>The dashed lines (the diary file's home average lines); null draws none.</summary>
    public BpLines? Lines { get; }
    /// <summary>The key's words for the dashed lines, and what they mean; empty when there are none.</summary>
    public string LinesText => Lines is { } l ? string.Format(English, Words.Lines, l.Systolic, l.Diastolic) : "";
    public string AboutText => Lines is { } l ? string.Format(English, Words.About, l.Systolic, l.Diastolic) : "";
    /// <summary>Where the page lists the same numbers, when the chart has no table of its own.</summary>
    public string? TableHref { get; }
    public string? TableLink { get; }
    /// <summary>The chart's own table of its numbers.</summary>
    public BpTable? Table { get; }

    public bool HasData => Systolic.Count > 0;
    public List<Band> Bands { get; } = [];
    public List<Tick> XLabels { get; } = [];
    public List<Tick> YTicks { get; } = [];
    public List<Threshold> Thresholds { get; } = [];
    public List<Mark> Systolic { get; } = [];
    public List<Mark> Diastolic { get; } = [];

    /// <summary>The counted marks joined up, as an SVG polyline's points.</summary>
    public static string Joined(IEnumerable<Mark> marks) => string.Join(' ', marks.Where(m => !m.Hollow).Select(m => $"{N(m.X)},{N(m.Y)}"));

    /// <summary>A number for an SVG attribute (invariant, one decimal place).</summary>
    public static string N(double value) => value.ToString("0.#", CultureInfo.InvariantCulture);

    /// <summary>An SVG text element (Razor keeps the name &lt;text&gt; for itself), its words encoded.</summary>
    public static IHtmlContent Text(double x, double y, string words, string anchor = "start", string fill = "#212b32") =>
        new HtmlString($"<text x=\"{N(x)}\" y=\"{N(y)}\" text-anchor=\"{anchor}\" font-size=\"11\" fill=\"{fill}\">{HtmlEncoder.Default.Encode(words)}</text>");

    private void Place(IEnumerable<BpPoint> points, Func<BpPoint, double> x)
    {
        foreach (var p in points.OrderBy(p => p.At))
        {
            Systolic.Add(new Mark(x(p), Y((double)p.Systolic), p.SetAside));
            Diastolic.Add(new Mark(x(p), Y((double)p.Diastolic), p.SetAside));
        }
    }

    private double Y(double value) => Bottom - (value - _yMin) / (_yMax - _yMin) * (Bottom - Top);
}
