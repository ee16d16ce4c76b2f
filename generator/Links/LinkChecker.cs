using System.Collections.Concurrent;
using BackCareSite.Diagnostics;
using BackCareSite.Markdown;

namespace BackCareSite.Links;

/// <summary>How to check a site folder.</summary>
internal sealed class LinkCheckOptions
{
    /// <summary>The site's absolute base URL: links under it are checked as files of the site, and its path is the base path.</summary>
    public string? BaseUrl { get; init; }

    /// <summary>How a site-relative path is printed in a diagnostic (default: as it is).</summary>
    public Func<string, string> DisplayPath { get; init; } = p => p;

    /// <summary>Per output path, the Markdown origin of its links, to report them at the content file and line.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<LinkOrigin>>? Origins { get; init; }

    /// <summary>The text of a page already in memory (the build's rendered pages), or null to read the file.</summary>
    public Func<string, string?>? PageText { get; init; }

    /// <summary>
    /// Whether to list every external URL with its uses (<see cref="LinkCheckResult.External"/>, for <c>check</c>);
    /// <c>build</c> and <c>serve</c> never fetch them, and on a large site the list is tens of megabytes.
    /// </summary>
    public bool CollectExternal { get; init; } = true;
}

/// <summary>What checking one page found, and the other pages' scans it read (by path; null when none was scanned there).</summary>
internal sealed record PageCheckResult(
    PageScan Scan,
    IReadOnlyList<Diagnostic> Diagnostics,
    IReadOnlyList<(string Url, LinkUse Use)> External,
    IReadOnlyDictionary<string, PageScan?> Targets);

/// <summary>One place an external URL is used.</summary>
internal readonly record struct LinkUse(string Path, int Line, int Column);

/// <summary>What a check found: diagnostics in a stable order, counts, and every external URL with its uses.</summary>
internal sealed record LinkCheckResult(
    IReadOnlyList<Diagnostic> Diagnostics,
    int Pages,
    int Files,
    int Links,
    IReadOnlyDictionary<string, IReadOnlyList<LinkUse>> External)
{
    public int ErrorCount => Diagnostics.Count(d => d.IsError);

    public int WarningCount => Diagnostics.Count(d => !d.IsError);
}

/// <summary>
/// Checks every link, image and anchor of a built site. Two parallel passes: the first parses each
/// page once (<see cref="PageScanner"/>) and keeps only its ids and URLs; the second resolves every
/// URL against the file set and the target page's ids. External URLs are collected, not fetched
/// (<see cref="ExternalChecker"/> fetches them on request).
/// </summary>
internal static class LinkChecker
{
    public static LinkCheckResult Check(string root, LinkCheckOptions options) => Check(root, SiteIndex.FromFolder(root), options);

    public static LinkCheckResult Check(string root, SiteIndex index, LinkCheckOptions options)
    {
        var pages = index.Files.Where(IsHtml).Order(StringComparer.Ordinal).ToArray();
        var scans = new PageScan[pages.Length];
        var diagnostics = new ConcurrentQueue<Diagnostic>();

        // Pass 1: parse each page once; keep its ids, URLs and own problems.
        Parallel.For(0, pages.Length, i =>
        {
            var path = pages[i];
            string html;
            try
            {
                html = options.PageText?.Invoke(path) ?? File.ReadAllText(Path.Combine(root, path));
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                diagnostics.Enqueue(Diagnostic.Error(ErrorCodes.LinkPageUnreadable, options.DisplayPath(path), 1, 1, $"cannot read the page: {ex.Message}"));
                scans[i] = new PageScan(path);
                return;
            }

            scans[i] = PageScanner.Scan(path, html);
        });

        return Resolve(scans, index, options, diagnostics);
    }

    /// <summary>
    /// Pass 2 on pages already scanned (the build scans each page as soon as it is rendered):
    /// resolves every URL against the file set and the target pages' ids.
    /// </summary>
    public static LinkCheckResult Resolve(IReadOnlyCollection<PageScan> scanned, SiteIndex index, LinkCheckOptions options, IEnumerable<Diagnostic>? earlier = null)
    {
        var resolver = new UrlResolver(options.BaseUrl);
        var diagnostics = new ConcurrentQueue<Diagnostic>(earlier ?? []);
        var scans = scanned.OrderBy(s => s.Path, StringComparer.Ordinal).ToArray();
        var byPath = new Dictionary<string, PageScan>(scans.Length, StringComparer.Ordinal);
        foreach (var scan in scans)
        {
            byPath[scan.Path] = scan;
        }

        // Pass 2: resolve every URL against the file set and the target pages' ids.
        var external = new ConcurrentDictionary<string, ConcurrentQueue<LinkUse>>(StringComparer.Ordinal);
        var linkCount = 0;
        Parallel.ForEach(scans, scan =>
        {
            var page = new PageCheck(scan, resolver, index, byPath, options, diagnostics, external);
            page.Run();
            Interlocked.Add(ref linkCount, scan.Links.Count);
        });

        var externalUses = external.ToDictionary(
            e => e.Key,
            e => (IReadOnlyList<LinkUse>)e.Value.OrderBy(u => u.Path, StringComparer.Ordinal).ThenBy(u => u.Line).ThenBy(u => u.Column).ToList(),
            StringComparer.Ordinal);
        return new LinkCheckResult(DiagnosticBag.Sort(diagnostics), scans.Length, index.Files.Count, linkCount, externalUses);
    }

