using BackCareSite.Content;
using BackCareSite.Diagnostics;
using BackCareSite.Markdown;
using BackCareSite.Output;
using BackCareSite.Pictures;
using Markdig;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;
using Scriban.Runtime;

namespace BackCareSite.Rendering;

/// <summary>What rendering produced: the pages, the origin of every Markdown link per page, and each page's metadata.</summary>
internal sealed record RenderedSite(
    IReadOnlyList<OutputFile> Files,
    IReadOnlyDictionary<string, IReadOnlyList<LinkOrigin>> LinkOrigins)
{
    /// <summary>How many pages were rendered (also when they were handed over rather than kept in <see cref="Files"/>).</summary>
    public int PageCount { get; init; }

    /// <summary>Every rendered page's metadata, in the planner's order (for the sitemap; a one-off build's, only what the sitemap reads: <see cref="SitemapPages"/>).</summary>
    public IReadOnlyList<PageMeta> Pages { get; init; } = [];

    /// <summary>The articles, newest first, as their pages show them (for the feed; a build's, only those the feed shows).</summary>
    public IReadOnlyList<ArticleView> Articles { get; init; } = [];

    /// <summary>Every page of the site as planned, including those <see cref="IRenderReuse"/> skipped.</summary>
    public IReadOnlyList<PageJob> Jobs { get; init; } = [];
}

/// <summary>
/// Lets a caller reuse work from an earlier render (<c>serve</c> does): the HTML of
/// bodies and cards that did not change, and which pages to render at all. Without it,
/// everything is rendered. What a card or page read is recorded in a <see cref="RenderTrace"/>.
/// </summary>
internal interface IRenderReuse
{
    /// <summary>
    /// Called first, with the values every template sees (site settings, red flags, assets, pages, functions);
    /// returns the values to render with: these, or the same values of the last render.
    /// </summary>
    ScriptObject Site(ScriptObject siteGlobals);

    /// <summary>
    /// An item's view: the one of the last render while the item (the same parse) and <paramref name="inputs"/>
    /// (compared with <see cref="object.Equals(object?, object?)"/>) are the same and nothing else a view is made
    /// from changed; else <paramref name="make"/>'s. Called from one thread, as are <see cref="KeptBody"/>, <see cref="Meta"/>
    /// and <see cref="Select"/> (<see cref="Card"/>, <see cref="Body"/> and <see cref="Trace"/> are called in parallel).
    /// </summary>
    T View<T>(ContentItem item, Func<object?[]> inputs, Func<T> make)
        where T : class;

    /// <summary>
    /// Told, before any article's view is asked for, what an article's view takes from other items: when both are
    /// as at the last render (the same exercise views, equal tag counts), an article's inputs are the ones it had
    /// then, and <see cref="View"/> need not make and compare them.
    /// </summary>
    void Inputs(IReadOnlyDictionary<string, ExerciseView> exercises, IReadOnlyDictionary<string, int> tagCounts);

    /// <summary>The job planned at the last render for the page of a view <see cref="View"/> kept, when that page was not rendered (its values are as planned); null to plan it.</summary>
    PageJob? Job(object view);

    /// <summary>
    /// For a page that shows no item, given its metadata before its JSON-LD is made: the complete metadata of the last render's
    /// page at that address when it was completed from equal values with the same settings; null to complete it.
    /// </summary>
    PageMeta? KeptPageMeta(PageMeta planned);

    /// <summary>A body kept whole, without rendering its embeds and pictures again to compare them; null to go on with <see cref="Body"/>.</summary>
    RawHtml? KeptBody(ContentItem item);

    /// <summary>The metadata the last render planned for the page of a view <see cref="View"/> kept; null to plan it.</summary>
    PageMeta? Meta(object view);

    /// <summary>An exercise's card: kept, or rendered by <paramref name="render"/> into the trace it is given.</summary>
    RawHtml Card(Exercise exercise, ScriptObject globals, Func<RenderTrace?, RawHtml> render);

