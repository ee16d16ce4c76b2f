using BackCareSite.Content;
using BackCareSite.Pictures;
using Scriban.Runtime;

namespace BackCareSite.Rendering;

/// <summary>One page to render: its template, its metadata and the values the template sees.</summary>
internal sealed record PageJob(string Template, PageMeta Meta, ScriptObject Globals)
{
    /// <summary>The view of the item this page shows in full (an article, exercise or page), whose body it alone shows.</summary>
    public object? Subject { get; init; }

    /// <summary>
    /// When the plan deferred it (<see cref="PagePlanner"/>'s <c>deferMeta</c>), what completes <see cref="Meta"/>
    /// (its Open Graph values, dates and JSON-LD) just before the page is rendered; null when <see cref="Meta"/> is complete.
    /// </summary>
    public Func<PageMeta, PageMeta>? Finish { get; init; }

    /// <summary>
    /// <c>serve</c>: what the preview kept of this job when it was planned before (its template, metadata and the name its
    /// subject has), when the job is made again from that; the same object while the page's job is made again from it.
    /// </summary>
    public object? Kept { get; init; }
}

/// <summary>
/// Lists every page of the site with the template and values it is rendered
/// with: home, article and exercise pages, the paginated article index, the
/// exercise index, tag pages, static pages, the red-flag checker and 404.
/// List pages reuse the views (and cards) built once; nothing is rendered twice.
/// Each page's metadata (canonical URL, Open Graph, JSON-LD) is prepared here.
/// </summary>
/// <param name="deferMeta">
/// A one-off build: each page's metadata is completed (<see cref="PageJob.Finish"/>) when the page is rendered, so the
/// JSON-LD of every page (about 3 KB each in memory) is not made at once and held until its page is rendered.
/// </param>
internal sealed class PagePlanner(SiteContent content, SiteUrls urls, ViewFactory views, IReadOnlyDictionary<string, int> tagCounts, SocialCards cards, bool deferMeta = false)
{
    public const int HomeArticleCount = 6;
    public const int HomeExerciseCount = 3;

    private readonly JsonLd _jsonLd = new(content.Settings, urls);

    // serve keeps every page's metadata between rebuilds (and its trace the JSON-LD the page read): held packed.
    private bool _packJsonLd;

    /// <param name="kept">The metadata of an item's page planned before from the same view (<c>serve</c>), or null to plan it.</param>
    public IReadOnlyList<PageJob> Plan(IReadOnlyList<ArticleView> articles, IReadOnlyDictionary<string, ExerciseView> exercises, IReadOnlyList<PageView> pages,
        Func<object, PageMeta?>? kept = null) =>
        PlanLazily(articles, exercises, pages, kept).Select(make => make()).ToList();

