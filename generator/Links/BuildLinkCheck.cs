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
/// replaces its scan, and <see cref="Remove"/> drops the scans of pages that are gone; with
/// <c>keepResults</c> it also keeps what each page's check found, and checks a page again only when
/// its scan or its links' origins changed, a page whose ids it looked a fragment up in was scanned
/// again, or the site's files or base URL changed (then every page); the diagnostics are the same as
/// checking every page.
/// Problems are reported at the output path the page will have (<c>public/articles/x/index.html</c>),
/// or at the Markdown file and line when the link was written in content. External links are not
/// fetched: an offline build never fails because of another site.
/// </summary>
/// <param name="pool">Where the scans' strings come from: the build's, which the link stage's URLs also come from; or a new one.</param>
internal sealed class BuildLinkCheck(bool keepResults = false, StringPool? pool = null)
{
    private readonly ConcurrentDictionary<string, PageScan> _scans = new(StringComparer.Ordinal);
    private readonly StringPool _pool = pool ?? new();
    private readonly Dictionary<string, (PageCheckResult Result, IReadOnlyList<LinkOrigin>? Origins)> _results = new(StringComparer.Ordinal);
    private (IReadOnlyCollection<string> Files, string BaseUrl)? _checkedAgainst;

    /// <summary>How many pages the last <see cref="Run"/> checked (with <c>keepResults</c>, those that changed).</summary>
    public int Checked { get; private set; }

    /// <summary>Scans one rendered page (its links, ids and own problems); called as each page is rendered.</summary>
    public void Add(OutputFile page)
    {
        if (LinkChecker.IsHtml(page.Path))
        {
            var scan = PageScanner.Scan(page.Path, page.Text, _pool);

            // Kept until every page is written: no spare room in its lists.
            scan.TrimExcess();
            _scans[page.Path] = scan;
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

    /// <summary>
    /// Resolves every scanned link against the files of the site (<paramref name="files"/>: the staging folder's, or
    /// the preview's; with <c>keepResults</c>, pass the same index again while the files are the same) and adds what
    /// it finds to <paramref name="diagnostics"/>.
    /// </summary>
    public void Run(
        SiteIndex files,
        string outDir,
        string baseUrl,
        IReadOnlyDictionary<string, IReadOnlyList<LinkOrigin>> origins,
        DiagnosticBag diagnostics)
    {
        var options = new LinkCheckOptions
        {
            BaseUrl = baseUrl,
            Origins = origins,
            DisplayPath = path => PathDisplay.Combine(diagnostics.Display(outDir), path),
            CollectExternal = false,
        };
        if (!keepResults)
        {
            var result = LinkChecker.Resolve(_scans.Values.ToList(), files, options);
            Checked = result.Pages;
            diagnostics.AddRange(result.Diagnostics);
            return;
        }

        RunKept(files, baseUrl, origins, options, diagnostics);
    }

    private void RunKept(
        SiteIndex files, string baseUrl, IReadOnlyDictionary<string, IReadOnlyList<LinkOrigin>> origins, LinkCheckOptions options, DiagnosticBag diagnostics)
    {
        // Any file added or gone, or another base URL: every link may resolve differently.
        if (_checkedAgainst is not { } last || last.BaseUrl != baseUrl
            || (!ReferenceEquals(last.Files, files.Files) && (last.Files.Count != files.Files.Count || !files.Files.All(last.Files.Contains))))
        {
            _results.Clear();
        }

        _checkedAgainst = (files.Files, baseUrl);
        foreach (var path in _results.Keys.Where(p => !_scans.ContainsKey(p)).ToList())
        {
            _results.Remove(path);
        }

        var scans = new Dictionary<string, PageScan>(_scans, StringComparer.Ordinal);
        var stale = scans.Values.Where(scan => !_results.TryGetValue(scan.Path, out var kept) || !Holds(kept, scan, origins.GetValueOrDefault(scan.Path), scans)).ToList();
        var resolver = new UrlResolver(baseUrl);
        var fresh = new ConcurrentBag<(PageCheckResult, IReadOnlyList<LinkOrigin>?)>();
        Parallel.ForEach(stale, scan => fresh.Add((LinkChecker.CheckPage(scan, resolver, files, scans, options), origins.GetValueOrDefault(scan.Path))));
        foreach (var (result, pageOrigins) in fresh)
        {
            _results[result.Scan.Path] = (result, pageOrigins);
        }

        Checked = stale.Count;
        // Unsorted, as the pages come: the run's diagnostics are sorted together at its end. (External links are
        // listed only by `check --external`, which does not keep results.)
        diagnostics.AddRange(_results.Values.SelectMany(r => r.Result.Diagnostics));
    }

    /// <summary>True when a kept check still holds: the same scan, the same origins, and every page whose ids it read unchanged.</summary>
    private static bool Holds(
        (PageCheckResult Result, IReadOnlyList<LinkOrigin>? Origins) kept, PageScan scan, IReadOnlyList<LinkOrigin>? origins, Dictionary<string, PageScan> scans) =>
        ReferenceEquals(kept.Result.Scan, scan)
        && (ReferenceEquals(kept.Origins, origins) || (kept.Origins ?? []).SequenceEqual(origins ?? []))
        && kept.Result.Targets.All(t => ReferenceEquals(t.Value, scans.GetValueOrDefault(t.Key)));
}
