using BackCareSite.Diagnostics;

namespace BackCareSite.Build;

/// <summary>The outcome of a build: every diagnostic, sorted, and what was published.</summary>
internal sealed record BuildResult(IReadOnlyList<Diagnostic> Diagnostics, int PageCount, bool Published, TimeSpan Elapsed)
{
    /// <summary>Wall and CPU time of each stage that ran, in order.</summary>
    public IReadOnlyList<StageTime> Timings { get; init; } = [];

    /// <summary>Picture files encoded in this build, and taken from the cache.</summary>
    public (int Encoded, int Reused) Pictures { get; init; }

    /// <summary>Picture cache entries deleted after the build because no build had used them for 30 days.</summary>
    public int PicturesPruned { get; init; }

    /// <summary>What the build wants the user to know that is not a problem with the content (printed, never an error).</summary>
    public IReadOnlyList<string> Notes { get; init; } = [];

    /// <summary>True when the link check had something to report and the links' origins were made again (<see cref="SiteBuilder.OriginsAgain"/>).</summary>
    public bool OriginsMadeAgain { get; init; }

    public int ErrorCount => Diagnostics.Count(d => d.IsError);

    public int WarningCount => Diagnostics.Count(d => !d.IsError);
}
