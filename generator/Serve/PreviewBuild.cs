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
    public int ErrorCount => Diagnostics.Count(d => d.IsError);

    public int WarningCount => Diagnostics.Count(d => !d.IsError);
}
