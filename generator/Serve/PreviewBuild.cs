using BackCareSite.Diagnostics;

namespace BackCareSite.Serve;

/// <summary>The outcome of one preview rebuild, for the terminal and the tests.</summary>
internal sealed record PreviewBuild(
    IReadOnlyList<Diagnostic> Diagnostics,
    bool Succeeded,
    bool Full,
    int PageCount,
    IReadOnlySet<string> RenderedPages,
    IReadOnlySet<string> RemovedPages,
    TimeSpan Elapsed)
{
    /// <summary>How many items' views were made again (the others were kept from the last render).</summary>
    public int ViewsMade { get; init; }

    /// <summary>The kept pages whose traces were replayed (the others were kept without replaying, or rendered).</summary>
    public IReadOnlySet<string> ReplayedPages { get; init; } = new HashSet<string>();

    /// <summary>How many pages were kept because their job, made again from what the last render kept of it, was the one kept for the same objects then.</summary>
    public int KeptAsPlanned { get; init; }

    public int ErrorCount => Diagnostics.Count(d => d.IsError);

    public int WarningCount => Diagnostics.Count(d => !d.IsError);
}
