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
/// <param name="asScanned">
/// For a one-off build (without <c>keepResults</c>): each page's links are resolved as the page is scanned, and the scan
/// keeps its ids only (see <see cref="AsScanned"/>).
/// </param>
internal sealed class BuildLinkCheck(bool keepResults = false, StringPool? pool = null, AsScanned? asScanned = null)
{
    private readonly ConcurrentDictionary<string, PageScan> _scans = new(StringComparer.Ordinal);
    private readonly StringPool _pool = pool ?? new();
    // With keepResults: what each page's check found (null: nothing) and the origins it was checked with.
    private readonly Dictionary<string, (IReadOnlyList<Diagnostic>? Diagnostics, IReadOnlyList<LinkOrigin>? Origins)> _results = new(StringComparer.Ordinal);
    // With keepResults and KeepFor: the base URL the pages scanned now are checked under, and how to read a page's text
    // again (a scan whose links were sorted under another base URL is made again from it).
    private (string BaseUrl, UrlResolver Resolver)? _keptResolver;
    private Func<string, string?>? _readPage;
    private (SiteIndex Files, string BaseUrl)? _checkedAgainst;
    // With keepResults: the pages scanned again or forgotten since the last run, and for each page the pages whose kept
    // result looked a fragment up in it (it may list pages that no longer do: they are checked again, which is only more work).
    private readonly ConcurrentDictionary<string, byte> _rescanned = new(StringComparer.Ordinal);
    private readonly Dictionary<string, HashSet<string>> _readers = new(StringComparer.Ordinal);

    // With asScanned: every page and site file the scanned links name (a path of the site and a fragment, once each, as
    // TargetKey writes them), each page's ids (instead of its scan), and whether some link or page may be reported.
    private readonly UrlResolver? _resolver = asScanned is null || keepResults ? null : new UrlResolver(asScanned.BaseUrl);
    private readonly Utf8Set _targets = new();
    private readonly PageIds? _ids = asScanned is null || keepResults ? null : new PageIds(asScanned.Written);
    private volatile bool _mayReport;

    // Only ever set, never cleared, by the render threads: `_mayReport |= x` read and wrote the flag, so a thread that
    // found nothing could write back the false it had read while another set it (a broken fragment or an empty
    // mailto: then went unreported in about one build of ten of the sample site with one, JIT-compiled).
    private void MayReportIf(bool found)
    {
        if (found)
        {
            _mayReport = true;
        }
    }

    /// <summary>How many pages the last <see cref="Run"/> checked (with <c>keepResults</c>, those that changed).</summary>
    public int Checked { get; private set; }

    /// <summary>
    /// With <c>keepResults</c> (serve), before the pages of a rebuild are added: the base URL <see cref="Run"/> will be given,
    /// and where a page's text can be read again. Each page scanned from then on keeps only the links whose check depends
    /// on the site's files or finds something (see <see cref="Matters"/>); the others (a page's external links, its valid
    /// <c>mailto:</c> and <c>tel:</c> links, its fragments found on the page itself: about a third of a page's links, among
    /// them the only URLs no other page has) are never kept, nor their URLs pooled.
    /// </summary>
    public void KeepFor(string baseUrl, Func<string, string?> readPage)
    {
        _keptResolver = (baseUrl, new UrlResolver(baseUrl));
        _readPage = readPage;
    }

    /// <summary>Scans one rendered page (its links, ids and own problems); called as each page is rendered.</summary>
    public void Add(OutputFile page) => Add(page.Path, page.Text.AsMemory(), page.Text);

    /// <summary>
    /// Scans one rendered page given as characters wherever they are (a one-off build's reused buffer, which the caller
    /// may reuse once this returns).
    /// </summary>
    public void Add(string path, ReadOnlyMemory<char> text) => Add(path, text, null);

    private void Add(string path, ReadOnlyMemory<char> text, string? asString)
    {
        if (LinkChecker.IsHtml(path))
        {
            if (_ids is not null)
            {
                // With asScanned, the page's links are let go once resolved: their URLs stay out of the pool.
                var scanned = PageScanner.Scan(path, text, _pool, linksInPool: false);
                ResolveAsScanned(scanned);
                _ids.Add(path, scanned.Anchors);
                return;
            }

            var scan = Scan(path, asString ?? text.ToString(), keepResults ? _keptResolver?.BaseUrl : null);
            _scans[path] = scan;
            if (keepResults)
            {
                _rescanned[path] = 0;
            }
        }
    }

