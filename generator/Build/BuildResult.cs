using BackCareSite.Diagnostics;

namespace BackCareSite.Build;

/// <summary>The outcome of a build: every diagnostic, sorted, and what was published.</summary>
internal sealed record BuildResult(IReadOnlyList<Diagnostic> Diagnostics, int PageCount, bool Published, TimeSpan Elapsed)
{
    public int ErrorCount => Diagnostics.Count(d => d.IsError);

    public int WarningCount => Diagnostics.Count(d => !d.IsError);
}