    /// <summary>
    /// Every page of the site in the order of <see cref="Plan"/>, each as what makes its job (its metadata and values)
    /// when called: a build makes each job just before its page is rendered, so the jobs of the whole site are never
    /// in memory at once. Each may be called from any thread, and makes the same job whenever it is called.
    /// </summary>
    /// <param name="keptJob">The job planned before for an item's page from the same view and not rendered since (<c>serve</c>), or null to make one.</param>
    /// <param name="keptPageMeta">
    /// For a page that shows no item (home, lists, tags, search, 404): given its metadata before its JSON-LD is made, the complete
    /// metadata planned before from equal metadata and the same settings (<c>serve</c>), or null to complete it.
    /// </param>
    public IReadOnlyList<Func<PageJob>> PlanLazily(IReadOnlyList<ArticleView> articles, IReadOnlyDictionary<string, ExerciseView> exercises, IReadOnlyList<PageView> pages,
        Func<object, PageMeta?>? kept = null, Func<object, PageJob?>? keptJob = null, Func<PageMeta, PageMeta?>? keptPageMeta = null)
    {
        _packJsonLd = kept is not null;
        _keptPageMeta = keptPageMeta;
        // The page of an item (article, exercise, static page): its kept job, its kept metadata with new values, or planned.
        PageJob ItemJob(string template, string name, object view, Func<PageJob> plan)
        {
            if (keptJob?.Invoke(view) is { } job)
            {
                return job;
            }

            if (kept?.Invoke(view) is not { } meta)
            {
                // An item's JSON-LD reads its view, not only its metadata: always made.
                return plan() with { Subject = view };
            }

            var globals = SiteRenderer.Globals((name, view));
            globals.SetValue("page", meta, readOnly: false);
            return new PageJob(template, meta, globals) { Subject = view };
        }

        var settings = content.Settings;
        var jobs = new List<Func<PageJob>>();
        var exerciseList = content.Exercises.Select(e => exercises[e.Slug]).ToList();

        var featured = settings.FeaturedExercises.Count > 0
            ? settings.FeaturedExercises.Select(f => exercises[f.Value]).ToList()
            : exerciseList.Take(HomeExerciseCount).ToList();
        jobs.Add(() => Job("home.html", settings.Title, settings.Disclaimer, "/", "home", m => m with { JsonLd = _jsonLd.Home(m) },
            ("articles", articles.Take(HomeArticleCount).ToList()), ("exercises", featured), ("article_count", articles.Count), ("exercise_count", exerciseList.Count)));

        foreach (var article in articles)
        {
            jobs.Add(() => ItemJob("article.html", "article", article, () => ItemPage("article.html", article.Title, article.Description, $"/articles/{article.Slug}/", (article.Url, article.OutputPath), "article",
                m =>
                {
                    var meta = m with { OgType = "article", ImageUrl = article.Image?.AbsoluteUrl, LastModified = article.LastChanged, Card = Card(article.Image) };
                    return meta with { JsonLd = _jsonLd.Article(meta, article) };
                },
                ("article", article))));
        }

        var perPage = settings.ArticlesPerPage;
        var totalPages = Math.Max(1, (articles.Count + perPage - 1) / perPage);
        for (var number = 1; number <= totalPages; number++)
        {
            var n = number;
            jobs.Add(() =>
            {
                var pagination = new PaginationView(n, totalPages,
                    n > 1 ? urls.Local(IndexPath(n - 1)) : null,
                    n < totalPages ? urls.Local(IndexPath(n + 1)) : null,
                    PageWindow(n, totalPages));
                var title = n == 1 ? "Articles" : $"Articles, page {n} of {totalPages}";
                var description = n == 1
                    ? $"Articles on back care from {settings.ClinicName}."
                    : $"Articles on back care from {settings.ClinicName}, page {n} of {totalPages}.";
                return Job("articles.html", title, description, IndexPath(n), "article-index", m => m with { JsonLd = _jsonLd.WebPage(m, "CollectionPage") },
                    ("articles", articles.Skip((n - 1) * perPage).Take(perPage).ToList()), ("pagination", pagination));
            });
        }

        foreach (var exercise in exerciseList)
        {
            jobs.Add(() => ItemJob("exercise.html", "exercise", exercise, () => ItemPage("exercise.html", exercise.Title, exercise.Description, $"/exercises/{exercise.Slug}/", (exercise.Url, exercise.OutputPath), "exercise",
                m =>
                {
                    var meta = m with { OgType = "article", ImageUrl = exercise.Image?.AbsoluteUrl, LastModified = exercise.Review?.ReviewedOn, Card = Card(exercise.Image) };
                    return meta with { JsonLd = _jsonLd.Exercise(meta, exercise) };
                },
                ("exercise", exercise))));
        }

        var groups = new[] { ("gentle", "Gentle"), ("moderate", "Moderate"), ("challenging", "Challenging") }
            .Select(d => new DifficultyGroup(d.Item1, d.Item2, exerciseList.Where(e => e.Difficulty == d.Item1).ToList()))
            .Where(g => g.Exercises.Count > 0)
            .ToList();
        jobs.Add(() => Job("exercises.html", "Exercises", $"Exercise guides from {settings.ClinicName}, grouped by difficulty.", "/exercises/", "exercise-index",
            m => m with { JsonLd = _jsonLd.WebPage(m, "CollectionPage") },
            ("exercises", exerciseList), ("groups", groups), ("filters", Filters(exerciseList, groups))));

        var tags = tagCounts.Keys.Order(StringComparer.Ordinal).Select(t => views.Tag(t, tagCounts[t])).ToList();
        jobs.Add(() => Job("tags.html", "Topics", $"Every topic on {settings.Title}.", "/tags/", "tag-index", m => m with { JsonLd = _jsonLd.WebPage(m, "CollectionPage") },
            ("tags", tags)));
        // Each tag's articles in the articles' order (a loop: serve plans every page at every rebuild).
        var byTag = new Dictionary<string, List<ArticleView>>(StringComparer.Ordinal);
        foreach (var article in articles)
        {
            foreach (var tag in article.Tags)
            {
                if (!byTag.TryGetValue(tag.Name, out var tagged))
                {
                    byTag[tag.Name] = tagged = [];
                }

                tagged.Add(article);
            }
        }

        foreach (var tag in tags)
        {
            jobs.Add(() => Job("tag.html", $"Topic: {tag.Name.Replace('-', ' ')}", $"Articles about {tag.Name.Replace('-', ' ')} from {settings.ClinicName}.", $"/tags/{tag.Name}/", "tag",
                m => m with { JsonLd = _jsonLd.WebPage(m, "CollectionPage") },
                ("tag", tag), ("articles", byTag[tag.Name])));
        }

        foreach (var page in pages)
        {
            var type = page.Layout switch { PageLayouts.About => "AboutPage", PageLayouts.Contact => "ContactPage", _ => "WebPage" };
            jobs.Add(() => ItemJob("page.html", "page_content", page, () => ItemPage("page.html", page.Title, page.Description, $"/{page.Slug}/", (page.Url, page.OutputPath), "page", m => m with { JsonLd = _jsonLd.WebPage(m, type) },
                ("page_content", page))));
        }

        jobs.Add(() => Job("red-flags.html", "Red-flag checker", "Back pain warning signs: tick any that apply and see how urgently to get help.", "/red-flags/", "red-flags",
            m => m with { JsonLd = _jsonLd.WebPage(m, "MedicalWebPage") }));
        var searchFilters = SearchFilters(articles, exerciseList);
        jobs.Add(() => Job("search.html", "Search", $"Search the articles and exercises of {settings.Title}.", "/search/", "search",
            m => m with { JsonLd = _jsonLd.WebPage(m, "SearchResultsPage") },
            ("filters", searchFilters)));
        jobs.Add(() => Job("404.html", "Page not found", "The page you asked for is not here.", "/404.html", "not-found", m => m with { NoIndex = true }));
        return jobs;
    }