    /// <summary>
    /// A body: kept, or rendered; <paramref name="parts"/> is the HTML of each of its embeds and raster pictures.
    /// Nothing reads <paramref name="tree"/> after this (the caller may let it go).
    /// </summary>
    RawHtml Body(ContentItem item, MarkdownDocument tree, IReadOnlyDictionary<MarkdownObject, string> parts, Func<RawHtml> render);

    /// <summary>Which of the planned pages to render (the others are unchanged).</summary>
    IReadOnlyList<bool> Select(IReadOnlyList<PageJob> jobs);

    /// <summary>Where a page about to be rendered records what it reads.</summary>
    RenderTrace? Trace(PageJob job);

    /// <summary>The origins of every item's links by its page's output path (<see cref="RenderedSite.LinkOrigins"/>), or null to make the table.</summary>
    IReadOnlyDictionary<string, IReadOnlyList<LinkOrigin>>? Origins(IReadOnlyList<ContentItem> items);
}

/// <summary>
/// Renders the whole site: builds views, renders each exercise card once,
/// renders the Markdown bodies, then every page through its template, in parallel.
/// </summary>
internal sealed class SiteRenderer(MarkdownPipeline pipeline, TemplateSet templates, SiteUrls urls, IReadOnlyDictionary<string, string> assets, SocialCards? cards = null)
{
    /// <summary>Renders the site from content whose links and embeds <see cref="ContentLinker"/> has resolved into <paramref name="links"/>.</summary>
    /// <param name="releaseBodies">A one-off build (not <c>serve</c>, which re-renders from the trees and HTML it
    /// keeps): each body is rendered with the one page that shows it, then its HTML and Markdown tree are let go,
    /// so no more bodies are in memory at once than pages are being rendered; so are each page's values and
    /// JSON-LD once it is rendered (<see cref="RenderedSite.Jobs"/> is empty, <see cref="RenderedSite.Pages"/> holds what the sitemap reads).</param>
    /// <param name="written">The set of the files <paramref name="onPage"/> writes, each added before it returns (a one-off build's
    /// <see cref="Output.OutputWriter"/>): the sitemap keeps a page's URL as its file's number there.</param>
    /// <param name="onPageText">
    /// With <paramref name="releaseBodies"/> and no <paramref name="reuse"/> (a one-off build), instead of
    /// <paramref name="onPage"/>: each page is handed over as its output path and its characters, which the caller must
    /// not keep once the call returns: an item's page in a buffer that the next page reuses (<see cref="PageBuffer"/>),
    /// with no string made of it; a list page as its string.
    /// </param>
    public RenderedSite? Render(
        SiteContent content,
        IReadOnlyDictionary<ContentItem, LinkedBody> links,
        DiagnosticBag diagnostics,
        IRenderReuse? reuse = null,
        Action<OutputFile>? onPage = null,
        bool releaseBodies = false,
        Links.Utf8Set? written = null,
        Action<string, ReadOnlyMemory<char>>? onPageText = null)
    {
        if (onPageText is not null && (onPage is not null || !releaseBodies || reuse is not null))
        {
            throw new ArgumentException("pages are handed over as text only in a one-off build, and one way only", nameof(onPageText));
        }

        // 1. Views, and the pieces rendered once and reused: exercise cards, the checker.
        var views = new ViewFactory(urls, content.Media.ToDictionary(m => m.RelativePath, StringComparer.Ordinal), content.Pictures)
        {
            Reviewers = content.Reviewers, FeedbackEmail = content.Settings.FeedbackEmail, OwnPartsWhenRead = releaseBodies && reuse is null,
            OwnPartsAtEachRead = reuse is not null, ShareStrings = reuse is not null,
        };
        var siteGlobals = SiteGlobals(content);
        siteGlobals = reuse?.Site(siteGlobals) ?? siteGlobals;
        var renderer = new TemplateRenderer(templates, siteGlobals);
        T View<T>(ContentItem item, Func<object?[]> inputs, Func<T> make)
            where T : class => reuse is null ? make() : reuse.View(item, inputs, make);
        var exercises = content.Exercises.ToDictionary(e => e.Slug, e => View(e, NoInputs, () => views.Exercise(e)), StringComparer.Ordinal);
        Parallel.ForEach(content.Exercises, exercise =>
        {
            var view = exercises[exercise.Slug];
            // A kept view holds the last render's body and card: a card sees neither, as in a build.
            view.Content = view.Card = RawHtml.Empty;
            var globals = Globals(("exercise", view));
            RawHtml Card(RenderTrace? trace) => renderer.RenderPartial("partials/exercise-card.html", globals, diagnostics, trace) ?? RawHtml.Empty;
            // A one-off build keeps each card to the end, and serve for the session, and only a body that embeds it reads
            // it (once for each embed), or the exercise's own page. Serve's is compressed, about a fifth of its size as a
            // string, and goes to its temporary file (about 5 MB of strings at 1,000 exercises). A build's is UTF-8, half
            // the string (unpacking a compressed card at each embed was 3.6% of a build's CPU), up to UncompressedCardsUpTo
            // exercises, and compressed beyond: a large catalogue's memory does not grow by 2.5 KB an exercise
            // (docs/performance.md, "Twentieth session").
            view.Card = reuse is not null ? reuse.Card(exercise, globals, trace => Card(trace).Packed())
                : !releaseBodies ? Card(null)
                : content.Exercises.Count <= UncompressedCardsUpTo ? Card(null).InUtf8() : Card(null).Packed();
        });
        var checker = content.All.Any(i => !links[i].EveryEmbed(NotChecker))
            ? renderer.RenderPartial("partials/red-flag-checker.html", new ScriptObject(), diagnostics) ?? RawHtml.Empty
            : RawHtml.Empty;

        // Each tag's count, in the order tags first appear (a loop, not a grouping: it runs at every rebuild of serve).
        var tagCounts = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var article in content.Articles)
        {
            foreach (var tag in article.Tags)
            {
                System.Runtime.InteropServices.CollectionsMarshal.GetValueRefOrAddDefault(tagCounts, tag, out _)++;
            }
        }

