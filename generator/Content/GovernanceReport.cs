using BackCareSite.Diagnostics;
using BackCareSite.Markdown;

namespace BackCareSite.Content;

/// <summary>One page of the governance report: its review, sources, readability and state.</summary>
internal sealed record ReportRow
{
    public required string Title { get; init; }

    /// <summary>The source file, as diagnostics name it.</summary>
    public required string Source { get; init; }

    /// <summary><c>article</c>, <c>exercise</c> or <c>page</c>.</summary>
    public required string Kind { get; init; }

    public bool Health { get; init; }

    public bool Draft { get; init; }

    public Reviewer? Reviewer { get; init; }

    /// <summary>What <c>reviewed_by</c> says, even when it names no reviewer.</summary>
    public string? ReviewedBy { get; init; }

    public DateOnly? ReviewedOn { get; init; }

    public DateOnly? NextReview { get; init; }

    /// <summary>Days from the report's day to <see cref="NextReview"/>; negative when overdue.</summary>
    public int? DaysLeft { get; init; }

    public IReadOnlyList<Citation> Sources { get; init; } = [];

    public ReadabilityScore? Readability { get; init; }

    public int Placeholders { get; init; }

    /// <summary>Every diagnostic of this file that <c>build --strict</c> would fail on.</summary>
    public IReadOnlyList<Diagnostic> Problems { get; init; } = [];

    /// <summary>What needs attention first: <c>error</c>, <c>overdue</c>, <c>warning</c>, <c>draft</c> or <c>ok</c>.</summary>
    public string Status =>
        Problems.Any(p => p.IsError) ? "error"
        : DaysLeft < 0 ? "overdue"
        : Problems.Count > 0 ? "warning"
        : Draft ? "draft"
        : "ok";

    public int StatusRank => Array.IndexOf(GovernanceReport.Statuses, Status);
}

/// <summary>A red-flag sign as the report lists it: its level and what it rests on.</summary>
internal sealed record ReportSign(string Id, string Question, string Level, IReadOnlyList<Citation> Sources);

/// <summary>
/// The governance report: every page with its reviewer, review dates, sources,
/// reading age and draft or placeholder state, sorted by what needs attention
/// first; the red-flag signs with their levels and sources; and every
/// diagnostic the content stages give, so <see cref="FailsStrict"/> says
/// whether <c>build --strict</c> would fail on the content.
/// </summary>
internal sealed record GovernanceReport(
    IReadOnlyList<ReportRow> Pages, IReadOnlyList<ReportSign> Signs, string IntendedPurpose, IReadOnlyList<Diagnostic> Diagnostics, DateOnly Today)
{
    public static readonly string[] Statuses = ["error", "overdue", "warning", "draft", "ok"];

    public bool FailsStrict => Diagnostics.Count > 0;

    /// <summary>Loads, validates and links the content as <c>build</c> does (no templates, no output) and reports on it.</summary>
    /// <param name="displayRoot">The folder the diagnostics' paths are shown relative to.</param>
    public static GovernanceReport Create(string contentDir, DateOnly today, string? displayRoot)
    {
        var diagnostics = new DiagnosticBag(displayRoot);
        var content = new ContentLoader(MarkdownPipelineFactory.Create()).Load(contentDir, includeDrafts: false, today, diagnostics);
        if (content is not null)
        {
            ContentLinker.Link(content, new SiteUrls(content.Settings.BaseUrl), diagnostics);
        }

        var all = diagnostics.Sorted();
        var byPath = all.ToLookup(d => d.Path, StringComparer.Ordinal);
        var rows = new List<ReportRow>();
        if (content is not null)
        {
            rows.AddRange(content.All.Select(i => Row(i, content, byPath[i.Source.DisplayPath].ToList(), today)));
            rows.AddRange(content.Drafts.Select(i => Row(i, content, byPath[i.Source.DisplayPath].ToList(), today)));
            rows.AddRange(content.Failed.Select(f => new ReportRow
            {
                Title = "", Source = f.Source.DisplayPath, Kind = f.Kind.ToString().ToLowerInvariant(), Health = f.Kind != ContentKind.Page,
                Problems = byPath[f.Source.DisplayPath].ToList(), Placeholders = GovernanceChecker.Placeholders(f.Source.Text).Count(),
            }));
        }

        var sorted = rows
            .OrderBy(r => r.StatusRank)
            .ThenBy(r => r.DaysLeft ?? int.MaxValue)
            .ThenBy(r => r.Source, StringComparer.Ordinal)
            .ToList();
        var signs = (content?.RedFlags.Flags ?? []).Select(f => new ReportSign(f.Id, f.Question, f.Level, f.Sources)).ToList();
        return new GovernanceReport(sorted, signs, content?.RedFlags.IntendedPurpose ?? "", all, today);
    }

    private static ReportRow Row(ContentItem item, SiteContent content, IReadOnlyList<Diagnostic> problems, DateOnly today)
    {
        var review = item.ReviewRecord;
        return new ReportRow
        {
            Title = item.Title, Source = item.Source.DisplayPath, Kind = item.Kind.ToString().ToLowerInvariant(),
            Health = item.IsHealthPage, Draft = item.Draft,
            Reviewer = review is null ? null : content.Reviewers.GetValueOrDefault(review.ReviewedBy), ReviewedBy = review?.ReviewedBy,
            ReviewedOn = review?.ReviewedOn, NextReview = review?.NextReview,
            DaysLeft = review is null ? null : review.NextReview.DayNumber - today.DayNumber,
            Sources = item.Sources,
            Readability = item.IsHealthPage ? Content.Readability.Measure(item, content.Settings.GlossedWords) : null,
            Placeholders = GovernanceChecker.Placeholders(item.Source.Text).Count(),
            Problems = problems,
        };
    }
}