    /// <param name="sortUnder">With <c>keepResults</c> and <see cref="KeepFor"/>: the base URL to sort the page's links under (null: keep every link).</param>
    private PageScan Scan(string path, string text, string? sortUnder)
    {
        // A kept scan's links stay out of the pool until it is sorted.
        var scan = PageScanner.Scan(path, text, _pool, linksInPool: sortUnder is null);
        if (sortUnder is not null)
        {
            var resolver = string.Equals(sortUnder, _keptResolver?.BaseUrl, StringComparison.Ordinal) ? _keptResolver!.Value.Resolver : new UrlResolver(sortUnder);
            scan.KeepOnly(link => Matters(scan, link, resolver), sortUnder);
        }

        // Kept until every page is written: no spare room in its lists.
        scan.TrimExcess();
        return scan;
    }

    /// <summary>
    /// Whether checking <paramref name="link"/> of <paramref name="scan"/> can find anything, now or after the site's files
    /// change, when checked as <see cref="LinkChecker.CheckPage"/> does for serve (external links not listed): an external
    /// or empty link, a data or other scheme's URL, a valid <c>mailto:</c> or <c>tel:</c> and a fragment found on the page
    /// itself never report (each is decided by its URL, the page's path and the page's own ids alone), so the diagnostics
    /// and places are the same without them (a place counts uses of the same URL, all of which are kept or not).
    /// </summary>
    internal static bool Matters(PageScan scan, LinkRef link, UrlResolver resolver)
    {
        var resolved = resolver.Resolve(scan.Path, link.Url);
        return resolved.Kind switch
        {
            UrlKind.Empty or UrlKind.Data or UrlKind.OtherScheme or UrlKind.External => false,
            UrlKind.Mailto => UrlSyntax.MailtoProblem(UrlResolver.Clean(link.Url)) is not null,
            UrlKind.Tel => UrlSyntax.TelProblem(UrlResolver.Clean(link.Url)) is not null,
            UrlKind.SamePage => !LinkChecker.FragmentFound(scan.Anchors, resolved.Fragment),
            _ => true,
        };
    }

