using BackCareSite.Diagnostics;
using BackCareSite.Markdown;

namespace BackCareSite.Links;

/// <summary>The link check that runs inside <c>build</c>, over the staging folder, before publishing.</summary>
internal static class BuildLinkCheck
{
    public static void Run(string folder, IReadOnlyDictionary<string, IReadOnlyList<LinkOrigin>> origins, DiagnosticBag diagnostics)
    {
        // The AngleSharp link checker plugs in here (issue: link checker).
    }
}
