using BackCareSite.Output;
using BackCareSite.Rendering;

namespace BackCareSite.Tests.Output;

/// <summary>
/// serve's sitemap memo: the same text while every page is listed the same, kept compressed (the same object, which serve
/// serves as it is), and a new text as soon as a page's listing changes.
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
        var packed = memo.Packed;

        Assert.Equal(SiteFiles.Sitemap(pages), first);
        Assert.Equal(first, packed!.Text());

        // New objects, listed the same: the same text, read back from the same compressed text.
        var again = memo.Sitemap([Page("a"), Page("b")]);
        Assert.Equal(first, again);
        Assert.Same(packed, memo.Packed);

        // Another address: a new text and a new compressed text.
        var moved = new[] { Page("a"), Page("c") };
        var third = memo.Sitemap(moved);
        Assert.Equal(SiteFiles.Sitemap(moved), third);
        Assert.NotSame(packed, memo.Packed);
        Assert.Equal(third, memo.Packed!.Text());
    }
}
