namespace HistoryEngine.Diagnostics;

/// <summary>"Did you mean ...?": the nearest allowed word to a misspelt one, for every diagnostic that names a typo.</summary>
internal static class Suggestions
{
    /// <summary>The allowed word nearest to <paramref name="word"/>, if it is within two edits.</summary>
    public static string? Nearest(string word, IEnumerable<string> allowed)
    {
        string? best = null;
        var bestDistance = 3;
        foreach (var candidate in allowed)
        {
            var d = Distance(word, candidate);
            if (d < bestDistance) { best = candidate; bestDistance = d; }
        }
        return best;
    }

    private static int Distance(string a, string b)
    {
        if (Math.Abs(a.Length - b.Length) > 2) return 99;
        var prev = new int[b.Length + 1];
        var cur = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++) prev[j] = j;
        for (var i = 1; i <= a.Length; i++)
        {
            cur[0] = i;
            for (var j = 1; j <= b.Length; j++)
                cur[j] = Math.Min(Math.Min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1));
            (prev, cur) = (cur, prev);
        }
        return prev[b.Length];
    }
}
