using System.Collections.Concurrent;
using BackCareSite.Content;
using BackCareSite.Markdown;
using BackCareSite.Rendering;
using Markdig.Syntax;
using Scriban.Runtime;

namespace BackCareSite.Serve;

/// <summary>
/// What the preview keeps from its last good render: bodies, cards, and what every page and card read;
/// each item's view (with the inputs it was made from), the metadata of each view's page, and the
/// static pages' links every template sees (<c>site.pages</c>).
/// </summary>
internal sealed record RenderState(
    IReadOnlyDictionary<ContentItem, (RawHtml Html, IReadOnlyDictionary<MarkdownObject, string> Parts)> Bodies,
    IReadOnlyDictionary<ContentItem, LinkedBody> Links,
    IReadOnlyDictionary<string, (RawHtml Html, RenderTrace Trace)> Cards,
    IReadOnlyDictionary<string, RenderTrace> Pages,
    TemplateSet? Templates)
{
    public IReadOnlyDictionary<ContentItem, (object View, object?[] Inputs)> Views { get; init; } =
        new Dictionary<ContentItem, (object, object?[])>(ReferenceEqualityComparer.Instance);

    /// <summary>
    /// The job of each view's page (its metadata and values), whether the page was rendered (then its values hold what
    /// the render assigned, and the job is not used again), and whether it was kept because it began with the same
    /// objects as its trace (<see cref="RenderTrace.SameGlobals"/>).
    /// </summary>
    public IReadOnlyDictionary<object, KeptJob> Jobs { get; init; } = new Dictionary<object, KeptJob>(ReferenceEqualityComparer.Instance);

    /// <summary>The metadata of each page that shows no item (home, lists, tags), by output path.</summary>
    public IReadOnlyDictionary<string, PageMeta> PageMetas { get; init; } = new Dictionary<string, PageMeta>(StringComparer.Ordinal);

    /// <summary>The exercises' views and the tags' counts the articles' views were made from.</summary>
    public IReadOnlyDictionary<string, ExerciseView>? ExerciseViews { get; init; }

    public IReadOnlyDictionary<string, int>? TagCounts { get; init; }

    public IReadOnlyList<LinkView>? SitePages { get; init; }

    /// <summary>The values every template saw (site settings, red flags, assets, functions).</summary>
    public ScriptObject? SiteGlobals { get; init; }

    /// <summary>The items of the last render, each one's links' origins (in the same order), and the table made of them by output path.</summary>
    public (IReadOnlyList<ContentItem> Items, IReadOnlyList<LinkOrigin>[] Lists, IReadOnlyDictionary<string, IReadOnlyList<LinkOrigin>> ByPath)? Origins { get; init; }

    /// <summary>Where the traces share their reads' code (<see cref="RenderTrace.Seal"/>).</summary>
    public RenderTrace.Codes Codes { get; init; } = new();

    public static RenderState Empty() => new(
        new Dictionary<ContentItem, (RawHtml, IReadOnlyDictionary<MarkdownObject, string>)>(ReferenceEqualityComparer.Instance),
        new Dictionary<ContentItem, LinkedBody>(ReferenceEqualityComparer.Instance),
        new Dictionary<string, (RawHtml, RenderTrace)>(StringComparer.Ordinal),
        new Dictionary<string, RenderTrace>(StringComparer.Ordinal),
        null);
}

/// <summary>A page's job as the last render planned it (<see cref="JobSeed"/>): rendered or not, and kept for the same objects.</summary>
internal readonly record struct KeptJob(JobSeed Seed, bool Rendered, bool SameObjects);

