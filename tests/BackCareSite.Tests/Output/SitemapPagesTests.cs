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
    public void With_the_files_written_a_page_under_its_own_folder_is_kept_as_its_files_number()
    {
        // A build's sitemap keeps no copy of a URL that is its file's folder (nearly every page): the writer's set has it.
        var date = new DateView("2026-11-02", "2 November 2026");
        PageMeta[] pages =
        [
            new PageMeta("T", "D", "/sub/", BaseUrl, "page", "index.html") { LastModified = date },
            new PageMeta("T", "D", "/sub/articles/été/", BaseUrl + "articles/%C3%A9t%C3%A9/", "page", "articles/%C3%A9t%C3%A9/index.html"),
            new PageMeta("T", "D", "/sub/articles/x/", BaseUrl + "articles/x/", "page", "articles/x/index.html") { NoIndex = true },
            // Not derivable from its file: kept as before.
            new PageMeta("T", "D", "/sub/404.html", BaseUrl + "404.html", "page", "404.html"),
            new PageMeta("T", "D", "/sub/moved/", "https://elsewhere.example/moved/", "page", "moved/index.html"),
            new PageMeta("T", "D", "/sub/y/", BaseUrl + "other/", "page", "y/index.html"),
            // A file the writer does not have (not written): kept as before.
            new PageMeta("T", "D", "/sub/z/", BaseUrl + "z/", "page", "z/index.html"),
        ];
        var written = new BackCareSite.Links.Utf8Set();
        written.Add("media/a.png");
        foreach (var page in pages.Where(p => p.OutputPath != "z/index.html"))
        {
            written.Add(page.OutputPath);
        }

        var kept = new SitemapPages(pages.Length, BaseUrl, written);
        Parallel.For(0, pages.Length, i => kept.Set(i, pages[i]));

        Assert.Equal(SiteFiles.Sitemap(pages), SiteFiles.Sitemap(kept));
        Assert.Equal(pages.Select(p => (p.CanonicalUrl, p.LastModified, p.NoIndex)), kept.Select(p => (p.CanonicalUrl, p.LastModified, p.NoIndex)));
        Assert.Equal(4, kept.UrlsKept);
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
