using System.Globalization;

namespace HistoryEngine.Expressions;

/// <summary>Equality, ordering and display of run-time values: decimal, string, bool, dates, code sets, records.</summary>
internal static class Values
{
    public static bool AreEqual(object? a, object? b) => (a, b) switch
    {
        (null, null) => true,
        (null, _) or (_, null) => false,
        (string[] x, string[] y) => x.AsSpan().SequenceEqual(y),
        (IReadOnlyList<RecordValue> x, IReadOnlyList<RecordValue> y) => ReferenceEquals(x, y),
        _ => a.Equals(b),
    };

    public static int Compare(object a, object b) => (a, b) switch
    {
        (decimal x, decimal y) => x.CompareTo(y),
        (DateOnly x, DateOnly y) => x.CompareTo(y),
        (DateTime x, DateTime y) => x.CompareTo(y),
        (string x, string y) => string.CompareOrdinal(x, y),
        (bool x, bool y) => x.CompareTo(y),
        _ => 0,
    };

    /// <summary>A value as a clinician reads it in a narrative: 142, 37.5, yes, 1 March 2026.</summary>
    public static string Format(object? value) => value switch
    {
        null => "",
        decimal d => (d / 1.0000000000000000000000000000m).ToString(CultureInfo.InvariantCulture),
        bool b => b ? "yes" : "no",
        DateOnly d => d.ToString("d MMMM yyyy", CultureInfo.InvariantCulture),
        DateTime t => t.ToString("d MMMM yyyy HH:mm", CultureInfo.InvariantCulture),
        string[] codes => string.Join(", ", codes),
        string s => s,
        _ => value.ToString() ?? "",
    };

    /// <summary>A value in the result JSON and scenario files: numbers as numbers, dates as ISO-8601.</summary>
    public static object? ToPlain(object? value) => value switch
    {
        decimal d => d / 1.0000000000000000000000000000m,
        DateOnly d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        DateTime t => t.ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture),
        IReadOnlyList<RecordValue> list => list.Count,
        _ => value,
    };
}
