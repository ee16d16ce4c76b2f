using BackCareSite.Content;
using BackCareSite.Diagnostics;
using BackCareSite.Markdown;
using BackCareSite.Output;
using BackCareSite.Pictures;
using BackCareSite.Rendering;
using BackCareSite.Search;

namespace BackCareSite.Build;

/// <summary>
/// The build pipeline: load, parse and validate content; parse templates;
/// render; write to a staging folder; check links; publish. One method, the
/// stages in the order they run.
/// </summary>
internal static class SiteBuilder
{
    private static readonly Lazy<Markdig.MarkdownPipeline> Pipeline = new(MarkdownPipelineFactory.Create);

    // How OutputWriter wrote the pages (no byte order mark), to read one back as the same text.
    private static readonly System.Text.UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    /// <summary>The heap size from which the build collects the oldest generation after loading and before rendering (tests set it lower).</summary>
    internal static long CollectBeforeRenderingFrom { get; set; } = 64L << 20;

    // One full, compacting collection when the heap holds more than CollectBeforeRenderingFrom (a large site's).
    private static void CollectIfLarge()
    {
        if (GC.GetTotalMemory(forceFullCollection: false) > CollectBeforeRenderingFrom)
        {
            GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        }
    }

    public static BuildResult Build(BuildOptions options)
    {
        options = options.Resolved();
        var timer = new StageTimer();
        var diagnostics = new DiagnosticBag(options.DisplayRoot);
        PictureEncoder? encoder = null;
        var pruned = 0;
        var notes = new List<string>();
        var originsMadeAgain = false;
        BuildResult Done(int pages, bool published) => new(diagnostics.Sorted(), pages, published, timer.Elapsed)
        {
            Timings = timer.Stages, Notes = notes, Pictures = (encoder?.Encoded ?? 0, encoder?.Reused ?? 0), PicturesPruned = pruned,
            OriginsMadeAgain = originsMadeAgain,
        };

        // The stages below run in this order.
        if (!OutputFolderGuard.Check(options.OutDir, options.ContentDir, options.TemplatesDir, options.Force, diagnostics))
        {
            return Done(0, false);
        }

        // 1. Load, parse and validate content, and parse every template, side by side.
        SiteContent? content = null;
        TemplateSet? templates = null;
        Parallel.Invoke(
            () => content = new ContentLoader(Pipeline.Value).Load(options.ContentDir, options.Drafts, options.Today, diagnostics, releaseTrees: true),
            () =>
            {
                templates = TemplateSet.Load(options.TemplatesDir, diagnostics);
                // Scriban's built-in functions are set up by reflection once per process (about 20 ms at 1,000
                // articles): here, beside the content's loading, rather than alone before the first page renders.
                TemplateRenderer.Prepare();
            });
        timer.Mark("load and parse");
        if (content is null || templates is null)
        {
            return Done(0, false);
        }

        // A large site's loading leaves tens of megabytes of garbage in the oldest generation (each file's text, tree and
        // front matter, let go once the file is checked), which the link stage then adds to: at 20,000 articles the
        // resident peak came there, at about 140 MB where rendering later peaks at about 130. One full, compacting
        // collection here starts the link stage from what is live; a small site's heap is left alone (below).
        CollectIfLarge();

        // 2. Check and resolve links and embeds (even after errors, to report them all in one run).
        var urls = new SiteUrls(options.BaseUrl ?? content.Settings.BaseUrl);
        var pictureUses = new PictureUses();
        // One copy of each URL for the link stage's results and the link check's page scans, which hold the same URLs.
        var pool = new Links.StringPool();
        // No body keeps its links' origins: only a link check with a finding reads them, and it makes them again (OriginsAgain).
        var links = ContentLinker.Link(content, urls, diagnostics, pictureUses, pool: pool, keepOrigins: false);
        timer.Mark("link");
        if (diagnostics.HasErrors)
        {
            return Done(0, false);
        }

        // Likewise the link stage's garbage (each body's link sites, let go once linked), before rendering: at 20,000
        // articles the heap held 145 MB of which 78 MB was live when rendering began, and the resident peak came there
        // before the collection after loading was added. A small site's heap is left alone (the collection would cost
        // it more than the memory is worth).
        CollectIfLarge();

        // 3. Render every page into a staging folder beside the output. Each page is written
        //    and scanned for links as soon as it is rendered, then let go: no page is kept in memory.
        //    Pictures are encoded (or taken from the cache) and media copied meanwhile.
        var assets = AssetPipeline.Collect(options.TemplatesDir);
        var cards = SocialCards.Plan(content, options.TemplatesDir);
        var cms = CmsFiles.Create(content, urls, assets.Names, Path.Combine(options.SiteRoot, "node_modules"));
        if (cms.Note is not null)
        {
            notes.Add(cms.Note);
        }

        using var publisher = new Publisher(options.OutDir);
        // Each page's links are resolved as it is scanned and only its ids kept; a site with a finding is read again to report it.
        // The files written, in one set for the writer and the link check, which keeps each page's ids by its number there.
        var written = new Links.Utf8Set();
        var linkCheck = new Links.BuildLinkCheck(pool: pool, asScanned: new Links.AsScanned(urls.BaseUrl,
            path => Utf8.GetString(File.ReadAllBytes(Path.Combine(publisher.Staging, path)))) { Written = written });
        var pageCount = 0;
        try
        {
            if (!publisher.Prepare())
            {
                diagnostics.Error(ErrorCodes.OutputLocked, diagnostics.Display(options.OutDir), 1, 1,
                    $"another build into this folder has been running for over {Publisher.LockWait.TotalSeconds:0} s (it holds `{diagnostics.Display(publisher.LockPath)}`); wait for it to finish, or build into another folder");
                return Done(0, false);
            }

            var writer = new OutputWriter(publisher.Staging, written);
            encoder = new PictureEncoder(content.Settings.Pictures, options.PictureCache);
            var copying = Task.Run(() =>
            {
                // One thread a core at most, as rendering (SiteRenderer): each copying thread uses one of the writer's buffers.
                var cores = new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount };
                Parallel.ForEach(PicturePublisher.Unchanged(content).Concat(assets.Files).Concat(cms.Copies), cores, writer.Copy);
                Parallel.ForEach(PicturePublisher.Make(content, cards, encoder, pictureUses, diagnostics), cores, writer.Copy);
            });
            // Each page is written and scanned from the renderer's buffer, which the next page reuses: no string is made of it.
            var rendered = new SiteRenderer(Pipeline.Value, templates, urls, assets.Names, cards).Render(content, links, diagnostics, onPageText: (path, text) =>
            {
                writer.Write(path, text.Span);
                linkCheck.Add(path, text);
            }, releaseBodies: true, written: written);
            copying.Wait();
            timer.Mark("render and write");
            if (rendered is null || diagnostics.HasErrors)
            {
                publisher.Discard();
                return Done(0, false);
            }

            pageCount = rendered.PageCount;

            // Every item's page is written: of the content, what follows reads only the settings (the feed) and the items
            // with aliases (the redirects). The items and the link stage's results, kept so far for the pages, are let go
            // here, before the site files and the link check, where a large site's build peaked.
            var forSiteFiles = ForSiteFiles(content);
            var itemCount = content.All.Count;
            content = null;
            links = null!;
            if (itemCount >= CollectAfterPagesFrom)
            {
                // They are old objects, which only a full collection frees: one now lets the site files and the link check
                // reuse their memory rather than add to it (at 20,000 articles the peak was about 15 MB lower; no CPU
                // measurable at 1,000 articles; docs/performance.md, "Twelfth round").
                GC.Collect();
            }

            foreach (var file in SiteFiles.Create(forSiteFiles, rendered, urls).Concat(cms.Files))
            {
                writer.Write(file);
                linkCheck.Add(file);
            }

            // 4. Check every link of the written site (never of Markdig's HTML re-serialised), against the files
            //    written into the staging folder (the writer's list: nothing else writes there before this).
            linkCheck.Run(writer.Index(), options.OutDir, urls.BaseUrl, () =>
            {
                originsMadeAgain = true;
                return OriginsAgain(options, urls);
            }, diagnostics);
            timer.Mark("check links");

            // 5. Index the checked site for search: Pagefind writes staging/pagefind/, published with the rest.
            bool Failed() => diagnostics.HasErrors || (options.Strict && diagnostics.Count > 0);
            if (!Failed() && options.Search.Enabled)
            {
                var search = SearchIndexer.Index(publisher.Staging, options.OutDir, options.Search, diagnostics);
                if (!search.Indexed && !diagnostics.HasErrors)
                {
                    notes.Add($"Search was skipped: {search.SkippedBecause}.");
                }

                timer.Mark("search index");
            }

            // Last, as it lists every top-level path written (pagefind/ included): the site's own headers for Netlify,
            // and the same policy inside the not-found page for addresses no rule matches.
            var notFound = Path.Combine(publisher.Staging, NotFoundPolicy.Path);
            foreach (var file in HeadersFile.ForSite(options.SiteRoot, options.TemplatesDir, HeadersFile.TopLevelOf(publisher.Staging),
                         File.Exists(notFound) ? File.ReadAllText(notFound) : null, diagnostics))
            {
                writer.Replace(file);
            }

            // 6. Publish, only when nothing failed.
            if (Failed())
            {
                publisher.Discard();
                return Done(pageCount, false);
            }

            publisher.Publish();
            timer.Mark("publish");

            // Only after a build that published: a failed one may not have used every picture.
            pruned = encoder.Prune(DateTime.UtcNow);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException
                                   || (ex is AggregateException a && a.Flatten().InnerExceptions.All(i => i is IOException or UnauthorizedAccessException)))
        {
            publisher.Discard();
            var first = ex is AggregateException agg ? agg.Flatten().InnerExceptions[0] : ex;
            if (first is SourceUnreadableException source)
            {
                diagnostics.Error(ErrorCodes.FileUnreadable, diagnostics.Display(source.SourcePath), 1, 1,
                    $"{source.Message}; check its permissions");
            }
            else
            {
                diagnostics.Error(ErrorCodes.OutputWriteFailed, diagnostics.Display(options.OutDir), 1, 1,
                    $"could not write the site: {first.Message}; check free disk space and permissions. The previous output was left as it was");
            }

            return Done(pageCount, false);
        }
        catch
        {
            publisher.Discard();
            throw;
        }