/// <summary>
/// What an item's page job is made again from: its template, its metadata and the name the template sees the item's view
/// by (null when the job's values are not only those two, then it is planned again). The job's values (a table with
/// the view and the metadata, about 300 bytes a page) are not kept between rebuilds: a job made again from the same seed
/// has the same values, and <see cref="PageJob.Kept"/> tells that it was (docs/serve.md, "Session 14").
/// </summary>
internal sealed record JobSeed(string Template, PageMeta Meta, string? Name)
{
    /// <summary>The seed of a job just planned for <paramref name="subject"/>'s page.</summary>
    public static JobSeed Of(PageJob job, object subject)
    {
        string? name = null;
        var count = 0;
        foreach (var key in job.Globals.Keys)
        {
            count++;
            if (key != "page" && job.Globals.TryGetValue(key, out var value) && ReferenceEquals(value, subject))
            {
                name = key;
            }
        }

        var remade = count == 2 && job.Finish is null && job.Globals.TryGetValue("page", out var page) && ReferenceEquals(page, job.Meta);
        return new JobSeed(job.Template, job.Meta, remade ? name : null);
    }
}

/// <summary>
/// The preview's <see cref="IRenderReuse"/>. A page or card is kept when its last render's
/// <see cref="RenderTrace"/> replays: every value it read is the same in the new site and no
/// template it executed changed. A body is kept when its item was not parsed again, its links
/// resolved the same and the HTML of its embeds and pictures is the same. Everything else is rendered, and records
/// a new trace.
/// <para>
/// When only Markdown files of items changed since the last render (<c>inputsKept</c>: not site.yml,
/// red-flags.yml, reviewers.yml, media, templates) and the static pages' links are the same, everything
/// a view, a page's metadata and a body's embeds and pictures are made from besides the items is as it
/// was. Then an item's view is kept while the item is the same parse and the views of its exercises and
/// its tags' counts are the same; a kept view's page keeps its metadata (JSON-LD, Open Graph); and a body
/// is kept without rendering its embeds and pictures again while its links resolve the same and the cards
/// it embeds are the same. Otherwise every view is made and every page planned, as a build does.
/// </para>
/// </summary>
internal sealed class PreviewRender : IRenderReuse
{
    private readonly RenderState _previous;
    private readonly TemplateSet _templates;
    private readonly IReadOnlySet<string> _changedTemplates;
    private readonly IReadOnlyDictionary<ContentItem, LinkedBody> _links;
    // Plain tables sized from the last render: filled from every item and page at every rebuild, they are written
    // by one thread (views, kept bodies and the decisions of Select), or under _writes by the parallel renders of the
    // bodies, cards and pages that changed. Concurrent tables written from every item in parallel spent most of the
    // render stage's time on a large, busy site waiting for their locks.
    private readonly Dictionary<ContentItem, (RawHtml, IReadOnlyDictionary<MarkdownObject, string>)> _bodies;
    private readonly Dictionary<string, (RawHtml, RenderTrace)> _cards;
    private readonly Dictionary<string, RenderTrace> _pages;
    private readonly Dictionary<ContentItem, (object, object?[])> _views;
    private readonly Dictionary<object, KeptJob> _jobs;
    private readonly Dictionary<string, PageMeta> _pageMetas;
    private readonly Lock _writes = new();
    private readonly ThreadLocal<EscapingTemplateContext> _replay = new(() => new EscapingTemplateContext(new ScriptObject()));
    private readonly bool _inputsKept;
    private static readonly IReadOnlyDictionary<MarkdownObject, string> NoParts = new Dictionary<MarkdownObject, string>();
    private ScriptObject _siteGlobals = new();
    private IReadOnlyList<LinkView>? _sitePages;
    private bool _keepViews;
    // The articles' views take what they took at the last render from other items (see Inputs).
    private bool _sameInputs;
    private IReadOnlyDictionary<string, ExerciseView>? _exerciseViews;
    private IReadOnlyDictionary<string, int>? _tagCounts;
    // A kept view's body or card came out different: some page may read it, so every kept page is replayed.
    private volatile bool _touched;
    private int _viewsMade;
    private static int s_rounds;
    private (IReadOnlyList<ContentItem>, IReadOnlyList<LinkOrigin>[], IReadOnlyDictionary<string, IReadOnlyList<LinkOrigin>>)? _origins;
    private readonly ConcurrentDictionary<string, byte> _replayed = new(StringComparer.Ordinal);
    // The traces of the pages rendered now (the kept ones are sealed already).
    private readonly ConcurrentBag<RenderTrace> _traced = [];
    private readonly RenderTrace.Codes _codes;