    /// <summary>Forgets the scans of pages that are no longer part of the site.</summary>
    /// <param name="onlyScannedSinceLastRun">With <c>keepResults</c>: every page scanned before the last <see cref="Run"/> is
    /// known to be part of the site (the site has the paths it had then): only the pages scanned since are asked about.</param>
    public void Remove(Func<string, bool> gone, bool onlyScannedSinceLastRun = false)
    {
        if (onlyScannedSinceLastRun && keepResults)
        {
            foreach (var (path, _) in _rescanned)
            {
                if (gone(path))
                {
                    _scans.TryRemove(path, out _);
                }
            }

            return;
        }

        // (Enumerating the table itself: its Keys would copy every path under every lock.)
        foreach (var (path, _) in _scans)
        {
            if (gone(path) && _scans.TryRemove(path, out _) && keepResults)
            {
                _rescanned[path] = 0;
            }
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
        DiagnosticBag diagnostics) =>
        Run(files, outDir, baseUrl, () => origins, diagnostics);

    /// <summary>
    /// As <see cref="Run(SiteIndex, string, string, IReadOnlyDictionary{string, IReadOnlyList{LinkOrigin}}, DiagnosticBag)"/>,
    /// with the origins made by <paramref name="origins"/> only when a link is checked (a one-off build whose scanned links
    /// all resolve never asks: it keeps none, and makes them again only to report a finding at its Markdown line).
    /// </summary>
    public void Run(
        SiteIndex files,
        string outDir,
        string baseUrl,
        Func<IReadOnlyDictionary<string, IReadOnlyList<LinkOrigin>>> origins,
        DiagnosticBag diagnostics)
    {
        if (_ids is not null && TargetsFound(files, baseUrl))
        {
            // No link of any page can be reported, nor any page: what checking every link would find (nothing).
            Checked = _ids.Count;
            return;
        }

        var options = new LinkCheckOptions
        {
            BaseUrl = baseUrl,
            Origins = origins(),
            DisplayPath = path => PathDisplay.Combine(diagnostics.Display(outDir), path),
            CollectExternal = false,
        };

        if (!keepResults)
        {
            // With asScanned, something will be reported: every page is scanned again from the file written (the same
            // text), and every link checked as it is without asScanned, so the findings and their places are the same.
            var scans = _ids is null ? _scans.Values.ToList()
                : _ids.Paths.AsParallel().Select(path => PageScanner.Scan(path, asScanned!.ReadPage(path), _pool)).ToList();
            var result = LinkChecker.Resolve(scans, files, options);
            Checked = result.Pages;
            diagnostics.AddRange(result.Diagnostics);
            return;
        }

        RunKept(files, baseUrl, options.Origins, options, diagnostics);
    }

    // Resolves the links of a page as it is scanned: a link that may be reported marks the run (every page is then checked
    // in full), a link within the site adds its target, and the scan lets its links go.
    private void ResolveAsScanned(PageScan scan)
    {
        if (scan.Problems.Count > 0)
        {
            _mayReport = true;
        }

        foreach (var link in scan.Links)
        {
            var resolved = _resolver!.Resolve(scan.Path, link.Url);
            switch (resolved.Kind)
            {
                case UrlKind.Empty or UrlKind.Data or UrlKind.OtherScheme or UrlKind.External:
                    continue;
                case UrlKind.Mailto:
                    MayReportIf(UrlSyntax.MailtoProblem(UrlResolver.Clean(link.Url)) is not null);
                    continue;
                case UrlKind.Tel:
                    MayReportIf(UrlSyntax.TelProblem(UrlResolver.Clean(link.Url)) is not null);
                    continue;
                case UrlKind.Invalid:
                    _mayReport = true;
                    continue;
                case UrlKind.SamePage:
                    MayReportIf(!LinkChecker.FragmentFound(scan.Anchors, resolved.Fragment));
                    continue;
            }

            if (resolved.Path.EndsWith(".md", StringComparison.OrdinalIgnoreCase))
            {
                _mayReport = true;
                continue;
            }

            AddTarget(resolved.Path, resolved.Fragment);
        }

        scan.ForgetLinks();
    }

    // A target as one string: `N` and the path (no fragment), or `F`, the path's length, `:`, the path and the fragment.
    private void AddTarget(string path, string? fragment)
    {
        var length = 1 + path.Length + (fragment is null ? 0 : 11 + fragment.Length);
        char[]? rented = null;
        var key = length <= 256 ? stackalloc char[256] : (rented = System.Buffers.ArrayPool<char>.Shared.Rent(length));
        key[0] = fragment is null ? 'N' : 'F';
        var at = 1;
        if (fragment is not null)
        {
            path.Length.TryFormat(key[at..], out var digits, provider: System.Globalization.CultureInfo.InvariantCulture);
            at += digits;
            key[at++] = ':';
        }

        path.CopyTo(key[at..]);
        at += path.Length;
        fragment?.CopyTo(key[at..]);
        at += fragment?.Length ?? 0;
        _targets.Add(key[..at]);
        if (rented is not null)
        {
            System.Buffers.ArrayPool<char>.Shared.Return(rented);
        }
    }

    private static (string Path, string? Fragment) Target(string key)
    {
        if (key[0] == 'N')
        {
            return (key[1..], null);
        }

        var colon = key.IndexOf(':');
        var length = int.Parse(key.AsSpan(1, colon - 1), System.Globalization.CultureInfo.InvariantCulture);
        return (key.Substring(colon + 1, length), key[(colon + 1 + length)..]);
    }

    // True when nothing can be reported: no link or page was marked as it was scanned, every target is a file of the site,
    // and every fragment is an id of its page (as LinkChecker's checks decide).
    private bool TargetsFound(SiteIndex files, string baseUrl)
    {
        if (_mayReport || !string.Equals(baseUrl, asScanned!.BaseUrl, StringComparison.Ordinal))
        {
            return false;
        }

        foreach (var key in _targets.Strings())
        {
            var (path, fragment) = Target(key);
            var file = files.Find(path, out _);
            if (file is null)
            {
                return false;
            }

            if (fragment is not null && LinkChecker.IsHtml(file) && !_ids!.Found(file, fragment, _pool))
            {
                return false;
            }
        }

        return true;
    }

    private void RunKept(
        SiteIndex files, string baseUrl, IReadOnlyDictionary<string, IReadOnlyList<LinkOrigin>> origins, LinkCheckOptions options, DiagnosticBag diagnostics)
    {
        // Any file added or gone, or another base URL: every link may resolve differently.
        var all = _checkedAgainst is not { } last || last.BaseUrl != baseUrl || !last.Files.SameFiles(files);
        _checkedAgainst = (files, baseUrl);
        var stale = new List<PageScan>();
        if (all)
        {
            _results.Clear();
            _readers.Clear();
            stale.AddRange(_scans.Values);
        }
        else
        {
            // A kept result holds while its page's scan is the same, its links' origins are the same and every page whose
            // ids it read is the same scan: so a page is checked again when it was scanned again, when a page it read was
            // scanned again or forgotten, or when its origins changed. A page scanned again or forgotten is one of _rescanned.
            var again = new HashSet<string>(StringComparer.Ordinal);
            foreach (var (path, _) in _rescanned)
            {
                again.Add(path);
                if (_readers.TryGetValue(path, out var readers))
                {
                    again.UnionWith(readers);
                }
            }

            // Origins: one look-up a page (most are the very lists of the last run).
            foreach (var (path, result) in _results)
            {
                var now = origins.GetValueOrDefault(path);
                if (!ReferenceEquals(result.Origins, now) && !(result.Origins ?? []).SequenceEqual(now ?? []))
                {
                    again.Add(path);
                }
            }

            foreach (var path in again)
            {
                _results.Remove(path);
                if (_scans.TryGetValue(path, out var scan))
                {
                    stale.Add(scan);
                }
            }
        }

        // A scan whose links were sorted under another base URL may lack a link that matters now: made again from its text.
        for (var i = 0; i < stale.Count; i++)
        {
            if (stale[i].SortedFor is { } sortedFor && !string.Equals(sortedFor, baseUrl, StringComparison.Ordinal))
            {
                var text = _readPage?.Invoke(stale[i].Path)
                    ?? throw new InvalidOperationException($"the link check cannot read {stale[i].Path} again");
                _scans[stale[i].Path] = stale[i] = Scan(stale[i].Path, text, baseUrl);
            }
        }

        var resolver = new UrlResolver(baseUrl);
        var fresh = new ConcurrentBag<(PageCheckResult, IReadOnlyList<LinkOrigin>?)>();
        try
        {
            Parallel.ForEach(stale, scan => fresh.Add((LinkChecker.CheckPage(scan, resolver, files, _scans, options), origins.GetValueOrDefault(scan.Path))));
        }
        catch
        {
            // Some pages lost their results without new ones: check every page next time.
            _checkedAgainst = null;
            throw;
        }

        _rescanned.Clear();
        foreach (var (result, pageOrigins) in fresh)
        {
            // Kept: what it found (most pages nothing) and the origins; the pages it read are kept once, below.
            _results[result.Scan.Path] = (result.Diagnostics.Count > 0 ? result.Diagnostics : null, pageOrigins);
            foreach (var target in result.Targets.Keys)
            {
                if (!_readers.TryGetValue(target, out var readers))
                {
                    _readers[target] = readers = new HashSet<string>(StringComparer.Ordinal);
                }

                readers.Add(result.Scan.Path);
            }
        }

        Checked = stale.Count;
        // Unsorted, as the pages come: the run's diagnostics are sorted together at its end. (External links are
        // listed only by `check --external`, which does not keep results.)
        foreach (var (_, (found, _)) in _results)
        {
            if (found is not null)
            {
                diagnostics.AddRange(found);
            }
        }
    }
}

/// <summary>
/// The pages a one-off build scanned (<see cref="AsScanned"/>), in place of their scans: each page's path (in a
/// <see cref="Utf8Set"/>) and its ids, as their numbers in the build's pool, sorted. (Sharing one array between pages with the
/// same ids was tried: at 10,000 articles nearly every page has ids of its own, and the table cost more than it saved.)
/// </summary>
/// <param name="paths">
/// Where the pages' paths are kept: the set of the files the build writes (<see cref="AsScanned.Written"/>), which holds each
/// page's path already (a second set of them was about 65 bytes a page), or a set of the pages' own. Numbers of files that are
/// not pages have no ids.
/// </param>
internal sealed class PageIds(Utf8Set? paths = null)
{
    private const int ChunkBits = 12;
    private const int ChunkSize = 1 << ChunkBits;

