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
/// never touched) and rebuilt after each change. A failed rebuild keeps the last
/// good files and records its errors for the error page.
/// </summary>
internal sealed class PreviewSite(BuildOptions options)
{
    private readonly Markdig.MarkdownPipeline _pipeline = MarkdownPipelineFactory.Create();
    private readonly object _gate = new();
    private SiteSnapshot _snapshot = SiteSnapshot.Empty;

    public BuildOptions Options => options;

    /// <summary>What to serve now; replaced as a whole after every rebuild.</summary>
    public SiteSnapshot Snapshot => Volatile.Read(ref _snapshot);

    /// <summary>Rebuilds after a change; one rebuild at a time.</summary>
    public PreviewBuild Rebuild(ChangeSet changes)
    {
        lock (_gate)
        {
            var clock = Stopwatch.StartNew();
            var diagnostics = new DiagnosticBag();
            var files = BuildAll(diagnostics, out var pages);
            var previous = Snapshot;
            var sorted = diagnostics.Sorted();
            if (files is null || diagnostics.HasErrors)
            {
                Volatile.Write(ref _snapshot, previous with { Errors = sorted.Where(d => d.IsError).ToList(), Version = previous.Version + 1, Building = false });
                return new PreviewBuild(sorted, false, true, 0, new HashSet<string>(), new HashSet<string>(), clock.Elapsed);
            }

            var removed = previous.Files.Keys.Where(k => !files.ContainsKey(k)).ToHashSet(StringComparer.Ordinal);
            Volatile.Write(ref _snapshot, new SiteSnapshot(files, [], previous.Version + 1, Building: false));
            return new PreviewBuild(sorted, true, true, pages.Count, pages, removed, clock.Elapsed);
        }
    }

    private Dictionary<string, ServedFile>? BuildAll(DiagnosticBag diagnostics, out HashSet<string> pages)
    {
        pages = new HashSet<string>(StringComparer.Ordinal);
        SiteContent? content = null;
        TemplateSet? templates = null;
        Parallel.Invoke(
            () => content = new ContentLoader(_pipeline).Load(options.ContentDir, options.Drafts, options.Today, diagnostics),
            () => templates = TemplateSet.Load(options.TemplatesDir, diagnostics));
        if (content is null || templates is null)
        {
            return null;
        }

        var urls = new SiteUrls(options.BaseUrl ?? content.Settings.BaseUrl);
        var origins = ContentLinker.Link(content, urls, diagnostics);
        if (diagnostics.HasErrors)
        {
            return null;
        }

        var assets = AssetPipeline.Collect(options.TemplatesDir);
        var rendered = new SiteRenderer(_pipeline, templates, urls, assets.Names).Render(content, origins, diagnostics);
        if (rendered is null || diagnostics.HasErrors)
        {
            return null;
        }

        var files = new Dictionary<string, ServedFile>(StringComparer.Ordinal);
        foreach (var copy in content.Media.Select(m => new CopiedFile(m.RelativePath, m.FullPath)).Concat(assets.Files))
        {
            files[copy.Path] = ServedFile.Copy(copy.SourcePath);
        }

        foreach (var file in rendered.Files)
        {
            files[file.Path] = ServedFile.Text(file.Text);
            pages.Add(file.Path);
        }

        foreach (var file in SiteFiles.Create(content, rendered, urls))
        {
            files[file.Path] = ServedFile.Text(file.Text);
        }

        return files;
    }
}
