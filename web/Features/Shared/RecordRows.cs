using System.Text.Json;
using HistoryEngine.Runtime;
using HistoryEngine.Web.Infrastructure.Records.Model;

namespace HistoryEngine.Web.Features.Shared;

/// <summary>
/// One row of a patient's record as people read it: a single entry, or the parts of one observation filed together
/// as a pair ("Average home blood pressure: 145/91 mmHg"). <see cref="Entries"/> are the filed entries it shows, in
/// the order their values are written.
/// </summary>
public sealed record RecordRow(DateTimeOffset FiledAt, string What, string? Value, string? Unit, string? SubmissionId,
    IReadOnlyList<RecordEntry> Entries)
{
    public bool IsPair => Entries.Count > 1;
}

/// <summary>
/// Pairs filed entries that are parts of one observation. Which entries belong together, and in which order, is the
/// questionnaire file's: entries that name the same <c>panel</c> coding, in the order the file lists them (the mean
/// home systolic before the diastolic), as frozen in the result of the submission they were filed from. No code is
/// named here. A panel is shown as one row only when every part of it was filed from that submission, each with a
/// value and all in one unit; otherwise each entry keeps its own row, so nothing filed is ever hidden.
/// </summary>
public static class RecordRows
{
    /// <summary>The rows for the current entries, newest first. <paramref name="resultJsonBySubmission"/> holds the
    /// stored result of the submissions the entries were filed from (a submission missing from it pairs nothing).</summary>
    public static IReadOnlyList<RecordRow> Of(IReadOnlyList<RecordEntry> entries,
        IReadOnlyDictionary<string, string> resultJsonBySubmission)
    {
        var rows = new List<RecordRow>();
        var paired = new HashSet<RecordEntry>(ReferenceEqualityComparer.Instance);
        foreach (var group in entries.Where(e => e.SubmissionId is not null).GroupBy(e => e.SubmissionId!))
        {
            if (!resultJsonBySubmission.TryGetValue(group.Key, out var json) || Read(json) is not { } result)
                continue;
            foreach (var panel in result.Entries.Where(e => e.Panel is not null).GroupBy(e => (e.Panel!.System, e.Panel.Code)))
            {
                var parts = panel.OrderBy(e => e.Index).ToList();
                if (parts.Count < 2)
                    continue;
                var filed = parts.Select(p => group.Where(e => e.System == p.System && e.Code == p.Code).ToList()).ToList();
                if (filed.Any(f => f.Count != 1 || f[0].Value is null or "") || filed.Select(f => f[0].Unit).Distinct().Count() != 1)
                    continue;
                var members = filed.Select(f => f[0]).ToList();
                paired.UnionWith(members);
                rows.Add(new RecordRow(members.Max(m => m.FiledAt), Label(members.Select(m => m.Display).ToList(), parts[0].Panel!.Display),
                    string.Join('/', members.Select(m => m.Value)), members[0].Unit, group.Key, members));
            }
        }
        rows.AddRange(entries.Where(e => !paired.Contains(e))
            .Select(e => new RecordRow(e.FiledAt, e.Display, e.Value, e.Unit, e.SubmissionId, [e])));
        return [.. rows.OrderByDescending(r => r.FiledAt)];
    }

    /// <summary>
    /// What a pair is called: the words its parts' names share, in order ("Average home systolic blood pressure" and
    /// "Average home diastolic blood pressure" give "Average home blood pressure"); the panel's own name when they
    /// share too little to say it.
    /// </summary>
    public static string Label(IReadOnlyList<string> displays, string panelDisplay)
    {
        var common = displays.Select(d => d.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .Aggregate((a, b) => Common(a, b));
        return common.Length >= 2 && !displays.Contains(string.Join(' ', common)) ? string.Join(' ', common) : panelDisplay;
    }

    /// <summary>The longest run of words both have, in order (not necessarily next to each other).</summary>
    private static string[] Common(string[] a, string[] b)
    {
        var lengths = new int[a.Length + 1, b.Length + 1];
        for (var i = a.Length - 1; i >= 0; i--)
            for (var j = b.Length - 1; j >= 0; j--)
                lengths[i, j] = string.Equals(a[i], b[j], StringComparison.OrdinalIgnoreCase)
                    ? lengths[i + 1, j + 1] + 1
                    : Math.Max(lengths[i + 1, j], lengths[i, j + 1]);
        var common = new List<string>();
        for (int i = 0, j = 0; i < a.Length && j < b.Length;)
        {
            if (string.Equals(a[i], b[j], StringComparison.OrdinalIgnoreCase)) { common.Add(a[i]); i++; j++; }
            else if (lengths[i + 1, j] >= lengths[i, j + 1]) i++;
            else j++;
        }
        return [.. common];
    }

    private static StoredResult? Read(string json)
    {
        try { return StoredResult.Read(json); }
        catch (JsonException) { return null; }
    }
}