    private readonly Utf8Set _paths = paths ?? new();
    private readonly Lock _adding = new();
    private int[]?[][] _chunks = new int[]?[16][];
    private int _count;

    /// <summary>How many pages were added.</summary>
    public int Count => Volatile.Read(ref _count);

    /// <summary>Every page's path (made as they are read), in the order of their numbers.</summary>
    public IEnumerable<string> Paths
    {
        get
        {
            var count = _paths.Count;
            for (var number = 0; number < count; number++)
            {
                if (IdsOf(number) is not null)
                {
                    yield return _paths[number];
                }
            }
        }
    }

    private int[]? IdsOf(int number)
    {
        var chunks = Volatile.Read(ref _chunks);
        var chunk = number >> ChunkBits;
        return chunk < chunks.Length && chunks[chunk] is { } ids ? ids[number & (ChunkSize - 1)] : null;
    }

    /// <summary>Keeps a page's ids (a page added again replaces them).</summary>
    public void Add(string path, AnchorSet anchors)
    {
        var number = _paths.Add(path);
        var ids = anchors.Numbers();
        lock (_adding)
        {
            var chunk = number >> ChunkBits;
            if (chunk >= _chunks.Length)
            {
                var grown = _chunks;
                Array.Resize(ref grown, Math.Max(chunk + 1, _chunks.Length * 2));
                Volatile.Write(ref _chunks, grown);
            }

            var slots = _chunks[chunk] ??= new int[]?[ChunkSize];
            if (slots[number & (ChunkSize - 1)] is null)
            {
                _count++;
            }

            slots[number & (ChunkSize - 1)] = ids;
        }
    }

