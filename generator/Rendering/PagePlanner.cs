using BackCareSite.Content;
using Scriban.Runtime;

namespace BackCareSite.Rendering;

/// <summary>One page to render: its template, its metadata and the values the template sees.</summary>
internal sealed record PageJob(string Template, PageMeta Meta, ScriptObject Globals);

/// <summary>
/// Lists every page of the site with the template and values it is rendered
/// with: home, article and exercise pages, the paginated article index, the
/// exercise index, tag pages, static pages, the red-flag checker and 404.
/// List pages reuse the views (and cards) built once; nothing is rendered twice.
/// </summary>
internal sealed class PagePlanner(SiteContent content, SiteUrls urls, ViewFactory views, IReadOnlyDictionary<string, int> tagCounts)
{
    public const int HomeArticleCount = 6;
    public const int HomeExerciseCount = 3;

    public IReadOnlyList<PageJob> Plan(IReadOnlyList<ArticleView> articles, IReadOnlyDictionary<string, ExerciseView> exercises, IReadOnlyList<PageView> pages)
    {
        var settings = content.Settings;
        var jobs = new List<PageJob>();
        var exerciseList = content.Exercises.Select(e => exercises[e.Slug]).ToList();

        var featured = settings.FeaturedExercises.Count > 0
            ? settings.FeaturedExercises.Select(f => exercises[f.Value]).ToList()
            : exerciseList.Take(HomeExerciseCount).ToList();
        jobs.Add(Job("home.html", settings.Title, settings.Disclaimer, "/", "home",
            ("articles", articles.Take(HomeArticleCount).ToList()), ("exercises", featured), ("article_count", articles.Count), ("exercise_count", exerciseList.Count)));

        foreach (var article in articles)
        {
            jobs.Add(Job("article.html", article.Title, article.Description, $"/articles/{article.Slug}/", "article", ("article", article)));
        }

        var perPage = settings.ArticlesPerPage;
        var totalPages = Math.Max(1, (articles.Count + perPage - 1) / perPage);
        var pageLinks = Enumerable.Range(1, totalPages).Select(n => new LinkView(n.ToString(System.Globalization.CultureInfo.InvariantCulture), urls.Local(IndexPath(n)))).ToList();
        for (var n = 1; n <= totalPages; n++)
        {
            var pagination = new PaginationView(n, totalPages,
                n > 1 ? urls.Local(IndexPath(n - 1)) : null,
                n < totalPages ? urls.Local(IndexPath(n + 1)) : null,
                pageLinks);
            var title = n == 1 ? "Articles" : $"Articles, page {n} of {totalPages}";
            jobs.Add(Job("articles.html", title, $"Articles on back care from {settings.ClinicName}.", IndexPath(n), "article-index",
                ("articles", articles.Skip((n - 1) * perPage).Take(perPage).ToList()), ("pagination", pagination)));
        }

        foreach (var exercise in exerciseList)
        {
            jobs.Add(Job("exercise.html", exercise.Title, exercise.Description, $"/exercises/{exercise.Slug}/", "exercise", ("exercise", exercise)));
        }

        var groups = new[] { ("gentle", "Gentle"), ("moderate", "Moderate"), ("challenging", "Challenging") }
            .Select(d => new DifficultyGroup(d.Item1, d.Item2, exerciseList.Where(e => e.Difficulty == d.Item1).ToList()))
            .Where(g => g.Exercises.Count > 0)
            .ToList();
        jobs.Add(Job("exercises.html", "Exercises", $"Exercise guides from {settings.ClinicName}, grouped by difficulty.", "/exercises/", "exercise-index",
            ("exercises", exerciseList), ("groups", groups)));

        var tags = tagCounts.Keys.Order(StringComparer.Ordinal).Select(t => views.Tag(t, tagCounts[t])).ToList();
        jobs.Add(Job("tags.html", "Topics", $"Every topic on {settings.Title}.", "/tags/", "tag-index", ("tags", tags)));
        var byTag = articles.SelectMany(a => a.Tags.Select(t => (Tag: t.Name, Article: a)))
            .GroupBy(x => x.Tag, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Select(x => x.Article).ToList(), StringComparer.Ordinal);
        foreach (var tag in tags)
        {
            jobs.Add(Job("tag.html", $"Topic: {tag.Name}", $"Articles about {tag.Name.Replace('-', ' ')}.", $"/tags/{tag.Name}/", "tag",
                ("tag", tag), ("articles", byTag[tag.Name])));
        }

        foreach (var page in pages)
        {
            jobs.Add(Job("page.html", page.Title, page.Description, $"/{page.Slug}/", "page", ("page_content", page)));
        }

        jobs.Add(Job("red-flags.html", "Red-flag checker", "Back pain warning signs: tick any that apply and see how urgently to get help.", "/red-flags/", "red-flags"));
        var notFound = Job("404.html", "Page not found", "The page you asked for is not here.", "/404.html", "not-found");
        jobs.Add(notFound with { Meta = notFound.Meta with { NoIndex = true } });
        return jobs;
    }

    private static string IndexPath(int n) => n == 1 ? "/articles/" : $"/articles/page/{n}/";

    private PageJob Job(string template, string title, string description, string sitePath, string kind, params (string Name, object? Value)[] values)
    {
        var meta = new PageMeta(title, description, urls.Local(sitePath), urls.Absolute(sitePath), kind, SiteRenderer.OutputPathOf(sitePath));
        var globals = SiteRenderer.Globals(values);
        globals.SetValue("page", meta, readOnly: false);
        return new PageJob(template, meta, globals);
    }
}