        reuse?.Inputs(exercises, tagCounts);
        // What an article's view takes from other items: the views of its exercises and the counts of its tags.
        // (A loop, not a query: it runs for every article at every rebuild of serve.)
        object?[] ArticleInputs(Article a)
        {
            var inputs = new object?[a.Exercises.Count + a.Tags.Count];
            for (var i = 0; i < a.Exercises.Count; i++)
            {
                inputs[i] = exercises.GetValueOrDefault(a.Exercises[i].Value);
            }

            for (var i = 0; i < a.Tags.Count; i++)
            {
                // A count as the box every kept view and trace shares (compared by value): serve keeps each article's
                // inputs, and the counts' own boxes were 0.7 MB at 10,000 articles.
                inputs[a.Exercises.Count + i] = RenderTrace.Boxed(tagCounts.GetValueOrDefault(a.Tags[i]));
            }

            return inputs;
        }
        var articles = content.Articles.Select(a => (Item: a, View: View(a, () => ArticleInputs(a), () => views.Article(a, exercises, tagCounts)))).ToList();
        if (releaseBodies && reuse is null)
        {
            // A one-off build reads an article's tags and exercises only through its view from here on.
            foreach (var (item, _) in articles)
            {
                item.LetGoOfViewInputs();
            }
        }

        var pages = content.Pages.Select(p => (Item: p, View: View(p, NoInputs, () => views.Page(p)))).ToList();