    /// <summary>How many views were made (not kept).</summary>
    public int ViewsMade => _viewsMade;

    /// <summary>The pages of the last render whose traces were replayed to decide.</summary>
    public IReadOnlySet<string> ReplayedPages => _replayed.Keys.ToHashSet(StringComparer.Ordinal);

    // An embed that is not a card, or a card whose HTML is the one of the last render (one delegate for every item).
    private readonly Func<Embed, bool> _sameCard;

    /// <param name="inputsKept">True when no file but items' Markdown changed since <paramref name="previous"/> was rendered.</param>
    public PreviewRender(RenderState previous, TemplateSet templates, IReadOnlyDictionary<ContentItem, LinkedBody> links, bool inputsKept)
    {
        _previous = previous;
        _codes = previous.Codes;
        _bodies = new(previous.Bodies.Count, ReferenceEqualityComparer.Instance);
        _cards = new(previous.Cards.Count, StringComparer.Ordinal);
        _pages = new(previous.Pages.Count, StringComparer.Ordinal);
        _views = new(previous.Views.Count, ReferenceEqualityComparer.Instance);
        _jobs = new(previous.Jobs.Count, ReferenceEqualityComparer.Instance);
        _pageMetas = new(previous.PageMetas.Count, StringComparer.Ordinal);
        _templates = templates;
        _links = links;
        _changedTemplates = templates.ChangedSince(previous.Templates);
        _inputsKept = inputsKept;
        _sameCard = e => e is not Embed.ExerciseCard card
            || (_cards.TryGetValue(card.Slug, out var now) && _previous.Cards.TryGetValue(card.Slug, out var before) && now.Item1 == before.Html);
    }

    public ScriptObject Site(ScriptObject siteGlobals)
    {
        _sitePages = siteGlobals.TryGetValue("site", out var site) && site is ScriptObject s && s.TryGetValue("pages", out var pages)
            ? pages as IReadOnlyList<LinkView>
            : null;
        _keepViews = _inputsKept && _previous.Templates is not null && _changedTemplates.Count == 0
            && _sitePages is not null && _previous.SitePages is not null && _sitePages.SequenceEqual(_previous.SitePages);
        // Made from the same files, the site values are the same: keep the objects, so kept pages see the very same ones.
        _siteGlobals = _keepViews && _previous.SiteGlobals is { } kept ? kept : siteGlobals;
        return _siteGlobals;
    }

    /// <summary>True when the view of <paramref name="item"/> is the one of the last render.</summary>
    private bool ViewKept(ContentItem item) =>
        _views.TryGetValue(item, out var now) && _previous.Views.TryGetValue(item, out var before) && ReferenceEquals(now.Item1, before.View);

    public void Inputs(IReadOnlyDictionary<string, ExerciseView> exercises, IReadOnlyDictionary<string, int> tagCounts)
    {
        _exerciseViews = exercises;
        _tagCounts = tagCounts;
        // The same exercise views (the objects) and the same counts: every article's inputs (the views of its exercises
        // and its tags' counts, looked up by slug and tag) are the ones it had, as its exercises and tags are its item's.
        _sameInputs = _keepViews && _previous.ExerciseViews is { } views && _previous.TagCounts is { } counts
            && views.Count == exercises.Count && exercises.All(e => views.TryGetValue(e.Key, out var before) && ReferenceEquals(before, e.Value))
            && counts.Count == tagCounts.Count && tagCounts.All(t => counts.TryGetValue(t.Key, out var before) && before == t.Value);
    }