    /// <summary>
    /// Pass 2 for one page: what <see cref="Resolve"/> finds there, and the pages whose ids it read (a
    /// fragment's target), so that <c>serve</c> checks it again only when it, its origins, one of those
    /// pages or the site's files change.
    /// </summary>
    public static PageCheckResult CheckPage(PageScan scan, UrlResolver resolver, SiteIndex index, IReadOnlyDictionary<string, PageScan> pages, LinkCheckOptions options)
    {
        var diagnostics = new ConcurrentQueue<Diagnostic>();
        var external = new ConcurrentDictionary<string, ConcurrentQueue<LinkUse>>(StringComparer.Ordinal);
        var targets = new Dictionary<string, PageScan?>(StringComparer.Ordinal);
        new PageCheck(scan, resolver, index, pages, options, diagnostics, external) { Targets = targets }.Run();
        return new PageCheckResult(
            scan, [.. diagnostics], external.SelectMany(e => e.Value.Select(u => (e.Key, u))).ToList(), targets);
    }

    /// <summary>Whether a link's fragment finds its place on a page with these ids.</summary>
    internal static bool FragmentFound(AnchorSet anchors, [System.Diagnostics.CodeAnalysis.NotNullWhen(false)] string? fragment) =>
        NeedsNoAnchor(fragment) || anchors.Contains(fragment);

    /// <summary>"#" and "#top" (the HTML standard scrolls to the top) need no element; nor do text fragments.</summary>
    internal static bool NeedsNoAnchor([System.Diagnostics.CodeAnalysis.NotNullWhen(false)] string? fragment) =>
        string.IsNullOrEmpty(fragment)
        || string.Equals(fragment, "top", StringComparison.OrdinalIgnoreCase)
        || fragment.StartsWith(":~:", StringComparison.Ordinal);

    internal static bool IsHtml(string path) =>
        path.EndsWith(".html", StringComparison.OrdinalIgnoreCase) || path.EndsWith(".htm", StringComparison.OrdinalIgnoreCase);