        return Done(pageCount, true);
    }

    /// <summary>
    /// The origin of every Markdown link (its file, line and column) by its page's output path, for a link check that has
    /// something to report: made again from the content folder, loaded and linked as the build did, since the build keeps
    /// none (at 20,000 articles they were about 7.5 MB at the end of rendering, where the build peaks). Only a build that
    /// fails on a link pays for it. A file saved since the build read it may no longer match its page: a link whose origins
    /// do not match is reported at its page, as a link written in a template is.
    /// </summary>
    internal static IReadOnlyDictionary<string, IReadOnlyList<Markdown.LinkOrigin>> OriginsAgain(BuildOptions options, SiteUrls urls)
    {
        var bag = new DiagnosticBag(options.DisplayRoot);
        var content = new ContentLoader(Pipeline.Value).Load(options.ContentDir, options.Drafts, options.Today, bag, releaseTrees: true);
        if (content is null)
        {
            return new Dictionary<string, IReadOnlyList<Markdown.LinkOrigin>>();
        }

        var links = ContentLinker.Link(content, urls, bag);
        var origins = new Dictionary<string, IReadOnlyList<Markdown.LinkOrigin>>(content.All.Count, StringComparer.Ordinal);
        foreach (var item in content.All)
        {
            origins[item.OutputPath] = links[item].Origins;
        }

        return origins;
    }

    /// <summary>From how many items a build collects the garbage once their pages are written (a small site's items are little memory).</summary>
    internal const int CollectAfterPagesFrom = 2_000;

    /// <summary>What the site files read of the content: its settings and the items with aliases (for the redirects).</summary>
    internal static SiteContent ForSiteFiles(SiteContent content) => new(
        content.Settings, RedFlagData.None,
        [.. content.Articles.Where(HasAliases)], [.. content.Exercises.Where(HasAliases)], [.. content.Pages.Where(HasAliases)],
        [], new HashSet<string>(), new HashSet<string>());

    private static bool HasAliases(ContentItem item) => item.Aliases.Count > 0;
}
