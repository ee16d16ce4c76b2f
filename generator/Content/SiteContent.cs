namespace BackCareSite.Content;

/// <summary>
/// A file under <c>media/</c>, published at the same path: as it is, or for JPEG, PNG
/// and WebP re-encoded upright without metadata (with its responsive variants beside it).
/// </summary>
internal sealed record MediaFile(string RelativePath, string FullPath, ImageSize? Size)
{
    /// <summary>The raster header (upright size, format found in the bytes), when the file is a raster picture.</summary>
    public Pictures.RasterHeader? Raster { get; init; }

    /// <summary>Why the picture cannot be published, reported where it is used.</summary>
    public Pictures.PictureProblem? Problem { get; init; }

    /// <summary>Reads what the build needs to know about a media file: for pictures, the header only.</summary>
    public static MediaFile Probe(string relative, string full)
    {
        if (!Pictures.RasterHeader.IsWebImage(full))
        {
            return new MediaFile(relative, full, null);
        }

        if (Path.GetExtension(full).Equals(".svg", StringComparison.OrdinalIgnoreCase))
        {
            return new MediaFile(relative, full, ImageSize.ReadSvg(full));
        }

        var (header, problem) = Pictures.RasterHeader.Read(full);
        return new MediaFile(relative, full, header is null ? null : new ImageSize(header.Width, header.Height)) { Raster = header, Problem = problem };
    }
}

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

    /// <summary>Articles, exercises and pages, in that order: one list, made once (every stage walks it, several times, at every rebuild of <c>serve</c>).</summary>
    public IReadOnlyList<ContentItem> All
    {
        get
        {
            // Made from these very lists (a copy made with `with` has others, and makes its own).
            if (Volatile.Read(ref _all) is { } made && ReferenceEquals(made.Articles, Articles) && ReferenceEquals(made.Exercises, Exercises)
                && ReferenceEquals(made.Pages, Pages))
            {
                return made.Items;
            }

            var items = new List<ContentItem>(Articles.Count + Exercises.Count + Pages.Count);
            items.AddRange(Articles);
            items.AddRange(Exercises);
            items.AddRange(Pages);
            Volatile.Write(ref _all, new AllItems(Articles, Exercises, Pages, items));
            return items;
        }
    }

    private sealed record AllItems(IReadOnlyList<Article> Articles, IReadOnlyList<Exercise> Exercises, IReadOnlyList<StaticPage> Pages, IReadOnlyList<ContentItem> Items);

    private AllItems? _all;

    /// <summary>What each JPEG, PNG and WebP of the media folder becomes, by its path (<c>media/x.jpg</c>).</summary>
    public IReadOnlyDictionary<string, Pictures.PicturePlan> Pictures { get; init; } = new Dictionary<string, Pictures.PicturePlan>();
}