    /// <summary>The checks of one page's links.</summary>
    private sealed class PageCheck(
        PageScan scan,
        UrlResolver resolver,
        SiteIndex index,
        IReadOnlyDictionary<string, PageScan> pages,
        LinkCheckOptions options,
        ConcurrentQueue<Diagnostic> diagnostics,
        ConcurrentDictionary<string, ConcurrentQueue<LinkUse>> external)
    {
        private readonly string _display = options.DisplayPath(scan.Path);
        // Read once: a kept scan's links are decoded at each read (PageScan.KeepOnly).
        private readonly IReadOnlyList<LinkRef> _links = scan.Links;
        private Dictionary<string, (IReadOnlyList<LinkOrigin> Origins, int Count)>? _origins;
        private Dictionary<string, int>? _seen;

        /// <summary>When set, collects each other page whose ids a fragment was looked up in (null: none scanned at that path).</summary>
        public Dictionary<string, PageScan?>? Targets { get; init; }

        public void Run()
        {
            PrepareOrigins();
            foreach (var problem in scan.Problems)
            {
                diagnostics.Enqueue(Diagnostic.Error(problem.Code, _display, problem.Line, problem.Column, problem.Message));
            }

            foreach (var link in _links)
            {
                CheckLink(link);
            }
        }

        private void CheckLink(LinkRef link)
        {
            var at = Place(link);
            var resolved = resolver.Resolve(scan.Path, link.Url);
            switch (resolved.Kind)
            {
                case UrlKind.Empty or UrlKind.Data or UrlKind.OtherScheme:
                    return;
                case UrlKind.External when !options.CollectExternal:
                    return;
                case UrlKind.External:
                    var url = UrlResolver.Clean(link.Url);
                    url = url.StartsWith("//", StringComparison.Ordinal) ? "https:" + url : url;
                    external.GetOrAdd(url, _ => new ConcurrentQueue<LinkUse>()).Enqueue(new LinkUse(at.Path, at.Line, at.Column));
                    return;
                case UrlKind.Mailto:
                    Report(link, at, ErrorCodes.LinkMalformedMailto, UrlSyntax.MailtoProblem(UrlResolver.Clean(link.Url)));
                    return;
                case UrlKind.Tel:
                    Report(link, at, ErrorCodes.LinkMalformedTel, UrlSyntax.TelProblem(UrlResolver.Clean(link.Url)));
                    return;
                case UrlKind.Invalid:
                    Report(link, at, ErrorCodes.LinkOutsideSite, resolved.Problem);
                    return;
                case UrlKind.SamePage:
                    CheckFragment(link, at, scan, resolved.Fragment, samePage: true);
                    return;
            }

            if (resolved.Path.EndsWith(".md", StringComparison.OrdinalIgnoreCase))
            {
                Report(link, at, ErrorCodes.LinkToMarkdownSource,
                    "points at a Markdown source file, which is not published; link to the page's address (in content, write the .md path and the build rewrites it)");
                return;
            }

            var file = index.Find(resolved.Path, out var problem);
            if (file is null)
            {
                var web = UrlSyntax.WebAddressWithoutScheme(link.Url);
                Report(link, at, ErrorCodes.LinkTargetMissing,
                    web is null ? problem : $"there is no such file; it looks like a web address without `https://`: did you mean `{web}`?");
                return;
            }

            if (resolved.Fragment is not null && IsHtml(file) && Targets is not null)
            {
                Targets[file] = pages.GetValueOrDefault(file);
            }

            if (resolved.Fragment is not null && IsHtml(file) && pages.TryGetValue(file, out var target))
            {
                CheckFragment(link, at, target, resolved.Fragment, samePage: ReferenceEquals(target, scan));
            }
        }

        private void CheckFragment(LinkRef link, (string Path, int Line, int Column) at, PageScan target, string? fragment, bool samePage)
        {
            if (FragmentFound(target.Anchors, fragment))
            {
                return;
            }

            var nearest = target.Anchors.Count is > 0 and < 2000 ? Content.Suggest.Nearest(fragment, target.Anchors, 3) : [];
            var where = samePage ? "this page" : $"`{target.Path}`";
            Report(link, at, ErrorCodes.LinkFragmentMissing,
                $"there is no element with id {Shown.Value(fragment)} on {where}"
                + (nearest.Count == 0 ? "; it has no ids to link to" : $"; the nearest ids there are {string.Join(", ", nearest.Select(n => $"`#{n}`"))}"));
        }

        private void Report(LinkRef link, (string Path, int Line, int Column) at, string code, string? problem)
        {
            if (problem is not null)
            {
                diagnostics.Enqueue(Diagnostic.Error(code, at.Path, at.Line, at.Column, $"{link.What} `{link.Url}` {Lead(code)}{problem}"));
            }
        }

        private static string Lead(string code) => code switch
        {
            ErrorCodes.LinkTargetMissing => "is broken: ",
            ErrorCodes.LinkFragmentMissing => "is broken: ",
            ErrorCodes.LinkMalformedMailto => "is malformed: it ",
            ErrorCodes.LinkMalformedTel => "is malformed: ",
            _ => "",
        };

        /// <summary>
        /// Where to report a URL: at the Markdown file and line when the page's content wrote it (the
        /// n-th use of the URL in the page is the n-th in its Markdown, when both count the same), else
        /// at the page. Each call advances the URL's count, so it is called once per link.
        /// </summary>
        private (string Path, int Line, int Column) Place(LinkRef link)
        {
            if (_origins is null || !FromMarkdown(link) || !_origins.TryGetValue(link.Url, out var entry))
            {
                return (_display, link.Line, link.Column);
            }

            _seen ??= new Dictionary<string, int>(StringComparer.Ordinal);
            var n = _seen.GetValueOrDefault(link.Url);
            _seen[link.Url] = n + 1;

            if (entry.Count == entry.Origins.Count && n < entry.Origins.Count)
            {
                var origin = entry.Origins[n];
                return (origin.SourcePath, origin.Line, origin.Column);
            }

            return (_display, link.Line, link.Column);
        }

        /// <summary>Markdown writes links as &lt;a href&gt; and images as &lt;img src&gt;.</summary>
        private static bool FromMarkdown(LinkRef link) => link.Element is "a" or "img" && link.Attribute is "href" or "src";

        private void PrepareOrigins()
        {
            if (options.Origins is null || !options.Origins.TryGetValue(scan.Path, out var origins) || origins.Count == 0)
            {
                return;
            }

            var byUrl = origins.GroupBy(o => o.Url, StringComparer.Ordinal).ToDictionary(g => g.Key, g => (IReadOnlyList<LinkOrigin>)g.ToList(), StringComparer.Ordinal);
            _origins = new Dictionary<string, (IReadOnlyList<LinkOrigin>, int)>(StringComparer.Ordinal);
            var counts = new Dictionary<string, int>(StringComparer.Ordinal);
            foreach (var link in _links)
            {
                if (FromMarkdown(link) && byUrl.ContainsKey(link.Url))
                {
                    counts[link.Url] = counts.GetValueOrDefault(link.Url) + 1;
                }
            }

            foreach (var (url, list) in byUrl)
            {
                _origins[url] = (list, counts.GetValueOrDefault(url));
            }
        }
    }
}
