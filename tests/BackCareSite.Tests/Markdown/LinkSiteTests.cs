using System.Collections.Concurrent;
using BackCareSite.Markdown;
using Markdig;

namespace BackCareSite.Tests.Markdown;

/// <summary>
/// What loading keeps of each link for the link stage is a small value, and the texts of images that show the same
/// picture the same way are one copy for the load (a large site keeps every item's links until the link stage).
/// </summary>
public sealed class LinkSiteTests
{
    [Fact]
    public void ALinkSiteIsAValueOfTwentyFourBytes()
    {
        Assert.True(typeof(LinkSite).IsValueType);
        Assert.Equal(24, System.Runtime.CompilerServices.Unsafe.SizeOf<LinkSite>());
    }

    [Fact]
    public void ImagesOfOneLoadShareTheirDescriptionsAndAddresses()
    {
        var texts = new ConcurrentDictionary<string, string>(StringComparer.Ordinal);
        var pipeline = MarkdownPipelineFactory.Create();
        var first = BodySites.Of(Markdig.Markdown.Parse("See ![A drawing of a knee](../media/knee.svg \"Knee\") and [the plan](plan.md).", pipeline), texts);
        var second = BodySites.Of(Markdig.Markdown.Parse("Text.\n\n![A drawing of a knee](../media/knee.svg \"Knee\")", pipeline), texts);

        var (a, b) = (first.Links[0], second.Links[0]);
        Assert.True(a.IsImage);
        Assert.Equal(("A drawing of a knee", "Knee", 1, 5), (a.Alt, a.Title, a.Line, a.Column));
        Assert.Equal((3, 1), (b.Line, b.Column));
        Assert.Same(a.Alt, b.Alt);
        Assert.Same(a.Title, b.Title);
        Assert.Same(a.Url, b.Url);

        var link = first.Links[1];
        Assert.False(link.IsImage);
        Assert.Null(link.Alt);
        Assert.Null(link.Title);
        Assert.Equal("plan.md", link.Url);

        // An image without a description is still an image.
        var bare = BodySites.Of(Markdig.Markdown.Parse("![](../media/x.svg)", pipeline)).Links[0];
        Assert.True(bare.IsImage);
        Assert.Equal("", bare.Alt);
        Assert.Null(bare.Title);
    }
}
