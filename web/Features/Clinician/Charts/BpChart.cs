using System.Globalization;
using System.Net;
using System.Text;
using Microsoft.AspNetCore.Html;

namespace HistoryEngine.Web.Features.Clinician.Charts;

/// <summary>One blood pressure point: when (UK wall-clock time, as the patient typed it or as UkTime shows an
/// instant), the two numbers, and whether it is set aside (drawn hollow).</summary>
public sealed record BpPoint(DateTime At, decimal Systolic, decimal Diastolic, bool SetAside = false);

/// <summary>
/// A server-drawn SVG chart of blood pressure over time, with the NICE home-reading lines at 135 and 85 mmHg. It uses
/// presentation attributes only (the site's Content-Security-Policy allows no inline style) and is hidden from
/// screen readers: every page that shows it shows the same numbers in a table.
/// </summary>
public static class BpChart
{
    private const int Width = 640, Height = 260, Left = 44, Right = 12, Top = 12, Bottom = 28;
    private static readonly CultureInfo English = CultureInfo.GetCultureInfo("en-GB");
    private const string SystolicColour = "#d5281b", DiastolicColour = "#005eb8", LineColour = "#4c6272";

    public static IHtmlContent Render(IReadOnlyList<BpPoint> points, string title)
    {
        if (points.Count == 0)
            return HtmlString.Empty;
        var low = Math.Min(60m, points.Min(p => p.Diastolic) - 10);
        var high = Math.Max(190m, points.Max(p => p.Systolic) + 10);
        var first = points.Min(p => p.At);
        var last = points.Max(p => p.At);
        var span = Math.Max(1, (last - first).TotalSeconds);
        double X(DateTime at) => points.Count == 1 ? Left + (Width - Left - Right) / 2.0
            : Left + (at - first).TotalSeconds / span * (Width - Left - Right);
        double Y(decimal mmHg) => Top + (double)((high - mmHg) / (high - low)) * (Height - Top - Bottom);

        var svg = new StringBuilder();
        svg.Append(Inv($"<svg class=\"he-bp-chart\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {Width} {Height}\" width=\"100%\" role=\"img\" aria-hidden=\"true\" focusable=\"false\">"));
        svg.Append("<title>").Append(WebUtility.HtmlEncode(title)).Append("</title>");
        svg.Append(Inv($"<rect x=\"{Left}\" y=\"{Top}\" width=\"{Width - Left - Right}\" height=\"{Height - Top - Bottom}\" fill=\"#ffffff\" stroke=\"#d8dde0\"/>"));
        for (var tick = Math.Ceiling(low / 20) * 20; tick <= high; tick += 20)
            svg.Append(Inv($"<text x=\"{Left - 6}\" y=\"{Y(tick) + 4:0.#}\" text-anchor=\"end\" font-size=\"11\" fill=\"{LineColour}\">{tick}</text>"));
        foreach (var (line, label) in new[] { (135m, "135 systolic"), (85m, "85 diastolic") })
        {
            svg.Append(Inv($"<line x1=\"{Left}\" x2=\"{Width - Right}\" y1=\"{Y(line):0.#}\" y2=\"{Y(line):0.#}\" stroke=\"{LineColour}\" stroke-dasharray=\"6 4\"/>"));
            svg.Append(Inv($"<text x=\"{Width - Right - 4}\" y=\"{Y(line) - 4:0.#}\" text-anchor=\"end\" font-size=\"11\" fill=\"{LineColour}\">{label}</text>"));
        }
        Series(svg, points, p => p.Systolic, SystolicColour, X, Y);
        Series(svg, points, p => p.Diastolic, DiastolicColour, X, Y);
        svg.Append(Inv($"<text x=\"{Left}\" y=\"{Height - 8}\" font-size=\"11\" fill=\"{LineColour}\">{first.ToString("d MMM", English)}</text>"));
        if (points.Count > 1)
            svg.Append(Inv($"<text x=\"{Width - Right}\" y=\"{Height - 8}\" text-anchor=\"end\" font-size=\"11\" fill=\"{LineColour}\">{last.ToString("d MMM", English)}</text>"));
        svg.Append("</svg>");
        return new HtmlString(svg.ToString());
    }

    private static void Series(StringBuilder svg, IReadOnlyList<BpPoint> points, Func<BpPoint, decimal> value, string colour,
        Func<DateTime, double> x, Func<decimal, double> y)
    {
        var ordered = points.OrderBy(p => p.At).ToList();
        var counted = ordered.Where(p => !p.SetAside).ToList();
        if (counted.Count > 1)
            svg.Append(Inv($"<polyline fill=\"none\" stroke=\"{colour}\" stroke-width=\"1.5\" points=\"{string.Join(' ', counted.Select(p => Inv($"{x(p.At):0.#},{y(value(p)):0.#}")))}\"/>"));
        foreach (var p in ordered)
            svg.Append(Inv($"<circle cx=\"{x(p.At):0.#}\" cy=\"{y(value(p)):0.#}\" r=\"4\" stroke=\"{colour}\" stroke-width=\"2\" fill=\"{(p.SetAside ? "#ffffff" : colour)}\"/>"));
    }

    private static string Inv(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}

/// <summary>One row of the table that carries a chart's numbers for screen readers.</summary>
public sealed record BpRow(string When, decimal Systolic, decimal Diastolic, string? Note);

/// <summary>A chart's numbers as a table, under a caption.</summary>
public sealed record BpTable(string Caption, IReadOnlyList<BpRow> Rows);
