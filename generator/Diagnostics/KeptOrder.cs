namespace BackCareSite.Diagnostics;

/// <summary>
/// Sorts each run's diagnostics as <see cref="DiagnosticBag.Sort"/> does, for <c>serve</c>, without sorting them all
/// again: the stages keep most diagnostics between rebuilds as the very same objects (a file's own, its links',
/// its governance findings), so the last run's sorted list, less what is gone, is still in order, and only the
/// diagnostics new in this run are sorted and merged into it. The result is the same list a sort gives.
/// </summary>
internal sealed class KeptOrder
{
    private IReadOnlyList<Diagnostic> _last = [];

    public IReadOnlyList<Diagnostic> Sort(IReadOnlyCollection<Diagnostic> now)
    {
        var present = new HashSet<Diagnostic>(now, ReferenceEqualityComparer.Instance);
        var kept = new List<Diagnostic>(present.Count);
        foreach (var diagnostic in _last)
        {
            if (present.Remove(diagnostic))
            {
                kept.Add(diagnostic);
            }
        }

        // What is left is new (or was a duplicate by value of a kept one, dropped in the merge).
        var fresh = DiagnosticBag.Sort(now.Where(present.Contains));
        var merged = new List<Diagnostic>(kept.Count + fresh.Count);
        var k = 0;
        foreach (var diagnostic in fresh)
        {
            while (k < kept.Count && DiagnosticBag.Order.Compare(kept[k], diagnostic) <= 0)
            {
                merged.Add(kept[k++]);
            }

            // Diagnostics compare equal only when they are equal: a copy of a kept one is dropped, as a sort drops it.
            if (merged.Count == 0 || DiagnosticBag.Order.Compare(merged[^1], diagnostic) != 0)
            {
                merged.Add(diagnostic);
            }
        }

        merged.AddRange(kept.Skip(k));
        _last = merged;
        return merged;
    }
}
