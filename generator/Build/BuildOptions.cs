namespace BackCareSite.Build;

/// <summary>What <c>build</c> was asked to do.</summary>
internal sealed record BuildOptions
{
    public string ContentDir { get; init; } = "content";

    public string TemplatesDir { get; init; } = "templates";

    public string OutDir { get; init; } = "public";

    /// <summary>The site's folder, which holds netlify.toml and node_modules: the parent of the content folder.</summary>
    public string SiteRoot => Path.GetDirectoryName(Path.GetFullPath(ContentDir).TrimEnd(Path.DirectorySeparatorChar)) ?? ".";

    /// <summary>Overrides <c>base_url</c> from site.yml (Netlify passes its <c>URL</c>).</summary>
    public string? BaseUrl { get; init; }

    public bool Drafts { get; init; }

    /// <summary>Replaces an output folder that no build wrote (never the home folder, a root or a parent of the sources).</summary>
    public bool Force { get; init; }

    /// <summary>Warnings fail the build too.</summary>
    public bool Strict { get; init; }

    /// <summary>Whether and how the checked site is indexed for search (Pagefind); off unless the command line asks.</summary>
    public Search.SearchOptions Search { get; init; } = BackCareSite.Search.SearchOptions.Off;

    /// <summary>The day review dates are compared with; only warnings depend on it, never output.</summary>
    public DateOnly Today { get; init; } = DateOnly.FromDateTime(DateTime.UtcNow);
}