    public T View<T>(ContentItem item, Func<object?[]> inputs, Func<T> make)
        where T : class
    {
        if (_keepViews && _previous.Views.TryGetValue(item, out var known) && known.View is T view
            && (_sameInputs || known.Inputs.AsSpan().SequenceEqual(inputs())))
        {
            _views[item] = known;
            return view;
        }

        var made = make();
        _views[item] = (made, inputs());
        Interlocked.Increment(ref _viewsMade);
        return made;
    }

    public PageMeta? Meta(object view) => _keepViews && _previous.Jobs.TryGetValue(view, out var kept) ? kept.Seed.Meta : null;

    // Not rendered: made again as planned, {name: view, page: metadata}, what a new job of the same view would hold.
    public PageJob? Job(object view) =>
        _keepViews && _previous.Jobs.TryGetValue(view, out var kept) && !kept.Rendered && kept.Seed is { Name: { } name } seed
            ? new PageJob(seed.Template, seed.Meta, SiteRenderer.Globals((name, view), ("page", seed.Meta))) { Subject = view, Kept = seed }
            : null;

    /// <summary>How many pages were kept because their job was made again from the seed of a page kept for the same objects.</summary>
    public int KeptAsPlanned => _keptAsPlanned;

    private int _keptAsPlanned;

    // The same settings and templates (_keepViews), and every value but the JSON-LD equal: what completing it makes is the same.
    // Not after a render the trace could not follow (it may have written to the page's values).
    public PageMeta? KeptPageMeta(PageMeta planned) =>
        _keepViews && _previous.PageMetas.TryGetValue(planned.OutputPath, out var before)
        && _previous.Pages.TryGetValue(planned.OutputPath, out var trace) && !trace.Opaque
        && (before with { JsonLd = planned.JsonLd }).Equals(planned) ? before : null;

    public RawHtml? KeptBody(ContentItem item)
    {
        // Its embeds' HTML: a card is compared; the checker, videos and pictures come from what _keepViews says is as it was.
        // A new view of an article whose tree was let go gets its contents list where the body is parsed again.
        if (!_keepViews || (item.BodyReleased && !ViewKept(item)) || !_previous.Bodies.TryGetValue(item, out var known)
            || !_previous.Links.TryGetValue(item, out var linked) || !linked.SameAs(_links[item])
            || !_links[item].EveryEmbed(_sameCard))
        {
            return null;
        }

        _bodies[item] = known;
        return known.Html;
    }

    /// <summary>The pages of the last render that are no longer planned; null until <see cref="Select"/> ran.</summary>
    public IReadOnlySet<string>? Removed { get; private set; }

    /// <summary>How long <see cref="Select"/> took (for the stage timings).</summary>
    public TimeSpan SelectTime { get; private set; }

    public RawHtml Card(Exercise exercise, ScriptObject globals, Func<RenderTrace?, RawHtml> render)
    {
        var kept = _previous.Cards.TryGetValue(exercise.Slug, out var known);
        if (kept && (Unchanged(known.Trace, globals) || Replays(known.Trace, globals)))
        {
            lock (_writes)
            {
                _cards[exercise.Slug] = known;
            }

            return known.Html;
        }

        var trace = new RenderTrace();
        var html = render(trace);
        lock (_writes)
        {
            _cards[exercise.Slug] = (html, trace.Seal(_codes));
        }

        if (ViewKept(exercise) && (!kept || known.Html != html))
        {
            _touched = true;
        }

        return html;
    }

