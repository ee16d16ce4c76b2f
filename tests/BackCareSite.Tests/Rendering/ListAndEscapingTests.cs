using System.Text.Json;
using AngleSharp.Html.Parser;
using BackCareSite.Tests.Support;

namespace BackCareSite.Tests.Rendering;

/// <summary>Pagination of the article index, and JSON-LD that no content can break out of.</summary>
public sealed class ListAndEscapingTests
{
    [Fact]
    public void ArticleIndexIsPaginatedWithLinksBetweenPages()
    {
        using var site = new TempSite();
        site.Write("site.yml", TempSite.SiteYml + "\narticles_per_page: 2\n");
        for (var i = 1; i <= 5; i++)
        {
            site.Article($"article-{i}", body: $"Text {i}.");
        }

        site.Build().Succeeded();

        Assert.True(site.Exists("articles/page/2/index.html"));
        Assert.True(site.Exists("articles/page/3/index.html"));
        Assert.False(site.Exists("articles/page/4/index.html"));
        var middle = new HtmlParser().ParseDocument(site.Read("articles/page/2/index.html"));
        Assert.Equal("/articles/", middle.QuerySelector("a[rel=prev]")?.GetAttribute("href"));
        Assert.Equal("/articles/page/3/", middle.QuerySelector("a[rel=next]")?.GetAttribute("href"));
        Assert.Equal("/articles/page/2/", middle.QuerySelector(".pagination a[aria-current=page]")?.GetAttribute("href"));
        Assert.Equal(2, middle.QuerySelectorAll("main .summaries > li").Length);
        Assert.Equal("https://clinic.example/articles/page/2/", middle.QuerySelector("link[rel=canonical]")?.GetAttribute("href"));
        Assert.Equal("Articles, page 2 of 3 | Test Clinic", middle.Title);
    }

    [Fact]
    public void ALongIndexLinksTheFirstAndLastPagesAndTheNeighboursOnly()
    {
        using var site = new TempSite().Write("site.yml", TempSite.SiteYml + "\narticles_per_page: 1\n");
        for (var i = 1; i <= 12; i++)
        {
            site.Article($"article-{i}", body: $"Text {i}.");
        }

        site.Build().Succeeded();

        string[] Entries(string path) => new HtmlParser().ParseDocument(site.Read(path))
            .QuerySelectorAll(".pagination li:not(:has(a[rel]))").Select(li => li.TextContent.Replace("Page ", "", StringComparison.Ordinal)).ToArray();
        Assert.Equal(["1", "2", "3", "…", "12"], Entries("articles/index.html"));
        Assert.Equal(["1", "…", "4", "5", "6", "7", "8", "…", "12"], Entries("articles/page/6/index.html"));
        Assert.Equal(["1", "…", "10", "11", "12"], Entries("articles/page/12/index.html"));
        var gap = new HtmlParser().ParseDocument(site.Read("articles/page/6/index.html")).QuerySelector(".pagination li.gap");
        Assert.Equal("true", gap?.GetAttribute("aria-hidden"));
    }

    [Fact]
    public void SinglePageIndexHasNoPagination()
    {
        using var site = new TempSite().Article("only");

        site.Build().Succeeded();

        Assert.Null(new HtmlParser().ParseDocument(site.Read("articles/index.html")).QuerySelector(".pagination"));
    }

    [Fact]
    public void JsonLdEscapesMarkupSoATitleCannotCloseTheScript()
    {
        using var site = new TempSite().Article("odd", title: "</script><script>alert(1)</script> & more");

        site.Build().Succeeded();

        var html = site.Read("articles/odd/index.html");
        var start = html.IndexOf("<script type=\"application/ld+json\">", StringComparison.Ordinal);
        var end = html.IndexOf("</script>", start, StringComparison.Ordinal);
        var json = html[(start + "<script type=\"application/ld+json\">".Length)..end];
        Assert.DoesNotContain("<", json);
        Assert.Contains("\\u003C/script\\u003E", json);
        using var parsed = JsonDocument.Parse(json);
        var page = parsed.RootElement.GetProperty("@graph").EnumerateArray().First(n => n.GetProperty("@type").GetString() == "MedicalWebPage");
        Assert.Equal("</script><script>alert(1)</script> & more", page.GetProperty("headline").GetString());
    }

    [Fact]
    public void ExerciseCardShowsVideosAsLinksThatLoadNothingFromTheHost()
    {
        using var site = new TempSite().Exercise("knee-rolls",
            "videos:\n  - title: Knee rolls, step by step\n    url: https://www.youtube.com/watch?v=abc123\nsuitable_in_pregnancy: false\nreps: 8\neach_side: true\n");

        site.Build().Succeeded();

        var doc = new HtmlParser().ParseDocument(site.Read("exercises/knee-rolls/index.html"));
        var card = doc.QuerySelector("main")!;
        Assert.Equal("https://www.youtube.com/watch?v=abc123", card.QuerySelector(".video a")?.GetAttribute("href"));
        Assert.Empty(doc.QuerySelectorAll("iframe, video, main script"));
        Assert.Contains("8 on each side", card.TextContent);
        Assert.Contains("Not advised", card.TextContent);
        var index = new HtmlParser().ParseDocument(site.Read("exercises/index.html"));
        Assert.Equal("no", index.QuerySelector(".exercise-card")!.GetAttribute("data-pregnancy"));
    }

    [Fact]
    public void SortsStartingPositionsIntoFilterKinds()
    {
        Assert.Equal("lying", BackCareSite.Rendering.PositionKinds.Of("Lie on your back with knees bent."));
        Assert.Equal("water", BackCareSite.Rendering.PositionKinds.Of("Standing in the shallow end of a pool."));
        Assert.Equal("sitting", BackCareSite.Rendering.PositionKinds.Of("Sit on a firm chair."));
        Assert.Equal("kneeling", BackCareSite.Rendering.PositionKinds.Of("On all fours, hands under shoulders."));
        Assert.Equal("standing", BackCareSite.Rendering.PositionKinds.Of("Standing tall."));
        Assert.Equal("other", BackCareSite.Rendering.PositionKinds.Of("Anywhere comfortable."));
    }
}
