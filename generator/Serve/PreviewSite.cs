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
    }

    public BuildOptions Options => _options;

    /// <summary>What to serve now; replaced as a whole after every rebuild.</summary>
    public SiteSnapshot Snapshot => Volatile.Read(ref _snapshot);

    /// <summary>Rebuilds after a change; one rebuild at a time.</summary>
    public PreviewBuild Rebuild(ChangeSet changes)
    {
        lock (_gate)
        {
            var clock = Stopwatch.StartNew();
            var full = changes.All || !_primed;
            var diagnostics = new DiagnosticBag();
            var outcome = Run(changes, full, diagnostics);
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

        // 4. Render what the changes affect.
        var assets = AssetPipeline.Collect(_options.TemplatesDir);
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

        foreach (var file in SiteFiles.Create(content, rendered, urls))
        {
            files[file.Path] = ServedFile.Text(file.Text);
        }

        return (files, rendered.Jobs.Count, renderedNow.Keys.ToHashSet(StringComparer.Ordinal), reuse.Affected.Removed);
    }

    private (SiteContent? Content, TemplateSet? Templates, TemplateGraph? Graph) Load(DiagnosticBag diagnostics)
    {
        SiteContent? content = null;
        TemplateSet? templates = null;
        TemplateGraph? graph = null;
        Parallel.Invoke(
            () => content = new ContentLoader(_pipeline).Load(_options.ContentDir, _options.Drafts, _options.Today, diagnostics, _parsed),
            () => templates = TemplateSet.Load(_options.TemplatesDir, diagnostics),
            () => graph = TemplateGraph.Load(_options.TemplatesDir));
        return (content, templates, graph);
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

    private string? RelativeToContent(string fullPath)
    {
        var relative = Path.GetRelativePath(_contentRoot, fullPath).Replace('\\', '/');
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