        // 2. Markdown bodies, with embeds written from what step 1 prepared.
        string EmbedHtml(Embed embed) => embed switch
        {
            Embed.ExerciseCard card => exercises[card.Slug].Card.Value,
            Embed.RedFlagChecker => checker.Value,
            Embed.Video video => renderer.RenderPartial("partials/video.html", Globals(("video", new VideoView(video.Title, video.Url))), diagnostics)?.Value ?? "",
            _ => "",
        };
        // A body's first picture is the page's first, unless the page opens with its own image.
        string PictureHtml(ResolvedLink link, LinkInline image, bool priority) => renderer.RenderPartial("partials/picture.html", Globals(
            ("picture", ViewFactory.Picture(link.Picture!, link.Decorative ? "" : BodyPicture.PlainText(image), urls) with { Title = link.Decorative ? null : image.Title }),
            ("picture_class", null), ("sizes", null), ("priority", priority)), diagnostics)?.Value ?? "";
        RawHtml Render(ContentItem item, MarkdownDocument tree, LinkedBody linked, IReadOnlyDictionary<MarkdownObject, string> parts)
        {
            RawHtml html;
            if (releaseBodies && reuse is null)
            {
                // Rendered for its own page, which is rendered next on this thread: into a spare buffer, which
                // the page's template copies where it writes the body, and which goes back after the page.
                var buffer = SpareBodies.Take() ?? new System.Text.StringBuilder();
                MarkdownHtml.Render(tree, pipeline, linked, block => parts.GetValueOrDefault(block) ?? "", image => parts.GetValueOrDefault(image), buffer);
                html = RawHtml.Over(buffer);
            }
            else
            {
                html = new RawHtml(MarkdownHtml.Render(tree, pipeline, linked,
                    block => parts.GetValueOrDefault(block) ?? "", image => parts.GetValueOrDefault(image)));
            }

            if (releaseBodies && !item.BodyReleased)
            {
                // Nothing reads the tree after this: let the garbage collector have it now rather
                // than mark and move it in every collection until the build ends.
                item.Body.Clear();
            }

            return html;
        }

        // The HTML of a body's parts that come from templates: its embeds and its raster pictures.
        // A tree let go after loading is parsed again here, and its article's contents list read from it into its view.
        RawHtml Body(ContentItem item, object view)
        {
            MarkdownDocument tree;
            try
            {
                tree = item.OpenBody();
            }
            catch (SourceChangedException changed)
            {
                diagnostics.Error(ErrorCodes.SourceChanged, changed.File.DisplayPath, 1, 1, changed.Message);
                return RawHtml.Empty;
            }

            var linked = links[item].For(tree);
            if (item.BodyReleased && view is ArticleView articleView)
            {
                articleView.Contents = ViewFactory.Contents(tree, views.ShareStrings);
            }

            var parts = new Dictionary<MarkdownObject, string>(ReferenceEqualityComparer.Instance);
            foreach (var (block, embed) in linked.Embeds)
            {
                parts[block] = EmbedHtml(embed);
            }

            var afterHero = ((item as Article)?.Image ?? (item as Exercise)?.Image) is not null;
            var pictures = MarkdownWalk.Links(tree);
            pictures.RemoveAll(l => linked.Links.GetValueOrDefault(l)?.Picture is null);
            for (var i = 0; i < pictures.Count; i++)
            {
                parts[pictures[i]] = PictureHtml(linked.Links[pictures[i]], pictures[i], priority: !afterHero && i == 0);
            }

            if (reuse is not null)
            {
                return reuse.Body(item, tree, parts, () => Render(item, tree, linked, parts));
            }

            var html = Render(item, tree, linked, parts);
            if (releaseBodies)
            {
                // Rendered once, with its page: only the link check's origins are read from here on.
                links[item].LetGoOfLinks();
            }

            return html;
        }