    /// <summary>Whether a link to <paramref name="fragment"/> on the page at <paramref name="path"/> finds its place (as <see cref="LinkChecker.FragmentFound"/> decides; true for a path no page was scanned at).</summary>
    public bool Found(string path, string fragment, StringPool pool)
    {
        var number = _paths.IndexOf(path);
        if (number < 0 || LinkChecker.NeedsNoAnchor(fragment))
        {
            return true;
        }

        var ids = IdsOf(number);
        if (ids is null)
        {
            // A file of the site that is not a page (the set is the writer's): no ids, as for a path no page was scanned at.
            return true;
        }

        return ids.Length > 0 && pool.TryGetId(fragment, out var id) && Array.BinarySearch(ids, id) >= 0;
    }
}

/// <summary>
/// A one-off build's link check keeps no page's links (about 45 a page): each is resolved as its page is scanned, and what
/// is kept is the page's ids and, once for the whole site, each page or file the links name. Once every file is written,
/// each of those is looked up once. When anything could be reported (a target missing, a fragment not found, a malformed
/// <c>mailto:</c>, a page's own problem), every page is read again from the file written and checked in full, so the
/// findings are those of checking the kept links; a site that passes is never read again.
/// </summary>
/// <param name="BaseUrl">The site's base URL, as <see cref="BuildLinkCheck.Run"/> will be given it.</param>
/// <param name="ReadPage">The text written at a site path (the staging folder's file).</param>
internal sealed record AsScanned(string BaseUrl, Func<string, string> ReadPage)
{
    /// <summary>The set of the files the build writes (its <see cref="Output.OutputWriter"/>'s), in which the pages' ids are kept by number.</summary>
    public Utf8Set? Written { get; init; }
}

