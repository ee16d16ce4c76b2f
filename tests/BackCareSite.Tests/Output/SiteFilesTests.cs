using System.Xml.Linq;
using BackCareSite.Tests.Support;

namespace BackCareSite.Tests.Output;

/// <summary>sitemap.xml, the Atom feed and robots.txt of the built sample site.</summary>
public sealed class SiteFilesTests(SampleSite site) : IClassFixture<SampleSite>
{
    private static readonly XNamespace Sitemap = "http://www.sitemaps.org/schemas/sitemap/0.9";
    private static readonly XNamespace Atom = "http://www.w3.org/2005/Atom";

    [Fact]
    public void SitemapIsValidXmlListingEveryPageButThe404ByAbsoluteUrl()
    {
        var doc = XDocument.Parse(site.Read("sitemap.xml"));
        var locs = doc.Root!.Elements(Sitemap + "url").Select(u => u.Element(Sitemap + "loc")!.Value).ToList();

        var expected = site.HtmlFiles().Where(f => f != "404.html")
            .Select(f => SampleSite.BaseUrl + (f == "index.html" ? "" : f[..^"index.html".Length]))
            .Order(StringComparer.Ordinal);
        Assert.Equal(expected, locs.Order(StringComparer.Ordinal));
        Assert.All(locs, l => Assert.True(Uri.TryCreate(l, UriKind.Absolute, out _), l));
        Assert.DoesNotContain(locs, l => l.Contains("404", StringComparison.Ordinal));
    }

    [Fact]
    public void SitemapGivesArticlesTheirLastChange()
    {
        var doc = XDocument.Parse(site.Read("sitemap.xml"));
        var entry = doc.Root!.Elements(Sitemap + "url")
            .Single(u => u.Element(Sitemap + "loc")!.Value == SampleSite.BaseUrl + "articles/staying-active-with-back-pain/");

        Assert.Equal("2026-11-02", entry.Element(Sitemap + "lastmod")?.Value);
    }

    [Fact]
    public void FeedIsAValidAtomFeedOfEveryArticleNewestFirstWithAbsoluteUrls()
    {
        var feed = XDocument.Parse(site.Read("feed.xml")).Root!;

        Assert.Equal(Atom + "feed", feed.Name);
        Assert.Equal(SampleSite.BaseUrl + "feed.xml", feed.Elements(Atom + "link").Single(l => (string?)l.Attribute("rel") == "self").Attribute("href")!.Value);
        Assert.Equal("2026-11-16T00:00:00Z", feed.Element(Atom + "updated")?.Value);
        var entries = feed.Elements(Atom + "entry").ToList();
        Assert.Equal(
            ["what-physiotherapy-involves", "when-to-see-a-physiotherapist", "exercising-safely", "staying-active-with-back-pain"],
            entries.Select(e => e.Element(Atom + "id")!.Value.Split('/')[^2]));
        foreach (var entry in entries)
        {
            var id = entry.Element(Atom + "id")!.Value;
            Assert.StartsWith(SampleSite.BaseUrl + "articles/", id);
            Assert.Equal(id, entry.Element(Atom + "link")!.Attribute("href")!.Value);
            Assert.False(string.IsNullOrWhiteSpace(entry.Element(Atom + "title")?.Value));
            Assert.False(string.IsNullOrWhiteSpace(entry.Element(Atom + "summary")?.Value));
            Assert.True(DateTimeOffset.TryParse(entry.Element(Atom + "updated")?.Value, out _));
        }
    }

    [Fact]
    public void RobotsTxtNamesTheSitemap()
    {
        var robots = site.Read("robots.txt");

        Assert.Contains("User-agent: *", robots);
        Assert.Contains($"Sitemap: {SampleSite.BaseUrl}sitemap.xml\n", robots);
    }

    [Fact]
    public void SiteFilesFollowTheBaseUrlOption()
    {
        using var temp = new TempSite().Article("first", "tags:\n  - walking\n");

        temp.Build(baseUrl: "https://example.org/clinic/").Succeeded();

        Assert.Contains("Sitemap: https://example.org/clinic/sitemap.xml", temp.Read("robots.txt"));
        Assert.Contains("<loc>https://example.org/clinic/articles/first/</loc>", temp.Read("sitemap.xml"));
        Assert.Contains("<id>https://example.org/clinic/articles/first/</id>", temp.Read("feed.xml"));
        Assert.Contains("href=\"/clinic/assets/site.", temp.Read("articles/first/index.html"));
    }
}
