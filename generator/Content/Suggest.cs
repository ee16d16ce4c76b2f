namespace BackCareSite.Content;

/// <summary>"Did you mean ...?" suggestions by edit distance.</summary>
internal static class Suggest
{
    public static string? Closest(string input, IEnumerable<string> candidates)
    {
        string? best = null;
        var bestDistance = int.MaxValue;
        foreach (var candidate in candidates.Order(StringComparer.Ordinal))
        {
            var distance = Distance(input.ToLowerInvariant(), candidate.ToLowerInvariant());
            if (distance < bestDistance)
            {
                best = candidate;
                bestDistance = distance;
            }
        }

        var limit = Math.Max(2, input.Length / 3);
        return bestDistance <= limit ? best : null;
    }

    /// <summary>
    /// Up to <paramref name="count"/> candidates nearest to <paramref name="input"/>, however far:
    /// those that contain it or that it contains first, then by edit distance, then in ordinal order.
    /// </summary>
    public static IReadOnlyList<string> Nearest(string input, IEnumerable<string> candidates, int count)
    {
        var lower = input.ToLowerInvariant();
        return candidates
            .Select(c => (Candidate: c, Lower: c.ToLowerInvariant()))
            .OrderBy(c => c.Lower.Contains(lower, StringComparison.Ordinal) || lower.Contains(c.Lower, StringComparison.Ordinal) ? 0 : 1)
            .ThenBy(c => Distance(lower, c.Lower))
            .ThenBy(c => c.Candidate, StringComparer.Ordinal)
            .Take(count)
            .Select(c => c.Candidate)
            .ToList();
    }

    /// <summary>Optimal string alignment distance (Levenshtein plus transpositions).</summary>
    public static int Distance(string a, string b)
    {
        var d = new int[a.Length + 1, b.Length + 1];
        for (var i = 0; i <= a.Length; i++)
        {
            d[i, 0] = i;
        }

        for (var j = 0; j <= b.Length; j++)
        {
            d[0, j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                d[i, j] = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                {
                    d[i, j] = Math.Min(d[i, j], d[i - 2, j - 2] + 1);
                }
            }
        }

        return d[a.Length, b.Length];
    }
}
