namespace BackCareSite.Content;

/// <summary>A file under <c>media/</c>, published as it is at the same path.</summary>
internal sealed record MediaFile(string RelativePath, string FullPath, ImageSize? Size);

/// <summary>Everything loaded and validated from the content folder.</summary>
internal sealed record SiteContent(
    SiteSettings Settings,
    RedFlagData RedFlags,
    IReadOnlyList<Article> Articles,
    IReadOnlyList<Exercise> Exercises,
    IReadOnlyList<StaticPage> Pages,
    IReadOnlyList<MediaFile> Media,
    IReadOnlySet<string> DraftSources,
    IReadOnlySet<string> InvalidSources)
{
    /// <summary>The clinicians of reviewers.yml by id (empty without the file).</summary>
    public IReadOnlyDictionary<string, Reviewer> Reviewers { get; init; } = new Dictionary<string, Reviewer>();

    /// <summary>Drafts left out of this build (for the governance report).</summary>
    public IReadOnlyList<ContentItem> Drafts { get; init; } = [];

    /// <summary>Files that failed their own checks; the link stage still checks their bodies.</summary>
    public IReadOnlyList<FailedFile> Failed { get; init; } = [];

    /// <summary>Exercises that exist but failed their checks, by the slug they would have.</summary>
    public IReadOnlyDictionary<string, FailedFile> FailedExercises { get; init; } = new Dictionary<string, FailedFile>();

    public IEnumerable<ContentItem> All => Articles.Cast<ContentItem>().Concat(Exercises).Concat(Pages);
}
