using BackCareSite.Serve;

namespace BackCareSite.Tests.Serve;

public sealed class DependencyTrackerTests
{
    private static readonly Dictionary<string, IReadOnlySet<string>> Site = new(StringComparer.Ordinal)
    {
        ["index.html"] = Keys("site", "template:home.html", "template:layouts/base.html", "item:/articles/a/", "item:/exercises/e/"),
        ["articles/a/index.html"] = Keys("site", "template:article.html", "template:partials/review.html", "template:layouts/base.html", "item:/articles/a/", "item:/exercises/e/"),
        ["articles/b/index.html"] = Keys("site", "template:article.html", "template:partials/review.html", "template:layouts/base.html", "item:/articles/b/"),
        ["articles/index.html"] = Keys("site", "template:articles.html", "template:layouts/base.html", "item:/articles/a/", "item:/articles/b/"),
        ["tags/walking/index.html"] = Keys("site", "template:tag.html", "template:layouts/base.html", "item:/articles/b/"),
        ["exercises/e/index.html"] = Keys("site", "template:exercise.html", "template:partials/review.html", "template:layouts/base.html", "item:/exercises/e/"),
    };

    private static IReadOnlySet<string> Keys(params string[] keys) => keys.ToHashSet(StringComparer.Ordinal);

    private static string[] Affected(IReadOnlyDictionary<string, IReadOnlySet<string>> after, params string[] changed) =>
        DependencyTracker.Affected(Site, after, Keys(changed)).Render.Order(StringComparer.Ordinal).ToArray();

    [Fact]
    public void AnArticleEditAffectsItsPageAndThePagesListingIt()
    {
        Assert.Equal(["articles/b/index.html", "articles/index.html", "tags/walking/index.html"], Affected(Site, "item:/articles/b/"));
    }

    [Fact]
    public void ATemplateEditAffectsThePagesUsingIt()
    {
        Assert.Equal(["articles/a/index.html", "articles/b/index.html"], Affected(Site, "template:article.html"));
    }

    [Fact]
    public void APartialEditAffectsEveryTemplateIncludingIt()
    {
        Assert.Equal(["articles/a/index.html", "articles/b/index.html", "exercises/e/index.html"], Affected(Site, "template:partials/review.html"));
    }

    [Fact]
    public void ASiteSettingsEditAffectsEveryPage()
    {
        Assert.Equal(Site.Keys.Order(StringComparer.Ordinal), Affected(Site, "site"));
    }

    [Fact]
    public void AnAddedFileAddsItsPageAndChangesTheListsThatNowShowIt()
    {
        var after = new Dictionary<string, IReadOnlySet<string>>(Site, StringComparer.Ordinal)
        {
            ["articles/c/index.html"] = Keys("site", "template:article.html", "template:layouts/base.html", "item:/articles/c/"),
            ["articles/index.html"] = Keys("site", "template:articles.html", "template:layouts/base.html", "item:/articles/a/", "item:/articles/b/", "item:/articles/c/"),
        };

        var result = DependencyTracker.Affected(Site, after, Keys("item:/articles/c/"));

        Assert.Equal(["articles/c/index.html", "articles/index.html"], result.Render.Order(StringComparer.Ordinal));
        Assert.Empty(result.Removed);
    }

    [Fact]
    public void ADeletedFileRemovesItsPageAndChangesTheListsThatShowedIt()
    {
        var after = new Dictionary<string, IReadOnlySet<string>>(Site, StringComparer.Ordinal)
        {
            ["articles/index.html"] = Keys("site", "template:articles.html", "template:layouts/base.html", "item:/articles/a/"),
            ["tags/walking/index.html"] = Keys("site", "template:tag.html", "template:layouts/base.html"),
        };
        after.Remove("articles/b/index.html");

        var result = DependencyTracker.Affected(Site, after, Keys("item:/articles/b/"));

        Assert.Equal(["articles/index.html", "tags/walking/index.html"], result.Render.Order(StringComparer.Ordinal));
        Assert.Equal(["articles/b/index.html"], result.Removed);
    }

    [Fact]
    public void ChangedKeysAreThoseWithANewVersionOrOnOneSideOnly()
    {
        var before = new Dictionary<string, ulong> { ["a"] = 1, ["b"] = 2, ["gone"] = 3 };
        var after = new Dictionary<string, ulong> { ["a"] = 1, ["b"] = 5, ["new"] = 4 };

        Assert.Equal(["b", "gone", "new"], DependencyTracker.ChangedKeys(before, after).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void TemplateIncludesAreFollowedToTheEnd()
    {
        var graph = TemplateGraph.FromTexts(new Dictionary<string, string>
        {
            ["article.html"] = "<p>Articles include {{ include 'partials/review.html' }}</p>",
            ["partials/review.html"] = "{{ include \"partials/date.html\" }}",
            ["partials/date.html"] = "{{ date }}",
            ["home.html"] = "{{ include name }}",
            ["tag.html"] = "<p>include this text</p>",
        });

        Assert.Equal(["article.html", "partials/date.html", "partials/review.html"], graph.Closure("article.html").Order(StringComparer.Ordinal));
        Assert.Equal(5, graph.Closure("home.html").Count);
        Assert.Equal(["tag.html"], graph.Closure("tag.html"));
    }
}
