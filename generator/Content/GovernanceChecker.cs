using BackCareSite.Diagnostics;

namespace BackCareSite.Content;

/// <summary>
/// The clinic's governance gate, run on every page that will be published:
/// a health page (an article or exercise without <c>health: false</c>) needs
/// sources and a review by a reviewer from <c>reviewers.yml</c> within the
/// site's review interval; no page may still hold the placeholder text that
/// <c>new</c> writes. Drafts published with <c>--drafts</c> get the same
/// findings as warnings, so a preview of unfinished work still builds.
/// </summary>
internal static class GovernanceChecker
{
    /// <summary>The marker <c>new</c> puts in every text it invents; a page that still has one is unfinished.</summary>
    public const string PlaceholderMarker = "[FILL IN";

    /// <param name="memo">Kept between loads by <c>serve</c>: an item checked before with the same inputs gives its kept findings.</param>
    public static void Check(
        IEnumerable<ContentItem> items, SiteSettings settings, string settingsPath,
        IReadOnlyDictionary<string, Reviewer> reviewers, DateOnly today, DiagnosticBag diagnostics, GovernanceMemo? memo = null,
        ReadabilityScores? scores = null)
    {
        var all = items as IReadOnlyCollection<ContentItem> ?? items.ToList();
        memo?.Begin(settings, reviewers, today);
        var toCheck = memo is null ? all : all.Where(i => !memo.TryAdd(i, diagnostics)).ToList();

        // Measuring readability is most of this check's work: measure every health page first, on every core.
        Parallel.ForEach(toCheck.Where(i => i.IsHealthPage), item => Score(item, settings.GlossedWords, scores));
        foreach (var item in toCheck)
        {
            // With a memo, each item's findings are collected on their own, to be kept.
            var bag = memo is null ? diagnostics : new DiagnosticBag(diagnostics.DisplayRoot);
            CheckItem(item, settings, reviewers, today, bag, scores);
            if (memo is not null)
            {
                // Read once: the packed findings are made at each read, and serve's order keeps the very objects it kept.
                var found = bag.Items;
                memo.Keep(item, found);
                diagnostics.AddRange(found);
            }
        }

        if (all.Any(i => i.IsHealthPage) && settings.FeedbackEmail is null)
        {
            diagnostics.Error(ErrorCodes.FeedbackEmailMissing, settingsPath, settings.FeedbackEmailAt.Line, settings.FeedbackEmailAt.Column,
                "health pages end with a feedback link: add `feedback_email: ...` (the address that receives readers' reports) to site.yml");
        }
    }

    /// <summary>One page's findings: placeholders; for a health page, sources, review and readability.</summary>
    private static void CheckItem(ContentItem item, SiteSettings settings, IReadOnlyDictionary<string, Reviewer> reviewers, DateOnly today, DiagnosticBag diagnostics, ReadabilityScores? scores)
    {
        var report = Reporter(item, diagnostics);
        foreach (var (line, column) in item.PlaceholderSpots ?? Placeholders(item.Source.Text))
        {
            report(ErrorCodes.Placeholder, new Spot(line, column),
                "this is placeholder text from `new`: replace the whole `[FILL IN ...]` with the real text (see \"Finishing a new page\" in docs/content-guide.md)");
        }

        if (!item.IsHealthPage)
        {
            return;
        }

        if (item.Sources.Count == 0)
        {
            report(ErrorCodes.SourcesMissing, item.FrontMatterAt,
                "a health page needs at least one source: add `sources:` with a `title` and `url` for each (or `health: false` if this is not health advice)");
        }

        CheckReview(item, settings, reviewers, today, report, diagnostics);
        CheckReadability(item, settings, diagnostics, scores);
    }

