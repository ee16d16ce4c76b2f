using BackCareSite.Output;
using BackCareSite.Rendering;

namespace BackCareSite.Tests.Output;

/// <summary>Issue #19: what a build keeps of each page for the sitemap gives the sitemap the full records would.</summary>
public sealed class SitemapPagesTests
{
    private const string BaseUrl = "https://clinic.example/sub/";

    [Fact]
    public void The_kept_pages_give_the_same_sitemap_as_their_records()
    {
        var date = new DateView("2026-11-02", "2 November 2026");
        PageMeta[] pages =
        [
            Meta("/sub/", BaseUrl) with { LastModified = date },
            Meta("/sub/articles/été/", BaseUrl + "articles/%C3%A9t%C3%A9/") with { LastModified = date },
            Meta("/sub/404.html", BaseUrl + "404.html") with { NoIndex = true },
            Meta("/sub/tags/a&b/", BaseUrl + "tags/a&b/"),
            // A canonical URL elsewhere (not under the base URL) is kept whole.
            Meta("/sub/moved/", "https://elsewhere.example/moved/"),
            Meta("/sub/same/", "https://clinic.example/sub"),
        ];
        var kept = new SitemapPages(pages.Length, BaseUrl);

        Parallel.For(0, pages.Length, i => kept.Set(i, pages[i]));

        Assert.Equal(SiteFiles.Sitemap(pages), SiteFiles.Sitemap(kept));
        Assert.Equal(pages.Select(p => (p.CanonicalUrl, p.LastModified, p.NoIndex)), kept.Select(p => (p.CanonicalUrl, p.LastModified, p.NoIndex)));
        Assert.Same(date, kept[1].LastModified);
    }

    [Fact]
    public void A_page_not_set_is_an_error_not_an_empty_entry()
    {
        var kept = new SitemapPages(2, BaseUrl);
        kept.Set(0, Meta("/sub/", BaseUrl));

        Assert.Throws<InvalidOperationException>(() => SiteFiles.Sitemap(kept));
    }

    private static PageMeta Meta(string url, string canonical) => new("T", "D", url, canonical, "page", "index.html");
}
