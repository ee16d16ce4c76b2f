using System.Collections.Concurrent;
using BackCareSite.Content;
using BackCareSite.Diagnostics;
using BackCareSite.Markdown;
using BackCareSite.Output;

namespace BackCareSite.Links;

/// <summary>
/// The link check that runs inside <c>build</c>, before publishing: a broken site is never published.
/// Each page is scanned from its rendered text as soon as it is rendered and written (the same text
/// that was written, saving a read and keeping no page in memory); once every file is in the staging
/// folder, the links are resolved against the files as written.
/// Problems are reported at the output path the page will have (<c>public/articles/x/index.html</c>),
/// or at the Markdown file and line when the link was written in content. External links are not
/// fetched: an offline build never fails because of another site.
/// </summary>
internal sealed class BuildLinkCheck
{
    private readonly ConcurrentBag<PageScan> _scans = [];

    /// <summary>Scans one rendered page (its links, ids and own problems); called as each page is rendered.</summary>
    public void Add(OutputFile page)
    {
        if (LinkChecker.IsHtml(page.Path))
        {
            _scans.Add(PageScanner.Scan(page.Path, page.Text));
        }
    }

    /// <summary>Resolves every scanned link against the files written into <paramref name="staging"/>.</summary>
    public LinkCheckResult Run(
        string staging,
        string outDir,
        string baseUrl,
        IReadOnlyDictionary<string, IReadOnlyList<LinkOrigin>> origins,
        DiagnosticBag diagnostics)
    {
        var result = LinkChecker.Resolve(_scans, SiteIndex.FromFolder(staging), new LinkCheckOptions
        {
            BaseUrl = baseUrl,
            Origins = origins,
            DisplayPath = path => PathDisplay.Combine(PathDisplay.ForDiagnostics(outDir), path),
        });
        diagnostics.AddRange(result.Diagnostics);
        return result;
    }
}
