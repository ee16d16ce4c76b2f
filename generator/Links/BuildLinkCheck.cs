using System.Collections.Concurrent;
using BackCareSite.Content;
using BackCareSite.Diagnostics;
using BackCareSite.Markdown;
using BackCareSite.Output;

namespace BackCareSite.Links;

/// <summary>
/// The link check that runs inside <c>build</c> (before publishing: a broken site is never published)
/// and inside <c>serve</c> after every rebuild (a broken link shows the error page). Each page is
/// scanned from its rendered text as soon as it is rendered (the same text that was written, saving
/// a read and keeping no page in memory); once every file is written, the links are resolved against
/// the files of the site. <c>serve</c> keeps one instance across rebuilds: a page rendered again
/// replaces its scan, and <see cref="Remove"/> drops the scans of pages that are gone.
/// Problems are reported at the output path the page will have (<c>public/articles/x/index.html</c>),
/// or at the Markdown file and line when the link was written in content. External links are not
/// fetched: an offline build never fails because of another site.
/// </summary>
internal sealed class BuildLinkCheck
{
    private readonly ConcurrentDictionary<string, PageScan> _scans = new(StringComparer.Ordinal);
    private readonly StringPool _pool = new();

    /// <summary>Scans one rendered page (its links, ids and own problems); called as each page is rendered.</summary>
    public void Add(OutputFile page)
    {
        if (LinkChecker.IsHtml(page.Path))
        {
            _scans[page.Path] = PageScanner.Scan(page.Path, page.Text, _pool);
        }
    }

    /// <summary>Forgets the scans of pages that are no longer part of the site.</summary>
    public void Remove(Func<string, bool> gone)
    {
        foreach (var path in _scans.Keys.Where(gone).ToList())
        {
            _scans.TryRemove(path, out _);
        }
    }

    /// <summary>Resolves every scanned link against the files of the site (<paramref name="files"/>: the staging folder's, or the preview's).</summary>
    public LinkCheckResult Run(
        SiteIndex files,
        string outDir,
        string baseUrl,
        IReadOnlyDictionary<string, IReadOnlyList<LinkOrigin>> origins,
        DiagnosticBag diagnostics)
    {
        var result = LinkChecker.Resolve(_scans.Values.ToList(), files, new LinkCheckOptions
        {
            BaseUrl = baseUrl,
            Origins = origins,
            DisplayPath = path => PathDisplay.Combine(diagnostics.Display(outDir), path),
        });
        diagnostics.AddRange(result.Diagnostics);
        return result;
    }
}