    public RawHtml Body(ContentItem item, MarkdownDocument tree, IReadOnlyDictionary<MarkdownObject, string> parts, Func<RawHtml> render)
    {
        var reusable = _previous.Bodies.TryGetValue(item, out var known)
            && _previous.Links.TryGetValue(item, out var linked) && linked.SameAs(_links[item])
            && known.Parts.Count == parts.Count
            && parts.All(e => known.Parts.TryGetValue(e.Key, out var html) && html == e.Value);
        // Kept packed: only the render of the body's own page reads it (and a comparison, byte for byte).
        var body = reusable ? known.Html : render().Packed();
        if (!reusable && ViewKept(item) && (known.Html is null || known.Html != body))
        {
            _touched = true;
        }

        // A tree let go at load (ContentLoader) is parsed again for each render: the parts are kept by its nodes,
        // and a tree parsed again has other nodes, so they could never be compared again (only their count, none).
        lock (_writes)
        {
            _bodies[item] = (body, item.BodyReleased ? NoParts : parts);
        }

        return body;
    }

    public IReadOnlyList<bool> Select(IReadOnlyList<PageJob> jobs)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var render = new bool[jobs.Count];
        var kept = new RenderTrace?[jobs.Count];
        var sameObjects = new bool[jobs.Count];
        // How many of the last render's pages are planned again (each counted once, by its trace): all of them, and none is removed.
        var round = Interlocked.Increment(ref s_rounds);
        var found = 0;
        // Decided in parallel (a replay may take a while), recorded in one pass after: written from every page at
        // once, the tables' locks were most of this step's time on a large, busy machine.
        Parallel.For(0, jobs.Count, i =>
        {
            var job = jobs[i];
            var path = job.Meta.OutputPath;
            if (!_previous.Pages.TryGetValue(path, out var trace))
            {
                render[i] = true;
                return;
            }

            if (Interlocked.Exchange(ref trace.PlannedIn, round) != round)
            {
                Interlocked.Increment(ref found);
            }

            if (!_touched && SameAsBefore(job))
            {
                Interlocked.Increment(ref _keptAsPlanned);
                kept[i] = trace;
                sameObjects[i] = true;
            }
            else if (!_touched && Unchanged(trace, job.Globals))
            {
                kept[i] = trace;
                sameObjects[i] = true;
            }
            else if (Replayed(path, trace, job.Globals))
            {
                kept[i] = trace;
            }
            else
            {
                render[i] = true;
            }
        });
        for (var i = 0; i < jobs.Count; i++)
        {
            var job = jobs[i];
            if (job.Subject is { } subject)
            {
                _jobs[subject] = new KeptJob(job.Kept as JobSeed ?? JobSeed.Of(job, subject), render[i], sameObjects[i]);
            }
            else
            {
                _pageMetas[job.Meta.OutputPath] = job.Meta;
            }

            if (kept[i] is { } trace)
            {
                _pages[job.Meta.OutputPath] = trace;
            }
        }