        // Each view's item, for the view's page to render its body into it (a one-off build's). SetContent sets it: a delegate
        // and its closure for each view were 0.9 MB at 10,000 articles.
        var bodies = new Dictionary<object, ContentItem>(ReferenceEqualityComparer.Instance);
        if (releaseBodies && reuse is null)
        {
            // Only its own page shows a body (list pages show titles and descriptions): render it there.
            foreach (var (item, view) in articles)
            {
                bodies[view] = item;
            }

            foreach (var exercise in content.Exercises)
            {
                bodies[exercises[exercise.Slug]] = exercise;
            }

            foreach (var (item, view) in pages)
            {
                bodies[view] = item;
            }
        }
        else
        {
            // The bodies a reuse keeps are set first, one after another (a look-up each; in parallel, their
            // table's locks cost more than the look-ups), then the others are rendered in parallel.
            var toRender = new List<(ContentItem Item, object View)>();
            void Keep(ContentItem item, object view)
            {
                if (reuse?.KeptBody(item) is { } kept)
                {
                    SetContent(view, kept);
                }
                else
                {
                    toRender.Add((item, view));
                }
            }

            foreach (var (item, view) in articles)
            {
                Keep(item, view);
            }

            foreach (var exercise in content.Exercises)
            {
                Keep(exercise, exercises[exercise.Slug]);
            }

            foreach (var (item, view) in pages)
            {
                Keep(item, view);
            }

            Parallel.ForEach(toRender, b => SetContent(b.View, Body(b.Item, b.View)));
            if (diagnostics.HasErrors)
            {
                return null;
            }
        }

        // 3. Every page through its template.
        //    With onPage or onPageText, each page is handed over as soon as it is rendered and not kept.
        var release = releaseBodies && reuse is null;
        var plan = new PagePlanner(content, urls, views, tagCounts, cards ?? SocialCards.None, deferMeta: release)
            .PlanLazily(articles.Select(a => a.View).ToList(), exercises, pages.Select(p => p.View).ToList(), reuse is null ? null : reuse.Meta, reuse is null ? null : reuse.Job,
                reuse is null ? null : reuse.KeptPageMeta);
        var files = new OutputFile?[plan.Count];
        var metas = release ? new SitemapPages(plan.Count, urls.BaseUrl, onPage is null && onPageText is null ? null : written) : null;
        var count = 0;

