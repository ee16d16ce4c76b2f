using System.Collections.Concurrent;
using System.Diagnostics;
using BackCareSite.Build;
using BackCareSite.Content;
using BackCareSite.Diagnostics;
using BackCareSite.Markdown;
using BackCareSite.Output;
using BackCareSite.Pictures;
using BackCareSite.Rendering;

namespace BackCareSite.Serve;

/// <summary>
/// The site as <c>serve</c> holds it: built in memory (the user's output folder is
/// never touched) and rebuilt incrementally after each change. Between rebuilds it
/// keeps the parsed files, the link results, the rendered bodies and cards, and the
/// dependencies of every page; a rebuild parses again only changed files (and the files
/// whose links point at a file that appeared, disappeared or changed its address),
/// links only those, and renders only the pages whose last render read something that
/// changed (<see cref="PreviewRender"/>, <see cref="RenderTrace"/>). A failed rebuild keeps the last good files and
/// records its errors for the error page.
/// </summary>
internal sealed class PreviewSite
{
    private readonly BuildOptions _options;
    private readonly Markdig.MarkdownPipeline _pipeline = MarkdownPipelineFactory.Create();
    private readonly ContentLoader _loader;
    private readonly object _gate = new();
    private readonly string _contentRoot;
    private readonly string _templatesRoot;
    private TemplateState? _templateState;
    private readonly ParseCache _parsed = new();
    private readonly LinkMemo _linked = new();
    private RenderState _render = RenderState.Empty();
    private Dictionary<string, ServedFile> _pages = new(StringComparer.Ordinal);
    private Links.BuildLinkCheck _linkCheck = new(keepResults: true);
    private Links.SiteIndex? _siteIndex;
    // The paths of the files besides the pages that _siteIndex was made with, in order.
    private List<string>? _otherPaths;
    private bool _primed;
    // No file but items' Markdown changed since _render was made (see PreviewRender).
    private bool _onlyItemsChanged;
    private SiteSnapshot _snapshot = SiteSnapshot.Empty;
    private readonly KeptOrder _diagnosticOrder = new();
    private readonly SitemapMemo _sitemaps = new();
    // Each site file's text and what is served; the sitemap's text is not kept, only the memo's compressed text it is served from.
    private Dictionary<string, (string? Text, Rendering.CompressedText? Packed, ServedFile File)> _siteFiles = new(StringComparer.Ordinal);

    public PreviewSite(BuildOptions options)
    {
        _options = options.Resolved(outDirUsed: false);
        _contentRoot = _options.ContentDir;
        _templatesRoot = _options.TemplatesDir;
        _loader = new ContentLoader(_pipeline);
        // What serve keeps compressed (pages, bodies, items' texts) goes to a temporary file, not memory.
        Rendering.TextSpill.Enable();
    }

    /// <summary>The templates folder, parsed; kept until a file in it changes.</summary>
    private sealed record TemplateState(
        TemplateSet Set, IReadOnlyList<Diagnostic> Diagnostics,
        (IReadOnlyList<CopiedFile> Files, IReadOnlyDictionary<string, string> Names) Assets);

    public BuildOptions Options => _options;

    /// <summary>The render state kept from the last render (for tests).</summary>
    internal RenderState Kept => _render;

    /// <summary>Milliseconds per stage of the last rebuild (load, link, render, files), for the terminal with <c>serve --timings</c>.</summary>
    public string LastStages { get; private set; } = "";

    private StageTimer _timer = new();
    private TimeSpan _selectTook;

    private void Stage(string name) => _timer.Mark(name);

    /// <summary>What to serve now; replaced as a whole after every rebuild.</summary>
    public SiteSnapshot Snapshot => Volatile.Read(ref _snapshot);

