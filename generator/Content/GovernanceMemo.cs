using System.Runtime.CompilerServices;
using BackCareSite.Diagnostics;

namespace BackCareSite.Content;

/// <summary>
/// Each item's governance findings, kept between loads by <c>serve</c> (<see cref="ParseCache.Governance"/>): an
/// item (the same parsed object, so its file did not change) is not checked again while everything else its
/// findings depend on is as it was: the review interval, warning days, reading age and glossed words of site.yml,
/// the reviewers and today's date. When any of those changed, every item is checked again. The kept findings are
/// the very objects of the last check, so the preview's sorted diagnostics can keep their places.
/// </summary>
internal sealed class GovernanceMemo
{
    private ConditionalWeakTable<ContentItem, IReadOnlyList<Diagnostic>> _kept = new();
    private (int Interval, int WarnDays, int ReadingAge, IReadOnlySet<string> Glossed, IReadOnlyDictionary<string, Reviewer> Reviewers, DateOnly Today)? _inputs;

    /// <summary>Starts a check: keeps the findings only when every input besides the items is as at the last check.</summary>
    public void Begin(SiteSettings settings, IReadOnlyDictionary<string, Reviewer> reviewers, DateOnly today)
    {
        var now = (settings.ReviewIntervalMonths, settings.ReviewWarnDays, settings.MaxReadingAge, settings.GlossedWords, reviewers, today);
        if (_inputs is not { } last || last.Interval != now.ReviewIntervalMonths || last.WarnDays != now.ReviewWarnDays
            || last.ReadingAge != now.MaxReadingAge || last.Today != today || !last.Glossed.SetEquals(now.GlossedWords)
            || last.Reviewers.Count != reviewers.Count
            || !reviewers.All(r => last.Reviewers.TryGetValue(r.Key, out var before) && before == r.Value))
        {
            _kept = new ConditionalWeakTable<ContentItem, IReadOnlyList<Diagnostic>>();
        }

        _inputs = now;
    }

    /// <summary>Adds the kept findings of <paramref name="item"/> to <paramref name="diagnostics"/>; false when it must be checked.</summary>
    public bool TryAdd(ContentItem item, DiagnosticBag diagnostics)
    {
        if (!_kept.TryGetValue(item, out var found))
        {
            return false;
        }

        diagnostics.AddRange(found);
        return true;
    }

    public void Keep(ContentItem item, IEnumerable<Diagnostic> found) => _kept.AddOrUpdate(item, found.ToList());

    /// <summary>Forgets everything (a full rebuild).</summary>
    public void Clear() => _inputs = null;
}