        // With release, each page's job (its metadata, values and JSON-LD) is made only when the page is rendered
        // and let go as soon as it is, so the jobs of the whole site are never in memory at once, nor pile up
        // beside the link check's page scans; only this array holds what makes them. Serve makes and keeps them all.
        IReadOnlyList<PageJob> kept = release ? [] : plan.Select(make => make()).ToList();
        var selected = reuse?.Select(kept);
        Func<PageJob>?[] toMake = release ? [.. plan] : [];
        plan = [];
        // A one-off build renders on one thread a core: the thread pool adds threads while a long build runs (at 20,000
        // articles on a busy machine, 19 threads where 10,000 articles had 9), each with pages in flight and
        // its own template context, so an unbounded loop's memory grew with the length of the build.
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = release ? Environment.ProcessorCount : -1 };
        Parallel.For(0, files.Length, parallel, i =>
        {
            if (selected is not null && !selected[i])
            {
                return;
            }

            PageJob job;
            if (release)
            {
                job = toMake[i]!();
                toMake[i] = null;
            }
            else
            {
                job = kept[i];
            }

            var meta = job.Meta;
            if (job.Finish is { } finish)
            {
                meta = finish(meta);
                job.Globals.SetValue("page", meta, readOnly: false);
            }

            var bodyOf = job.Subject is null ? null : bodies.GetValueOrDefault(job.Subject);
            RawHtml? shownBody = null;
            if (bodyOf is not null)
            {
                shownBody = Body(bodyOf, job.Subject!);
                SetContent(job.Subject!, shownBody);
            }

            PageBuffer? buffer = null;
            string? html = null;
            // An item's page is rendered in place (see PageBuffer); a list page, which can be long, into a string.
            if (onPageText is not null && job.Subject is not null)
            {
                buffer = PageBuffer.Spare.Take() ?? new PageBuffer();
                if (!renderer.RenderPageInto(job.Template, job.Globals, diagnostics, buffer))
                {
                    buffer.GiveBack();
                    buffer = null;
                }
            }
            else
            {
                html = renderer.RenderPage(job.Template, job.Globals, diagnostics, reuse?.Trace(job), mainInPlace: release);
            }

            if (bodyOf is not null)
            {
                SetContent(job.Subject!, RawHtml.Empty);
            }
            if (shownBody?.Borrowed is { } bodyBuffer)
            {
                shownBody.Release();
                GiveBodyBuffer(bodyBuffer);
            }

            if (release)
            {
                // The page's own values now also hold its main template's HTML (`content`) and whatever
                // its templates assigned: let them go with the page (serve keeps them for its traces).
                // Of its metadata only what the sitemap reads stays, not its JSON-LD.
                job.Globals.Clear();

                // So is an article's contents list, which only its own page shows (about six links an article),
                // and its review, sources and feedback link (made again if another page reads them).
                if (bodyOf is not null && job.Subject is ArticleView shown)
                {
                    shown.Contents = [];
                    shown.LetGoOfOwnParts();
                }
            }

            if (buffer is null && html is null)
            {
                metas?.Set(i, meta);
                return;
            }

            Interlocked.Increment(ref count);
            if (onPageText is not null)
            {
                try
                {
                    onPageText(job.Meta.OutputPath, buffer?.Chars ?? html.AsMemory());
                }
                finally
                {
                    buffer?.GiveBack();
                }

                metas?.Set(i, meta);
                return;
            }

            // Only onPageText renders into a buffer: here the page is a string.
            var file = new OutputFile(job.Meta.OutputPath, html!);
            if (onPage is null)
            {
                files[i] = file;
            }
            else
            {
                onPage(file);
            }

            // Once written: the sitemap keeps the page's URL as the number of its file in `written` where it can.
            metas?.Set(i, meta);
        });
        if (diagnostics.HasErrors)
        {
            return null;
        }

        // A one-off build makes no table: its bodies keep no origins (ContentLinker's keepOrigins), and its link check makes
        // them again only when it has something to report (each item's output path and origins were about 7.5 MB at
        // 20,000 articles, at the end of rendering, where the build peaks).
        var originsByPath = reuse?.Origins(content.All)
                            ?? (release ? NoOrigins : content.All.ToDictionary(i => i.OutputPath, i => links[i].Origins, StringComparer.Ordinal));
        return new RenderedSite(files.OfType<OutputFile>().ToList(), originsByPath)
        {
            PageCount = count,
            Pages = metas ?? (IReadOnlyList<PageMeta>)kept.Select(j => j.Meta).ToList(),
            // A build's feed reads only its newest articles: the other views (with their dates, tags and sources) are let go
            // before the link check, which is when a large site's build peaks.
            Articles = articles.Select(a => a.View).Take(release ? Output.SiteFiles.FeedEntryCount : int.MaxValue).ToList(),
            Jobs = kept,
        };
    }

    /// <summary>The most exercises whose cards a build keeps as UTF-8 (about 2.5 MB at 1,000); more are kept compressed.</summary>
    internal int UncompressedCardsUpTo { get; init; } = 1500;

    private static readonly Func<object?[]> NoInputs = () => [];

    private static readonly IReadOnlyDictionary<string, IReadOnlyList<LinkOrigin>> NoOrigins = new Dictionary<string, IReadOnlyList<LinkOrigin>>();

    private static readonly Func<Embed, bool> NotChecker = e => e is not Embed.RedFlagChecker;

    private static void SetContent(object view, RawHtml html)
    {
        switch (view)
        {
            case ArticleView article:
                article.Content = html;
                break;
            case ExerciseView exercise:
                exercise.Content = html;
                break;
            case PageView page:
                page.Content = html;
                break;
            default:
                throw new ArgumentException($"no body for a {view.GetType().Name}", nameof(view));
        }
    }

    /// <summary>The output file of a site path: <c>/articles/x/</c> is <c>articles/x/index.html</c>.</summary>
    public static string OutputPathOf(string sitePath) =>
        sitePath.EndsWith('/') ? sitePath.TrimStart('/') + "index.html" : sitePath.TrimStart('/');

    private ScriptObject SiteGlobals(SiteContent content)
    {
        var s = content.Settings;
        var globals = new ScriptObject();
        var site = new ScriptObject
        {
            ["title"] = s.Title,
            ["base_url"] = urls.BaseUrl,
            ["base_path"] = urls.BasePath,
            ["language"] = s.Language,
            ["clinic_name"] = s.ClinicName,
            ["address"] = s.Address,
            ["phone"] = s.Phone,
            ["booking_url"] = s.BookingUrl.StartsWith('/') ? urls.Local(s.BookingUrl) : s.BookingUrl,
            ["disclaimer"] = s.Disclaimer,
            ["menu"] = s.Menu.Select(m => new LinkView(m.Title, m.Url.StartsWith('/') ? urls.Local(m.Url) : m.Url)).ToList(),
            ["assets"] = Assets(),
            ["pages"] = content.Pages.Select(p => new LinkView(p.Title, urls.Local(p.Path))).ToList(),
        };
        globals.SetValue("site", site, readOnly: true);
        globals.SetValue("red_flags", RedFlags(content.RedFlags, site["booking_url"] as string ?? ""), readOnly: true);
        // Typed delegates, not Import(Delegate): no reflection, so the native build keeps them.
        globals.SetValue("url", DelegateCustomFunction.CreateFunc<string, string>(urls.Local), readOnly: true);
        globals.SetValue("absolute_url", DelegateCustomFunction.CreateFunc<string, string>(urls.Absolute), readOnly: true);
        return globals;
    }

    private ScriptObject Assets()
    {
        var result = new ScriptObject();
        foreach (var (name, path) in assets)
        {
            result.SetValue(name, urls.Local("/" + path), readOnly: true);
        }

        return result;
    }

    private RedFlagsView RedFlags(RedFlagData data, string bookingUrl)
    {
        var flags = data.Flags.Select(f => new RedFlagView(f.Id, f.Question, f.Level) { Sources = ViewFactory.Sources(f.Sources) }).ToList();
        var levels = data.Levels
            .Select(l => new RedFlagLevelView(l.Id, l.Title, l.Advice, l.Rank, l.ActionLabel,
                l.ActionUrl is { } action && action.StartsWith('/') ? urls.Local(action) : l.ActionUrl
                    ?? (l.ActionLabel is null ? null : bookingUrl),
                flags.Where(f => f.Level == l.Id).ToList()))
            .ToList();
        return new RedFlagsView(levels, flags) { IntendedPurpose = data.IntendedPurpose };
    }

    // The buffers of the bodies being rendered with their pages (a one-off build: see Render's releaseBodies): at most one
    // for each core is kept, whatever the number of threads that rendered pages.
    internal static readonly Spares<System.Text.StringBuilder> SpareBodies = new();

    // A buffer grown past this (256 Ki characters) by a very long body is let go rather than kept.
    internal const int KeptBodyCapacity = 1 << 18;

    private static void GiveBodyBuffer(System.Text.StringBuilder buffer)
    {
        if (buffer.Capacity <= KeptBodyCapacity)
        {
            buffer.Clear();
            SpareBodies.Give(buffer);
        }
    }

    internal static ScriptObject Globals(params (string Name, object? Value)[] values)
    {
        var globals = new ScriptObject();
        foreach (var (name, value) in values)
        {
            globals.SetValue(name, value, readOnly: false);
        }

        return globals;
    }
}
