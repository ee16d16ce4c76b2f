using System.Diagnostics;
using BackCareSite.Build;
using BackCareSite.Content;
using BackCareSite.Diagnostics;
using BackCareSite.Markdown;
using BackCareSite.Output;
using BackCareSite.Rendering;

namespace BackCareSite.Serve;

/// <summary>
/// The site as <c>serve</c> holds it: built in memory (the user's output folder is
/// never touched) and rebuilt incrementally after each change. Between rebuilds it
/// keeps the parsed files, the link results, the rendered bodies and cards, and the
/// dependencies of every page; a rebuild parses again only changed files (and the files
/// whose links point at a file that appeared, disappeared or changed its address),
/// links only those, and renders only the pages whose dependencies changed
/// (<see cref="DependencyTracker"/>). A failed rebuild keeps the last good files and
/// records its errors for the error page.
/// </summary>
internal sealed class PreviewSite
{
    private readonly BuildOptions _options;
    private readonly Markdig.MarkdownPipeline _pipeline = MarkdownPipelineFactory.Create();
    private readonly object _gate = new();
    private readonly string _contentRoot;
    private readonly string _templatesRoot;
    private TemplateState? _templateState;
    private readonly ParseCache _parsed = new();
    private readonly Dictionary<string, IReadOnlyList<Diagnostic>> _linkDiagnostics = new(StringComparer.Ordinal);
    private readonly Dictionary<string, IReadOnlySet<string>> _targets = new(StringComparer.Ordinal);
    private Dictionary<ContentItem, IReadOnlyList<LinkOrigin>> _origins = new(ReferenceEqualityComparer.Instance);
    private Dictionary<string, string> _status = new(StringComparer.Ordinal);
    private RenderState _render = RenderState.Empty();
    private bool _primed;
    private SiteSnapshot _snapshot = SiteSnapshot.Empty;

    public PreviewSite(BuildOptions options)
    {
        _options = options;
        _contentRoot = Path.GetFullPath(options.ContentDir);
        _templatesRoot = Path.GetFullPath(options.TemplatesDir);
    }

    /// <summary>The templates folder, parsed; kept until a file in it changes.</summary>
    private sealed record TemplateState(
        TemplateSet Set, TemplateGraph Graph, IReadOnlyList<Diagnostic> Diagnostics,
        (IReadOnlyList<CopiedFile> Files, IReadOnlyDictionary<string, string> Names) Assets);

    public BuildOptions Options => _options;

    /// <summary>Milliseconds per stage of the last rebuild (load, link, render, files), for the terminal with BACKCARESITE_TIMINGS=1.</summary>
    public string LastStages { get; private set; } = "";

    private readonly List<(string Stage, TimeSpan At)> _stages = [];
    private Stopwatch _stageClock = new();
    private TimeSpan _selectTook;

    private void Stage(string name) => _stages.Add((name, _stageClock.Elapsed));

    /// <summary>What to serve now; replaced as a whole after every rebuild.</summary>
    public SiteSnapshot Snapshot => Volatile.Read(ref _snapshot);