        // Planned: the pages kept (now in _pages) and those to render.
        var toRender = Enumerable.Range(0, jobs.Count).Where(i => render[i]).Select(i => jobs[i].Meta.OutputPath).ToHashSet(StringComparer.Ordinal);
        // A page of the last render that is planned again is kept or rendered: when every one is, none is removed.
        Removed = found == _previous.Pages.Count ? new HashSet<string>(StringComparer.Ordinal)
            : _previous.Pages.Keys.Where(p => !_pages.ContainsKey(p) && !toRender.Contains(p)).ToHashSet(StringComparer.Ordinal);
        SelectTime = clock.Elapsed;
        return render;
    }

    public IReadOnlyDictionary<string, IReadOnlyList<LinkOrigin>> Origins(IReadOnlyList<ContentItem> items)
    {
        var lists = new IReadOnlyList<LinkOrigin>[items.Count];
        for (var i = 0; i < items.Count; i++)
        {
            lists[i] = _links[items[i]].Origins;
        }

        // The last table, copied (no path hashed again), with the entries of the items that are new objects or whose origins
        // differ written again: while the items are as many, in the same order and each at the output path of the last one in
        // its place, the table has the same keys, and each value is the one of the item at that key.
        Dictionary<string, IReadOnlyList<LinkOrigin>>? table = null;
        if (_previous.Origins is { } last && last.Items.Count == items.Count)
        {
            table = new Dictionary<string, IReadOnlyList<LinkOrigin>>((IDictionary<string, IReadOnlyList<LinkOrigin>>)last.ByPath, StringComparer.Ordinal);
            for (var i = 0; i < items.Count && table is not null; i++)
            {
                var item = items[i];
                if (ReferenceEquals(item, last.Items[i]) && ReferenceEquals(lists[i], last.Lists[i]))
                {
                    continue;
                }

                if (!string.Equals(item.OutputPath, last.Items[i].OutputPath, StringComparison.Ordinal))
                {
                    table = null;
                    break;
                }

                table[item.OutputPath] = lists[i];
            }
        }

        if (table is null)
        {
            table = new Dictionary<string, IReadOnlyList<LinkOrigin>>(items.Count, StringComparer.Ordinal);
            for (var i = 0; i < items.Count; i++)
            {
                table.Add(items[i].OutputPath, lists[i]);
            }
        }

        _origins = (items, lists, table);
        return table;
    }

    public RenderTrace Trace(PageJob job)
    {
        var trace = new RenderTrace();
        lock (_writes)
        {
            _pages[job.Meta.OutputPath] = trace;
        }

        _traced.Add(trace);
        return trace;
    }

    /// <summary>
    /// A page's render has ended: its trace is sealed now, not when the whole render ends, so that what only recording
    /// needs (the trace's tables of the objects it saw and the members it read, its reads' spare capacity) goes with
    /// the page. On the first build of a large site every page's trace held them until the end (docs/serve.md, "Session 11").
    /// </summary>
    public void Rendered(string outputPath)
    {
        RenderTrace? trace;
        lock (_writes)
        {
            trace = _pages.GetValueOrDefault(outputPath);
        }

        trace?.Seal(_codes);
    }

    /// <summary>The state to keep once this render succeeded (its tables as they are: nothing writes them after this).</summary>
    public RenderState Commit()
    {
        foreach (var trace in _traced)
        {
            trace.Seal(_codes);
        }

        return new RenderState(_bodies, _links, _cards, _pages, _templates)
        {
            // The table of the traces' codes, with only those of the traces kept now.
            Codes = RenderTrace.Codes.Of(_pages.Values.Concat(_cards.Values.Select(c => c.Item2))),
            Views = _views, Jobs = _jobs, PageMetas = _pageMetas, SitePages = _sitePages, SiteGlobals = _siteGlobals, ExerciseViews = _exerciseViews, TagCounts = _tagCounts,
            Origins = _origins,
        };
    }

    private bool Replayed(string path, RenderTrace trace, ScriptObject globals)
    {
        _replayed[path] = 0;
        return Replays(trace, globals);
    }

    private bool Replays(RenderTrace trace, ScriptObject globals) => trace.Replays(_siteGlobals, globals, _changedTemplates, _replay.Value!);

    /// <summary>
    /// True when a render began with the very objects it would begin with now, which are the ones kept with the
    /// views (<see cref="View"/>): made from the same files, and their bodies and cards the same (else
    /// <see cref="_touched"/>), so every read would give what it gave, without replaying the trace.
    /// </summary>
    private bool Unchanged(RenderTrace trace, ScriptObject globals) => _keepViews && trace.SameGlobals(_siteGlobals, globals, _changedTemplates);

    /// <summary>
    /// True when <paramref name="job"/> was made again (by <see cref="Job"/>, so its values are as planned) from the seed of
    /// the job that the last render kept because it began with the same objects as its trace, which is the trace kept now,
    /// with the same site values: <see cref="Unchanged"/> would compare the same objects again (the caller checks <see cref="_touched"/>).
    /// </summary>
    private bool SameAsBefore(PageJob job) =>
        _keepViews && job.Subject is { } subject && job.Kept is JobSeed seed && ReferenceEquals(_siteGlobals, _previous.SiteGlobals)
        && _previous.Jobs.TryGetValue(subject, out var before) && ReferenceEquals(before.Seed, seed) && before.SameObjects;
}