    private static void CheckReview(
        ContentItem item, SiteSettings settings, IReadOnlyDictionary<string, Reviewer> reviewers, DateOnly today,
        Action<string, Spot, string> report, DiagnosticBag diagnostics)
    {
        if (item.ReviewRecord is not { } review)
        {
            report(ErrorCodes.ReviewMissing, item.FrontMatterAt,
                "a health page needs `review:` with `reviewed_on`, `reviewed_by` (a reviewer id from reviewers.yml) and `next_review`");
            return;
        }

        if (!reviewers.ContainsKey(review.ReviewedBy) && !review.ReviewedBy.Contains(PlaceholderMarker, StringComparison.Ordinal))
        {
            report(ErrorCodes.UnknownReviewer, review.ReviewedByAt, UnknownReviewerMessage(review.ReviewedBy, reviewers));
        }

        var latest = review.ReviewedOn.AddMonths(settings.ReviewIntervalMonths);
        if (review.NextReview > latest)
        {
            report(ErrorCodes.ReviewIntervalTooLong, review.At,
                $"`next_review` is more than {settings.ReviewIntervalMonths} months after `reviewed_on`; set it to {latest:yyyy-MM-dd} or earlier (`review_interval_months` in site.yml)");
        }

        // Today's date only ever produces warnings, never output, so builds stay reproducible.
        var path = item.Source.DisplayPath;
        if (review.NextReview < today)
        {
            // Kept as its date, not its text, as most pages of a large archive may be overdue.
            diagnostics.Add(Overdue, path, review.At.Line, review.At.Column, [PackedParts.Of(review.NextReview)]);
        }
        else if (review.NextReview.DayNumber - today.DayNumber <= settings.ReviewWarnDays)
        {
            diagnostics.Add(DueSoon, path, review.At.Line, review.At.Column, [PackedParts.Of(review.NextReview), PackedParts.Of(today)]);
        }
    }

    private static readonly PackedMessage Overdue = new(Severity.Warning, ErrorCodes.ReviewOverdue,
        static p => $"the review was due on {p.Date(0):yyyy-MM-dd}; have it reviewed and update `review:`");

    private static readonly PackedMessage DueSoon = new(Severity.Warning, ErrorCodes.ReviewDueSoon,
        static p => $"the review falls due on {p.Date(0):yyyy-MM-dd}, in {p.Date(0).DayNumber - p.Date(1).DayNumber} day(s); book it with the reviewer (`review_warn_days` in site.yml)");

    // An item's score for the glossed words it was measured with. `serve` keeps the items of files
    // that did not change, so a rebuild measures only the changed ones (measuring every body took
    // seconds on a large site at every save).
    private static readonly ReadabilityScores Scores = ReadabilityScores.Weak();

    /// <summary>The item's readability for these glossed words, measured once (cached by item, in <paramref name="scores"/> or the process's table).</summary>
    internal static ReadabilityScore Score(ContentItem item, IReadOnlySet<string> glossed, ReadabilityScores? scores = null)
    {
        var table = scores ?? Scores;
        if (table.TryGetValue(item, out var known) && (ReferenceEquals(known.Item1, glossed) || known.Item1.SetEquals(glossed)))
        {
            return known.Item2;
        }

        var score = Readability.Measure(item, glossed);
        table.Set(item, Tuple.Create(glossed, score));
        return score;
    }

    private static void CheckReadability(ContentItem item, SiteSettings settings, DiagnosticBag diagnostics, ReadabilityScores? scores)
    {
        var score = Score(item, settings.GlossedWords, scores);
        // Below a few sentences the formula says little (one long word makes a "hard" page).
        if (score.Words < Readability.MinimumWords || Math.Round(score.ReadingAge, 1) <= settings.MaxReadingAge)
        {
            return;
        }

        // Kept as what the message shows (the figures and the lines), not as text nor the score: many pages of a large
        // site may be hard, and a one-off build lets its scores go with its loading (ReadabilityScores).
        var at = score.Hardest[0].At;
        // The parts: reading age, grade, the site's limit, then the lines of the hardest sentences.
        var parts = new List<long>(3 + score.Hardest.Count) { PackedParts.Of(score.ReadingAge), PackedParts.Of(score.Grade), settings.MaxReadingAge };
        parts.AddRange(score.Hardest.Select(s => (long)s.At.Line).Distinct());
        diagnostics.Add(Hard, item.Source.DisplayPath, at.Line, at.Column, System.Runtime.InteropServices.CollectionsMarshal.AsSpan(parts));
    }

    private static readonly PackedMessage Hard = new(Severity.Warning, ErrorCodes.HardToRead,
        static p => $"reading age {p.Real(0):0.0} (Flesch-Kincaid grade {p.Real(1):0.0}) is above the site's {p.Number(2)}: "
                    + $"the hardest sentences are at line{(p.Count > 4 ? "s" : "")} {string.Join(", ", Enumerable.Range(3, p.Count - 3).Select(p.Number))}; split long sentences and prefer short words "
                    + "(a word the page explains can go in `glossed_words` in site.yml)");