    /// <summary>Rebuilds after a change; one rebuild at a time.</summary>
    public PreviewBuild Rebuild(ChangeSet changes)
    {
        lock (_gate)
        {
            var clock = Stopwatch.StartNew();
            var full = changes.All || !_primed;
            // No full blocking (gen 2) collection in the middle of a rebuild: on a large site that pause
            // would be most of the time to reload. The runtime catches up between rebuilds.
            // (Not for a full build, which allocates far more.) Sustained, not LowLatency: in LowLatency
            // the young generation's budget shrinks to a few hundred KB, and a save on the 10,000-article
            // site made about 115 gen 0 and 30 gen 1 collections for its 51 MB, each looking through the
            // whole kept site's cards (on 2,000 articles, 43 and 14 for 13 MB; sustained: 1 and 0).
            // A full build runs as `build` does, in batch latency: no background collection, so the garbage of
            // loading and rendering every page is collected (and compacted) as it goes instead of piling up
            // beside the collector (docs/serve.md, "Session 11": the first build's peak at 10,000 articles).
            var latency = System.Runtime.GCSettings.LatencyMode;
            System.Runtime.GCSettings.LatencyMode = full ? System.Runtime.GCLatencyMode.Batch : System.Runtime.GCLatencyMode.SustainedLowLatency;

            try
            {
                return RebuildLocked(changes, clock, full);
            }
            finally
            {
                System.Runtime.GCSettings.LatencyMode = latency;
            }
        }
    }

    /// <summary>How many reads the kept pages' traces hold, and in how many bytes of memory (their code and the references kept in memory).</summary>
    private string TracesKept()
    {
        long reads = 0, bytes = 0, references = 0, packed = 0;
        foreach (var (_, trace) in _render.Pages)
        {
            reads += trace.Count;
            bytes += trace.KeptBytes;
            references += trace.KeptReferences;
            packed += trace.PackedReferences;
        }

        return $"; traces kept {reads} reads in {bytes / (1024.0 * 1024):0.0} MB ({references} references, {packed} values written out; {_render.Codes.Count} different codes)";
    }

    private PreviewBuild RebuildLocked(ChangeSet changes, Stopwatch clock, bool full)
    {
        var diagnostics = new DiagnosticBag(_options.DisplayRoot);
        _selectTook = TimeSpan.Zero;
        _timer = new StageTimer();
        // What the rebuild allocated and how many collections it waited for: on a large site, each
        // collection during a rebuild costs more (more kept objects to look through).
        var allocated = GC.GetTotalAllocatedBytes(precise: true);
        var collections = (GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2));
        var paused = GC.GetTotalPauseDuration();
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var outcome = Run(changes, full, diagnostics);
        Stage("end");
        LastStages = string.Join(", ", _timer.Stages.Select(s => $"{s.Stage} {s.Time.TotalMilliseconds:0}"))
            + $" (dependencies {_selectTook.TotalMilliseconds:0} of render); allocated {(GC.GetTotalAllocatedBytes(precise: true) - allocated) / (1024 * 1024)} MB,"
            + $" collections {GC.CollectionCount(0) - collections.Item1}/{GC.CollectionCount(1) - collections.Item2}/{GC.CollectionCount(2) - collections.Item3}"
            + $" (paused {(GC.GetTotalPauseDuration() - paused).TotalMilliseconds:0} ms); process CPU {(Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalMilliseconds:0} ms"
            + TracesKept();
        var previous = Snapshot;
        var sorted = _diagnosticOrder.Sort(diagnostics.Items);
        if (outcome is null || diagnostics.HasErrors)
        {
            Volatile.Write(ref _snapshot, previous with { Errors = sorted.Where(d => d.IsError).ToList(), Version = previous.Version + 1, Building = false });
            return new PreviewBuild(sorted, false, full, 0, new HashSet<string>(), new HashSet<string>(), clock.Elapsed);
        }

