using BackCareSite.Content;

namespace BackCareSite.Build;

/// <summary>What <c>build</c> was asked to do.</summary>
internal sealed record BuildOptions
{
    public string ContentDir { get; init; } = "content";

    public string TemplatesDir { get; init; } = "templates";

    public string OutDir { get; init; } = "public";

    /// <summary>The site's folder, which holds netlify.toml and node_modules: the parent of the content folder.</summary>
    public string SiteRoot => Path.GetDirectoryName(Full(ContentDir, "--content").TrimEnd(Path.DirectorySeparatorChar)) ?? ".";

    /// <summary>
    /// The folder the command was started in: the folders above are relative to it, and
    /// diagnostics and the terminal show paths relative to it. The command line sets it once
    /// from the working directory; tests give the site's folder. Null (the working directory
    /// could not be read): paths are shown in full.
    /// </summary>
    public string? DisplayRoot { get; init; } = PathDisplay.WorkingDirectory();

    /// <summary>The same options with every folder a full path, so that no stage reads the working directory.</summary>
    /// <param name="outDirUsed">
    /// False for <c>serve</c>, which writes nothing to the output folder (it names it only in what it reports): a relative
    /// one is then kept as it is when the working directory cannot be read.
    /// </param>
    /// <exception cref="Cli.UsageException">A folder is relative and the working directory cannot be read (it was deleted).</exception>
    public BuildOptions Resolved(bool outDirUsed = true) => this with
    {
        ContentDir = Full(ContentDir, "--content"),
        TemplatesDir = Full(TemplatesDir, "--templates"),
        OutDir = outDirUsed || DisplayRoot is not null || Path.IsPathRooted(OutDir) ? Full(OutDir, "--out") : OutDir,
    };

    private string Full(string folder, string option) =>
        DisplayRoot is not null ? Path.GetFullPath(folder, DisplayRoot)
        : Path.IsPathRooted(folder) ? Path.GetFullPath(folder)
        : throw new Cli.UsageException($"the working directory cannot be read (was it deleted?), so the folder `{folder}` has no place; "
            + $"start in an existing folder, or pass `{option}` with a full path");

    /// <summary>Overrides <c>base_url</c> from site.yml (Netlify passes its <c>URL</c>).</summary>
    public string? BaseUrl { get; init; }

    public bool Drafts { get; init; }

    /// <summary>Replaces an output folder that no build wrote (never the home folder, a root or a parent of the sources).</summary>
    public bool Force { get; init; }

    /// <summary>Warnings fail the build too.</summary>
    public bool Strict { get; init; }

    /// <summary>Whether and how the checked site is indexed for search (Pagefind); off unless the command line asks.</summary>
    public Search.SearchOptions Search { get; init; } = BackCareSite.Search.SearchOptions.Off;

    /// <summary>Where encoded pictures are kept between builds (by content hash and settings); by default
    /// <c>.cache/pictures</c> beside the content folder.</summary>
    public string? CacheDir { get; init; }

    /// <summary>The full path of the picture cache (a relative <see cref="CacheDir"/> is taken from <see cref="DisplayRoot"/>, as the other folders).</summary>
    public string PictureCache => CacheDir is { } dir ? Full(dir, "--cache-dir") : Path.Combine(SiteRoot, ".cache", "pictures");

    /// <summary>The day review dates are compared with; only warnings depend on it, never output.</summary>
    public DateOnly Today { get; init; } = DateOnly.FromDateTime(DateTime.UtcNow);
}