    /// <summary>Whether the item's score is kept in the process's table (for tests).</summary>
    internal static bool HasScore(ContentItem item) => Scores.TryGetValue(item, out _);

    private static string UnknownReviewerMessage(string name, IReadOnlyDictionary<string, Reviewer> reviewers)
    {
        if (reviewers.Count == 0)
        {
            return $"`reviewed_by: {name}` must be a reviewer id, and there is no reviewers.yml: list the clinicians who sign off pages in content/reviewers.yml";
        }

        // A free-text name ("Leila Haddad, MCSP") most likely means the reviewer of that name.
        var byName = reviewers.Values.FirstOrDefault(r => name.StartsWith(r.Name, StringComparison.OrdinalIgnoreCase));
        var suggestion = byName?.Id ?? Suggest.Closest(name, reviewers.Keys);
        return $"`reviewed_by` must be the id of a reviewer in reviewers.yml, not `{name}`"
            + (suggestion is null ? $" (ids: {string.Join(", ", reviewers.Keys.Order(StringComparer.Ordinal).Select(k => $"`{k}`"))})" : $"; did you mean `{suggestion}`?");
    }

    /// <summary>Every line and column (one-based) where a placeholder starts.</summary>
    public static IEnumerable<(int Line, int Column)> Placeholders(string text)
    {
        var line = 1;
        var lineStart = 0;
        for (var i = text.IndexOf(PlaceholderMarker, StringComparison.Ordinal); i >= 0; i = text.IndexOf(PlaceholderMarker, i + 1, StringComparison.Ordinal))
        {
            for (var n = text.IndexOf('\n', lineStart); n >= 0 && n < i; n = text.IndexOf('\n', lineStart))
            {
                line++;
                lineStart = n + 1;
            }

            yield return (line, i - lineStart + 1);
        }
    }

    /// <summary>Errors for a published page; warnings for a draft previewed with <c>--drafts</c>.</summary>
    private static Action<string, Spot, string> Reporter(ContentItem item, DiagnosticBag diagnostics) => (code, at, message) =>
    {
        if (item.Draft)
        {
            diagnostics.Warning(code, item.Source.DisplayPath, at.Line, at.Column, message + " (a draft: this is an error once `draft: true` is removed)");
        }
        else
        {
            diagnostics.Error(code, item.Source.DisplayPath, at.Line, at.Column, message);
        }
    };
}

/// <summary>
/// Readability scores by item. The process keeps one for <c>serve</c>, whose items live between rebuilds (weakly: an item
/// let go takes its score with it). A one-off build measures into a table of its own (<see cref="ForOneBuild"/>), which
/// goes with the loading: the process's table kept the room it grew to for every item after their scores were removed,
/// and a table of weak entries holds its scores until its finalizer has run.
/// </summary>
internal sealed class ReadabilityScores
{
    private readonly System.Runtime.CompilerServices.ConditionalWeakTable<ContentItem, Tuple<IReadOnlySet<string>, ReadabilityScore>>? _weak;
    private readonly System.Collections.Concurrent.ConcurrentDictionary<ContentItem, Tuple<IReadOnlySet<string>, ReadabilityScore>>? _held;

    private ReadabilityScores(bool weak)
    {
        if (weak)
        {
            _weak = new();
        }
        else
        {
            _held = new(ReferenceEqualityComparer.Instance);
        }
    }

    /// <summary>The process's table (<c>serve</c>'s, and any load without a table of its own).</summary>
    internal static ReadabilityScores Weak() => new(weak: true);

    /// <summary>A one-off build's table: its items live as long as it does.</summary>
    internal static ReadabilityScores ForOneBuild() => new(weak: false);

    internal bool TryGetValue(ContentItem item, out Tuple<IReadOnlySet<string>, ReadabilityScore> known) =>
        _weak is not null ? _weak.TryGetValue(item, out known!) : _held!.TryGetValue(item, out known!);

    internal void Set(ContentItem item, Tuple<IReadOnlySet<string>, ReadabilityScore> value)
    {
        if (_weak is not null)
        {
            _weak.AddOrUpdate(item, value);
        }
        else
        {
            _held![item] = value;
        }
    }
}