        var (files, pageCount, rendered, removed, render) = outcome.Value;
        Volatile.Write(ref _snapshot, new SiteSnapshot(files, [], previous.Version + 1, Building: false));
        return new PreviewBuild(sorted, true, full, pageCount, rendered, removed, clock.Elapsed)
        {
            ViewsMade = render.ViewsMade, ReplayedPages = render.ReplayedPages, KeptAsPlanned = render.KeptAsPlanned,
        };
    }

    private (Dictionary<string, ServedFile> Files, int PageCount, IReadOnlySet<string> Rendered, IReadOnlySet<string> Removed, PreviewRender Render)? Run(
        ChangeSet changes, bool full, DiagnosticBag diagnostics)
    {
        _parsed.BeginRound();
        if (full)
        {
            _parsed.Clear();
            _linked.Clear();
            _render = RenderState.Empty();
            _pages = new Dictionary<string, ServedFile>(StringComparer.Ordinal);
            _linkCheck = new Links.BuildLinkCheck(keepResults: true);
            _siteIndex = null;
            _otherPaths = null;
        }

        if (full || changes.Paths.Any(p => RelativeTo(_templatesRoot, p) is not null))
        {
            _templateState = null;
        }

        _onlyItemsChanged &= !full && changes.Paths.All(IsItemMarkdown);

        foreach (var path in changes.Paths)
        {
            if (RelativeToContent(path) is { } relative)
            {
                ForgetUnder(relative);
                _parsed.Changed(relative);
            }
        }

        // The stages of build, in the order they run (SiteBuilder), on what was kept.
        // 1. Content (only files not kept are parsed) and templates, side by side.
        var (content, templates) = Load(diagnostics);
        if (content is null || templates is null)
        {
            return null;
        }

        Stage("load");

        // 2. Link every item: the trees are as parsed, so a kept one is linked again exactly as
        //    build links it, and a link to a file that appeared, went or moved is seen at once.
        //    While every link target is as it was, an item parsed before keeps its results.
        var urls = new SiteUrls(_options.BaseUrl ?? content.Settings.BaseUrl);
        var links = ContentLinker.Link(content, urls, diagnostics, memo: _linked);
        _primed = true;
        Stage("link");
        if (diagnostics.HasErrors)
        {
            return null;
        }

        // 3. Render what the changes affect.
        var assets = _templateState!.Assets;
        var reuse = new PreviewRender(_render, templates, links, _onlyItemsChanged);
        var cards = SocialCards.Plan(content, _options.TemplatesDir);
        // Each page is held compressed and scanned for links as soon as it is rendered, as build writes and scans it.
        var renderedNow = new ConcurrentDictionary<string, ServedFile>(StringComparer.Ordinal);
        // Each page's scan keeps only the links whose check depends on the site's files (BuildLinkCheck.KeepFor); one sorted
        // under another base URL is scanned again from the page as rendered (kept in _pages) or the site file's text.
        // A method, not a lambda: a lambda here shared the closure of this rebuild's locals, so the link check kept the
        // rebuild's PreviewRender, and with it the render state before it, until the next rebuild (about 3 MB at 10,000 articles).
        _linkCheck.KeepFor(urls.BaseUrl, ReadKept);
        var rendered = new SiteRenderer(_pipeline, templates, urls, assets.Names, cards).Render(content, links, diagnostics, reuse, onPage: page =>
        {
            renderedNow[page.Path] = ServedFile.Text(page.Text);
            _linkCheck.Add(page);
            reuse.Rendered(page.Path);
        });
        if (rendered is null || diagnostics.HasErrors || reuse.Removed is null)
        {
            // Some pages may be half done: render everything next time.
            _render = RenderState.Empty();
            return null;
        }

        _render = reuse.Commit();
        _onlyItemsChanged = true;
        Stage("render");
        _selectTook = reuse.SelectTime;

        // 4. The files to serve: pages rendered now, pages kept, media, assets, site files.
        //    (The pages of the last render, not of the last good build: when a link check
        //    failed, the dependencies are already those of the pages rendered then.)
        var previous = _pages;
        // Pictures as a build publishes them: encoded into the cache (only what changed), served from there.
        var encoder = new PictureEncoder(content.Settings.Pictures, _options.PictureCache);
        var pictures = PicturePublisher.Make(content, cards, encoder, new PictureUses(), diagnostics);
        if (diagnostics.HasErrors)
        {
            // The pages rendered now are neither served nor kept, but the link check has their scans: render everything next time.
            _render = RenderState.Empty();
            return null;
        }

        // The pages as rendered (the last step below may write over one), kept for the next rebuild.
        var pages = new Dictionary<string, ServedFile>(previous.Count, StringComparer.Ordinal);
        var rendering = !renderedNow.IsEmpty;
        foreach (var job in rendered.Jobs)
        {
            var path = job.Meta.OutputPath;
            pages[path] = rendering && renderedNow.TryGetValue(path, out var now) ? now
                : previous.TryGetValue(path, out var kept) ? kept
                : throw new InvalidOperationException($"the page {path} was neither rendered nor kept");
        }

        // The served files start as a copy of the pages (copied table to table, no path hashed again); the other files are
        // added in the order a build writes them: pictures and assets (a page at the same path stays), the CMS, the site files.
        var files = new Dictionary<string, ServedFile>(pages, StringComparer.Ordinal);
        var others = new List<string>();
        foreach (var copy in PicturePublisher.Unchanged(content).Concat(pictures).Concat(assets.Files))
        {
            others.Add(copy.Path);
            if (!pages.ContainsKey(copy.Path))
            {
                files[copy.Path] = ServedFile.Copy(Path.GetFullPath(copy.SourcePath));
            }
        }

        var cms = CmsFiles.Create(content, urls, assets.Names, Path.Combine(_options.SiteRoot, "node_modules"));
        foreach (var copy in cms.Copies)
        {
            others.Add(copy.Path);
            files[copy.Path] = ServedFile.Copy(Path.GetFullPath(copy.SourcePath));
        }

        var siteFiles = new Dictionary<string, (string?, Rendering.CompressedText?, ServedFile)>(StringComparer.Ordinal);
        // The sitemap first, as a build writes it: served from the memo's compressed text, the same object while the pages are
        // listed the same (then the same served file). Its text is not kept, nor scanned (the link check reads HTML only).
        var sitemap = _sitemaps.Sitemap(rendered.Pages);
        var sitemapFile = _siteFiles.TryGetValue(SiteFiles.SitemapPath, out var lastSitemap) && ReferenceEquals(lastSitemap.Packed, sitemap)
            ? lastSitemap.File : ServedFile.Of(sitemap);
        siteFiles[SiteFiles.SitemapPath] = (null, sitemap, sitemapFile);
        others.Add(SiteFiles.SitemapPath);
        files[SiteFiles.SitemapPath] = sitemapFile;
        foreach (var file in SiteFiles.Create(content, rendered, urls, sitemap: false).Concat(cms.Files))
        {
            // The same text as last time (the feed, robots.txt and _redirects while their entries are the same, the CMS's
            // files) is not compressed again: comparing costs far less.
            var served = _siteFiles.TryGetValue(file.Path, out var last) && string.Equals(last.Text, file.Text, StringComparison.Ordinal) ? last.File : ServedFile.Text(file.Text);
            siteFiles[file.Path] = (file.Text, null, served);
            others.Add(file.Path);
            files[file.Path] = served;
            _linkCheck.Add(file);
        }

        _siteFiles = siteFiles;

        // Last, as in build: the site's headers and the not-found page with its policy.
        var notFound = pages.TryGetValue(NotFoundPolicy.Path, out var page) ? System.Text.Encoding.UTF8.GetString(page.Bytes!) : null;
        foreach (var file in HeadersFile.ForSite(_options.SiteRoot, _options.TemplatesDir, HeadersFile.TopLevelOf(files.Keys), notFound, diagnostics))
        {
            others.Add(file.Path);
            files[file.Path] = ServedFile.Text(file.Text);
        }

        // The same paths as the last files: the same pages (as many, and every page rendered now was one of them; a kept page
        // is one by definition) and the same other files in the same order.
        var samePaths = _siteIndex is not null && _otherPaths is not null && pages.Count == previous.Count
            && (!rendering || renderedNow.Keys.All(previous.ContainsKey)) && others.SequenceEqual(_otherPaths);
        _pages = pages;
        Stage("files");

        // 5. Check every link of the site, as build does (same checker, same diagnostics).
        //    With the same paths, only a page scanned since the last check can be a scan of a page no longer served.
        _linkCheck.Remove(path => !files.ContainsKey(path), onlyScannedSinceLastRun: samePaths);
        // The site's index is made again only when a file was added or removed (a save of an article changes neither).
        if (!samePaths || _siteIndex is not { } index)
        {
            _siteIndex = index = new Links.SiteIndex(files.Keys);
        }

        _otherPaths = others;

        _linkCheck.Run(index, _options.OutDir, urls.BaseUrl, rendered.LinkOrigins, diagnostics);
        Stage("check links");
        if (diagnostics.HasErrors)
        {
            return null;
        }

        return (files, rendered.Jobs.Count, renderedNow.Keys.ToHashSet(StringComparer.Ordinal), reuse.Removed, reuse);
    }

    /// <summary>A kept page's or site file's text, for the link check to scan it again (null: none).</summary>
    private string? ReadKept(string path) =>
        _pages.TryGetValue(path, out var served) && served.Bytes is { } bytes ? System.Text.Encoding.UTF8.GetString(bytes)
        : _siteFiles.TryGetValue(path, out var file) ? file.Text ?? (file.File.Bytes is { } text ? System.Text.Encoding.UTF8.GetString(text) : null) : null;

    private (SiteContent? Content, TemplateSet? Templates) Load(DiagnosticBag diagnostics)
    {
        SiteContent? content = null;
        Parallel.Invoke(
            () => content = _loader.Load(_options.ContentDir, _options.Drafts, _options.Today, diagnostics, _parsed, releaseTrees: true),
            () =>
            {
                if (_templateState is null)
                {
                    var bag = new DiagnosticBag(_options.DisplayRoot);
                    TemplateSet? set = null;
                    (IReadOnlyList<CopiedFile>, IReadOnlyDictionary<string, string>) assets = default;
                    Parallel.Invoke(
                        () => set = TemplateSet.Load(_options.TemplatesDir, bag),
                        () => assets = AssetPipeline.Collect(_options.TemplatesDir));
                    _templateState = new TemplateState(set!, bag.Sorted(), assets);
                }
            });
        diagnostics.AddRange(_templateState!.Diagnostics);
        return (content, _templateState.Set);
    }

    private string? RelativeToContent(string fullPath) => RelativeTo(_contentRoot, fullPath);

    /// <summary>True for the Markdown file of an article, exercise or static page (not a folder, data file or medium).</summary>
    private bool IsItemMarkdown(string fullPath) =>
        RelativeToContent(fullPath) is { } relative && relative.EndsWith(".md", StringComparison.Ordinal)
        && (relative.StartsWith("articles/", StringComparison.Ordinal) || relative.StartsWith("exercises/", StringComparison.Ordinal)
            || relative.StartsWith("pages/", StringComparison.Ordinal));

    private static string? RelativeTo(string root, string fullPath)
    {
        var relative = Path.GetRelativePath(root, fullPath).Replace('\\', '/');
        return relative.StartsWith("../", StringComparison.Ordinal) || relative == ".." || Path.IsPathRooted(relative) ? null : relative;
    }

    /// <summary>Forgets a changed file, or everything under a changed folder (renamed or deleted).</summary>
    private void ForgetUnder(string relative)
    {
        _parsed.Forget(relative);
        var prefix = relative == "." ? "" : relative + "/";
        foreach (var (key, _) in _parsed.Entries.ToList())
        {
            if (key.StartsWith(prefix, StringComparison.Ordinal))
            {
                _parsed.Forget(key);
            }
        }
    }
}
