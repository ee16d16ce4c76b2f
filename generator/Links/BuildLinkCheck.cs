using BackCareSite.Content;
using BackCareSite.Diagnostics;
using BackCareSite.Markdown;
using BackCareSite.Output;

namespace BackCareSite.Links;

/// <summary>
/// The link check that runs inside <c>build</c>, over the staging folder, before publishing: a broken
/// site is never published. The file set is the staging folder as written; the pages are checked
/// from the rendered text in memory (the same text that was written, saving a read per page).
/// Problems are reported at the output path the page will have (<c>public/articles/x/index.html</c>),
/// or at the Markdown file and line when the link was written in content. External links are not
/// fetched: an offline build never fails because of another site.
/// </summary>
internal static class BuildLinkCheck
{
    public static LinkCheckResult Run(
        string staging,
        string outDir,
        string baseUrl,
        IReadOnlyList<OutputFile> pages,
        IReadOnlyDictionary<string, IReadOnlyList<LinkOrigin>> origins,
        DiagnosticBag diagnostics)
    {
        var text = new Dictionary<string, string>(pages.Count, StringComparer.Ordinal);
        foreach (var page in pages)
        {
            text[page.Path] = page.Text;
        }

        var result = LinkChecker.Check(staging, new LinkCheckOptions
        {
            BaseUrl = baseUrl,
            Origins = origins,
            PageText = path => text.GetValueOrDefault(path),
            DisplayPath = path => PathDisplay.Combine(PathDisplay.ForDiagnostics(outDir), path),
        });
        diagnostics.AddRange(result.Diagnostics);
        return result;
    }
}