    /// <summary>The exercise index's filter choices, each with how many exercises it matches.</summary>
    private static ScriptObject Filters(IReadOnlyList<ExerciseView> exercises, IReadOnlyList<DifficultyGroup> groups)
    {
        var positions = PositionKinds.All
            .Select(k => new FilterOption(k.Kind, k.Title, exercises.Count(e => e.PositionKind == k.Kind)))
            .Where(o => o.Count > 0)
            .ToList();
        var pregnancy = new[] { ("yes", "Suitable in pregnancy"), ("no", "Not advised in pregnancy"), ("unknown", "Ask a physiotherapist first") }
            .Select(p => new FilterOption(p.Item1, p.Item2, exercises.Count(e => e.Pregnancy == p.Item1)))
            .Where(o => o.Count > 0)
            .ToList();
        var equipment = new List<FilterOption>();
        var none = exercises.Count(e => e.Equipment.Count == 0);
        if (none > 0)
        {
            equipment.Add(new FilterOption("none", "No equipment", none));
        }

        equipment.AddRange(exercises.SelectMany(e => e.Equipment).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)
            .Select(item => new FilterOption(item, item, exercises.Count(e => e.Equipment.Contains(item, StringComparer.Ordinal)))));
        return SiteRenderer.Globals(
            ("difficulty", groups.Select(g => new FilterOption(g.Difficulty, g.Title, g.Exercises.Count)).ToList()),
            ("position", positions), ("pregnancy", pregnancy), ("equipment", equipment));
    }

    /// <summary>
    /// The search page's filter groups, those with choices. The values are the ones the article and
    /// exercise templates give Pagefind (<c>data-pagefind-filter</c>), so a ticked box matches them.
    /// A list made here, not in the template, so the preview's render trace can follow it.
    /// </summary>
    private static List<FilterGroup> SearchFilters(IReadOnlyList<ArticleView> articles, IReadOnlyList<ExerciseView> exercises)
    {
        var published = exercises.Where(e => !e.Draft).ToList();
        var types = new[] { new FilterOption("Exercise", "Exercises", published.Count), new FilterOption("Article", "Articles", articles.Count(a => !a.Draft)) }
            .Where(o => o.Count > 0)
            .ToList();
        var difficulty = new[] { "Gentle", "Moderate", "Challenging" }
            .Select(d => new FilterOption(d, d, published.Count(e => e.DifficultyTitle == d)))
            .Where(o => o.Count > 0)
            .ToList();
        var areas = published.SelectMany(e => e.Targets).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)
            .Select(t => new FilterOption(t, t, published.Count(e => e.Targets.Contains(t, StringComparer.Ordinal))))
            .ToList();
        return new List<FilterGroup> { new("type", "Type of page", types), new("difficulty", "Exercise difficulty", difficulty), new("area", "Body area", areas) }
            .Where(g => g.Options.Count > 0)
            .ToList();
    }

    /// <summary>
    /// The numbered links of page <paramref name="page"/>: the first and last pages and two
    /// either side of this one, with gaps between. Every page stays two clicks from any other,
    /// and a page lists at most nine entries however many articles there are (listing all of
    /// them made each index page, and the whole index, grow with the square of the articles).
    /// </summary>
    internal IReadOnlyList<PageLinkView> PageWindow(int page, int totalPages)
    {
        var links = new List<PageLinkView>();
        var last = 0;
        for (var n = 1; n <= totalPages; n++)
        {
            if (n != 1 && n != totalPages && Math.Abs(n - page) > 2)
            {
                continue;
            }

            if (n > last + 1)
            {
                links.Add(new PageLinkView("…", null, Current: false, Gap: true));
            }

            links.Add(new PageLinkView(n.ToString(System.Globalization.CultureInfo.InvariantCulture), urls.Local(IndexPath(n)), n == page, Gap: false));
            last = n;
        }

        return links;
    }

    /// <summary>The page's social card: from its own image when it has one, else the site's default.</summary>
    private SocialCardView? Card(ImageView? image)
    {
        var card = cards.For(image?.MediaPath);
        if (card is null)
        {
            return null;
        }

        // One card object for the pages that show the same picture with the same text (serve keeps every page's metadata).
        var alt = image?.Alt ?? content.Settings.Title;
        return _cards.GetOrAdd((card.Fallback, alt), k => new SocialCardView(CardUrl(k.Fallback.Path), k.Fallback.Width, k.Fallback.Height, k.Alt));
    }

    private readonly System.Collections.Concurrent.ConcurrentDictionary<(PictureVariant Fallback, string Alt), SocialCardView> _cards = new();

    // Most pages show the site's default card: one copy of its address, not one per page (pages render in parallel,
    // so the last address made is kept as one object).
    private sealed record KeptUrl(string Path, string Url);

    private KeptUrl? _cardUrl;

    private string CardUrl(string path)
    {
        if (Volatile.Read(ref _cardUrl) is { } kept && kept.Path == path)
        {
            return kept.Url;
        }

        var url = urls.Absolute("/" + path);
        Volatile.Write(ref _cardUrl, new KeptUrl(path, url));
        return url;
    }

    private static string IndexPath(int n) => n == 1 ? "/articles/" : $"/articles/page/{n}/";

    private Func<PageMeta, PageMeta?>? _keptPageMeta;

    private PageJob Job(string template, string title, string description, string sitePath, string kind, Func<PageMeta, PageMeta> complete,
        params (string Name, object? Value)[] values) => Job(template, title, description, sitePath, (null, null), kind, complete, item: false, values);

    /// <param name="view">The item view's URL (made from the same site path) and output path: its strings, shared by the metadata.</param>
    private PageJob ItemPage(string template, string title, string description, string sitePath, (string Url, string? OutputPath) view, string kind,
        Func<PageMeta, PageMeta> complete, params (string Name, object? Value)[] values) =>
        Job(template, title, description, sitePath, view, kind, complete, item: true, values);

    private PageJob Job(string template, string title, string description, string sitePath, (string? Url, string? OutputPath) view, string kind,
        Func<PageMeta, PageMeta> complete, bool item, (string Name, object? Value)[] values)
    {
        // An item's page shares its view's strings (serve keeps every page's metadata: 3 MB of copies at 10,000 articles).
        var meta = new PageMeta(title, description, view.Url ?? urls.Local(sitePath), urls.Absolute(sitePath), kind,
            view.OutputPath ?? SiteRenderer.OutputPathOf(sitePath)) { Card = Card(null) };
        if (!item && _keptPageMeta?.Invoke(meta) is { } known)
        {
            // Completed from these same values before (its JSON-LD reads only them and the settings): not made and packed again.
            meta = known;
        }
        else
        {
            meta = deferMeta ? meta : complete(meta);
            if (_packJsonLd)
            {
                meta = meta with { JsonLd = meta.JsonLd.Packed() };
            }
        }

        var globals = SiteRenderer.Globals(values);
        globals.SetValue("page", meta, readOnly: false);
        return new PageJob(template, meta, globals) { Finish = deferMeta ? complete : null };
    }
}
