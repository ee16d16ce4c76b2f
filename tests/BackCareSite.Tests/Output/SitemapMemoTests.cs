using BackCareSite.Output;
using BackCareSite.Rendering;

namespace BackCareSite.Tests.Output;

/// <summary>
/// serve's sitemap memo: the same compressed text (the same object, which serve serves as it is) while every page is listed
/// the same, and a new text as soon as a page's listing changes.
/// </summary>
public sealed class SitemapMemoTests
{
    private static PageMeta Page(string slug) =>
        new(slug, $"About {slug}.", $"/{slug}/", $"https://example.org/{slug}/", "page", $"{slug}/index.html");

    [Fact]
    public void TheSameListingGivesTheSameTextFromTheSameCompressedText()
    {
        var memo = new SitemapMemo();
        var pages = new[] { Page("a"), Page("b") };
        var first = memo.Sitemap(pages);

        Assert.Equal(SiteFiles.Sitemap(pages), first.Text());

        // New objects, listed the same: the same compressed text.
        Assert.Same(first, memo.Sitemap([Page("a"), Page("b")]));

        // Another address: a new text, compressed.
        var moved = new[] { Page("a"), Page("c") };
        var third = memo.Sitemap(moved);
        Assert.NotSame(first, third);
        Assert.Equal(SiteFiles.Sitemap(moved), third.Text());
    }
}