    /// <summary>Rebuilds after a change; one rebuild at a time.</summary>
    public PreviewBuild Rebuild(ChangeSet changes)
    {
        lock (_gate)
        {
            var clock = Stopwatch.StartNew();
            var full = changes.All || !_primed;
            // No full (gen 2) collection in the middle of a rebuild: on a large site that pause
            // would be most of the time to reload. The runtime catches up between rebuilds.
            // (Not for a full build, which allocates far more.)
            var latency = System.Runtime.GCSettings.LatencyMode;
            if (!full)
            {
                System.Runtime.GCSettings.LatencyMode = System.Runtime.GCLatencyMode.LowLatency;
            }

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

    private PreviewBuild RebuildLocked(ChangeSet changes, Stopwatch clock, bool full)
    {
        var diagnostics = new DiagnosticBag();
        _stages.Clear();
        _selectTook = TimeSpan.Zero;
        _stageClock = Stopwatch.StartNew();
        var outcome = Run(changes, full, diagnostics);
        Stage("end");
        LastStages = string.Join(", ", _stages.Select((s, i) => $"{s.Stage} {(s.At - (i == 0 ? TimeSpan.Zero : _stages[i - 1].At)).TotalMilliseconds:0}"))
            + $" (dependencies {_selectTook.TotalMilliseconds:0} of render)";
        var previous = Snapshot;
        var sorted = diagnostics.Sorted();
        if (outcome is null || diagnostics.HasErrors)
        {
            Volatile.Write(ref _snapshot, previous with { Errors = sorted.Where(d => d.IsError).ToList(), Version = previous.Version + 1, Building = false });
            return new PreviewBuild(sorted, false, full, 0, new HashSet<string>(), new HashSet<string>(), clock.Elapsed);
        }

        var (files, pageCount, rendered, removed) = outcome.Value;
        Volatile.Write(ref _snapshot, new SiteSnapshot(files, [], previous.Version + 1, Building: false));
        return new PreviewBuild(sorted, true, full, pageCount, rendered, removed, clock.Elapsed);
    }

    private (Dictionary<string, ServedFile> Files, int PageCount, IReadOnlySet<string> Rendered, IReadOnlySet<string> Removed)? Run(
        ChangeSet changes, bool full, DiagnosticBag diagnostics)
    {
        _parsed.BeginRound();
        if (full)
        {
            _parsed.Clear();
            _linkDiagnostics.Clear();
            _targets.Clear();
            _origins = new Dictionary<ContentItem, IReadOnlyList<LinkOrigin>>(ReferenceEqualityComparer.Instance);
            _status = new Dictionary<string, string>(StringComparer.Ordinal);
            _render = RenderState.Empty();
        }

        if (full || changes.Paths.Any(p => RelativeTo(_templatesRoot, p) is not null))
        {
            _templateState = null;
        }

        var changedMedia = new HashSet<string>(StringComparer.Ordinal);
        foreach (var path in changes.Paths)
        {
            var relative = RelativeToContent(path);
            if (relative is null)
            {
                continue;
            }

            ForgetUnder(relative);
            if (relative.StartsWith("media/", StringComparison.Ordinal))
            {
                changedMedia.Add(relative);
            }
        }

        // 1. Content (only files not kept are parsed) and templates, side by side.
        var loadBag = new DiagnosticBag();
        var (content, templates, graph) = Load(loadBag);
        if (content is null || templates is null)
        {
            diagnostics.AddRange(loadBag.Sorted());
            return null;
        }

        Stage("load");

        // 2. Files whose links point at something that changed status are parsed and linked again.
        var status = Status(content);
        var changedStatus = DependencyTracker.ChangedKeys(_status.ToDictionary(s => s.Key, s => Fingerprint.Of(s.Value)), status.ToDictionary(s => s.Key, s => Fingerprint.Of(s.Value)))
            .Concat(changedMedia).ToHashSet(StringComparer.Ordinal);
        if (!full && changedStatus.Count > 0)
        {
            var fresh = _parsed.Parsed.ToHashSet(StringComparer.Ordinal);
            var dependents = _targets.Where(t => !fresh.Contains(t.Key) && t.Value.Overlaps(changedStatus)).Select(t => t.Key).ToList();
            if (dependents.Count > 0)
            {
                foreach (var dependent in dependents)
                {
                    _parsed.Forget(dependent);
                }

                loadBag = new DiagnosticBag();
                (content, templates, graph) = Load(loadBag);
                if (content is null || templates is null)
                {
                    diagnostics.AddRange(loadBag.Sorted());
                    return null;
                }

                status = Status(content);
            }
        }

        diagnostics.AddRange(loadBag.Sorted());
        var parsed = _parsed.Parsed.ToHashSet(StringComparer.Ordinal);
        foreach (var (relative, entry) in _parsed.Entries)
        {
            if (parsed.Contains(relative) && entry.Item is { } item)
            {
                _targets[relative] = LinkTargets.Of(item);
            }
        }

        foreach (var gone in _targets.Keys.Where(k => !_parsed.TryGet(k, out _)).ToList())
        {
            _targets.Remove(gone);
        }

        Stage("relink-scan");

        // 3. Link the items parsed in this round; the others keep their links and link errors.
        var urls = new SiteUrls(_options.BaseUrl ?? content.Settings.BaseUrl);
        var freshItems = content.All.Where(i => parsed.Contains(i.Source.RelativePath)).ToList();
        var linkBag = new DiagnosticBag();
        var linked = ContentLinker.Link(content, urls, linkBag, freshItems);
        var byDisplay = linkBag.Sorted().ToLookup(d => d.Path, StringComparer.Ordinal);
        foreach (var item in freshItems)
        {
            _linkDiagnostics[item.Source.RelativePath] = byDisplay[item.Source.DisplayPath].ToList();
        }

        // The bodies of files that failed are checked in every round, as by build.
        diagnostics.AddRange(content.Failed.SelectMany(f => byDisplay[f.Source.DisplayPath]));

        var origins = new Dictionary<ContentItem, IReadOnlyList<LinkOrigin>>(ReferenceEqualityComparer.Instance);
        foreach (var item in content.All)
        {
            origins[item] = linked.TryGetValue(item, out var mine) && parsed.Contains(item.Source.RelativePath) ? mine : _origins.GetValueOrDefault(item) ?? [];
            diagnostics.AddRange(_linkDiagnostics.GetValueOrDefault(item.Source.RelativePath) ?? []);
        }

        _origins = origins;
        _status = status;
        _primed = true;
        if (diagnostics.HasErrors)
        {
            return null;
        }

        Stage("link");

        // 4. Render what the changes affect.
        var assets = _templateState!.Assets;
        var siteVersion = new Fingerprint().Data(new object?[] { content.Settings, content.RedFlags, assets.Names, urls.BaseUrl }, new HashSet<string>());
        var exercisesChanged = full || content.Exercises.Any(e => parsed.Contains(e.Source.RelativePath))
            || changedStatus.Any(s => s.StartsWith("exercises/", StringComparison.Ordinal));
        var reuse = new PreviewRender(_render, graph!, siteVersion, exercisesChanged);
        var rendered = new SiteRenderer(_pipeline, templates, urls, assets.Names).Render(content, origins, diagnostics, reuse);
        if (rendered is null || diagnostics.HasErrors || reuse.Affected is null)
        {
            // Some pages may be half done: render everything next time.
            _render = RenderState.Empty();
            return null;
        }

        _render = reuse.Commit();
        Stage("render");
        _selectTook = reuse.SelectTime.Took;

        // 5. The files to serve: pages rendered now, pages kept, media, assets, site files.
        var previous = Snapshot.Files;
        var files = new Dictionary<string, ServedFile>(StringComparer.Ordinal);
        foreach (var copy in content.Media.Select(m => new CopiedFile(m.RelativePath, m.FullPath)).Concat(assets.Files))
        {
            files[copy.Path] = ServedFile.Copy(copy.SourcePath);
        }

        var renderedNow = rendered.Files.ToDictionary(f => f.Path, f => f.Text, StringComparer.Ordinal);
        foreach (var job in rendered.Jobs)
        {
            var path = job.Meta.OutputPath;
            files[path] = renderedNow.TryGetValue(path, out var text) ? ServedFile.Text(text)
                : previous.TryGetValue(path, out var kept) ? kept
                : throw new InvalidOperationException($"the page {path} was neither rendered nor kept");
        }

        var cms = CmsFiles.Create(content, urls, assets.Names, Path.Combine(_options.SiteRoot, "node_modules"));
        foreach (var copy in cms.Copies)
        {
            files[copy.Path] = ServedFile.Copy(copy.SourcePath);
        }

        foreach (var file in SiteFiles.Create(content, rendered, urls).Concat(cms.Files))
        {
            files[file.Path] = ServedFile.Text(file.Text);
        }

        if (HeadersFile.Read(Path.Combine(_options.SiteRoot, "netlify.toml"), HeadersFile.TopLevelOf(files.Keys), diagnostics) is { } headers)
        {
            files[headers.Path] = ServedFile.Text(headers.Text);
        }

        return (files, rendered.Jobs.Count, renderedNow.Keys.ToHashSet(StringComparer.Ordinal), reuse.Affected.Removed);
    }

    private (SiteContent? Content, TemplateSet? Templates, TemplateGraph? Graph) Load(DiagnosticBag diagnostics)
    {
        SiteContent? content = null;
        Parallel.Invoke(
            () => content = new ContentLoader(_pipeline).Load(_options.ContentDir, _options.Drafts, _options.Today, diagnostics, _parsed),
            () =>
            {
                if (_templateState is null)
                {
                    var bag = new DiagnosticBag();
                    TemplateSet? set = null;
                    TemplateGraph? graph = null;
                    (IReadOnlyList<CopiedFile>, IReadOnlyDictionary<string, string>) assets = default;
                    Parallel.Invoke(
                        () => set = TemplateSet.Load(_options.TemplatesDir, bag),
                        () => graph = TemplateGraph.Load(_options.TemplatesDir),
                        () => assets = AssetPipeline.Collect(_options.TemplatesDir));
                    _templateState = new TemplateState(set!, graph!, bag.Sorted(), assets);
                }
            });
        diagnostics.AddRange(_templateState!.Diagnostics);
        return (content, _templateState.Set, _templateState.Graph);
    }

    /// <summary>What links can point at, by content-relative path: each file's address, draft or broken state, and the media.</summary>
    private static Dictionary<string, string> Status(SiteContent content)
    {
        var status = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var item in content.All)
        {
            status[item.Source.RelativePath] = "page " + item.Path;
        }

        foreach (var draft in content.DraftSources)
        {
            status[draft] = "draft";
        }

        foreach (var invalid in content.InvalidSources)
        {
            status[invalid] = "invalid";
        }

        foreach (var media in content.Media)
        {
            status[media.RelativePath] = "media";
        }

        status[LinkTargets.Exercises] = string.Join(' ', content.Exercises.Select(e => e.Slug).Order(StringComparer.Ordinal));
        return status;
    }

    private string? RelativeToContent(string fullPath) => RelativeTo(_contentRoot, fullPath);

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
