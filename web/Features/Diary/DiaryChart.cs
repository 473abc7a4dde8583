using System.Globalization;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Html;

namespace HistoryEngine.Web.Features.Diary;

/// <summary>
/// The geometry of the diary's chart, drawn on the server as SVG so it shows with JavaScript off: one band per day
/// (the first day shaded as set aside), top numbers as circles, bottom numbers as squares, and dashed lines at 135
/// and 85 (NICE NG136 1.2.8, the home average thresholds). The chart is a picture of the readings table on the same
/// page, which is what screen readers are pointed to.
/// </summary>
public sealed class DiaryChart
{
    public const int Width = 340;
    public const int Height = 232;
    public const double Left = 34;
    public const double Right = 314;
    public const double Top = 22;
    public const double Bottom = 200;

    public sealed record Band(double X, double Width, string Label, bool SetAside);
    public sealed record Tick(double Y, string Label);
    public sealed record Point(double X, double Y);

    public DiaryChart(DiaryReadings diary)
    {
        var readings = diary.All.Where(r => r.Taken is not null && (r.Systolic is not null || r.Diastolic is not null)).ToList();
        if (readings.Count == 0)
            return;
        var start = diary.FirstDay ?? DateOnly.FromDateTime(readings.Min(r => r.Taken!.Value));
        var last = DateOnly.FromDateTime(readings.Max(r => r.Taken!.Value));
        var days = Math.Max(7, last.DayNumber - start.DayNumber + 1);
        var bandWidth = (Right - Left) / days;

        var high = Math.Max(140, (double)(readings.Max(r => r.Systolic) ?? 0) + 5);
        var low = Math.Min(80, (double)(readings.Min(r => r.Diastolic) ?? 80) - 5);
        YMax = Math.Ceiling(high / 20) * 20;
        YMin = Math.Max(0, Math.Floor(low / 20) * 20);

        for (var d = 0; d < days; d++)
        {
            var date = start.AddDays(d);
            var label = d == 0 || date.Day == 1 ? date.ToString("d MMM", CultureInfo.GetCultureInfo("en-GB")) : date.Day.ToString(CultureInfo.InvariantCulture);
            Bands.Add(new Band(Left + d * bandWidth, bandWidth, days > 10 && d % 2 == 1 && d != 0 ? "" : label, d == 0 && diary.FirstDay is not null));
        }
        for (var v = YMin; v <= YMax; v += 20)
            Ticks.Add(new Tick(Y(v), v.ToString(CultureInfo.InvariantCulture)));
        Line135 = Y(135);
        Line85 = Y(85);
        foreach (var r in readings.OrderBy(r => r.Taken))
        {
            var t = r.Taken!.Value;
            var x = Left + ((DateOnly.FromDateTime(t).DayNumber - start.DayNumber) + t.TimeOfDay.TotalHours / 24) * bandWidth;
            if (r.Systolic is { } s)
                Systolic.Add(new Point(x, Y((double)s)));
            if (r.Diastolic is { } dia)
                Diastolic.Add(new Point(x, Y((double)dia)));
        }
    }

    public bool HasData => Systolic.Count + Diastolic.Count > 0;
    public double YMin { get; }
    public double YMax { get; }
    public List<Band> Bands { get; } = [];
    public List<Tick> Ticks { get; } = [];
    public List<Point> Systolic { get; } = [];
    public List<Point> Diastolic { get; } = [];
    public double Line135 { get; }
    public double Line85 { get; }

    private double Y(double value) => Bottom - (value - YMin) / (YMax - YMin) * (Bottom - Top);

    /// <summary>A number for an SVG attribute (invariant, one decimal place).</summary>
    public static string N(double value) => value.ToString("0.#", CultureInfo.InvariantCulture);

    /// <summary>An SVG text element (Razor keeps the name &lt;text&gt; for itself), its words encoded.</summary>
    public static IHtmlContent Text(double x, double y, string words, string anchor = "start", string fill = "#212b32") =>
        new HtmlString($"<text x=\"{N(x)}\" y=\"{N(y)}\" text-anchor=\"{anchor}\" font-size=\"11\" fill=\"{fill}\">{HtmlEncoder.Default.Encode(words)}</text>");

    public static string Polyline(IEnumerable<Point> points) => string.Join(' ', points.Select(p => $"{N(p.X)},{N(p.Y)}"));
}
