using AngleSharp.Html.Parser;
using BackCareSite.Tests.Support;
using NetVips;

namespace BackCareSite.Tests.Pictures;

public sealed class SocialCardTests
{
    [Fact]
    public void EveryPageIsSharedWithA1200By630CardAtAnAbsoluteAddress()
    {
        const string svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"320\" height=\"180\"><rect width=\"320\" height=\"180\" fill=\"#3a7\"/></svg>";
        using var site = new TempSite()
            .Write("site.yml", TempSite.SiteYml + "\npictures:\n  widths: [120, 240]\n")
            .WriteBytes("media/room.jpg", PictureFixtures.RotatedJpegWithGps(400, 300))
            .Write("media/spine.svg", svg)
            .Article("photo", "image: media/room.jpg\nimage_alt: The treatment room\n")
            .Exercise("drawn", "image: media/spine.svg\nimage_alt: A spine\n")
            .Article("plain");

        site.Build().Succeeded();

        var cards = new Dictionary<string, string>();
        foreach (var page in site.Snapshot().Keys.Where(k => k.EndsWith(".html", StringComparison.Ordinal) && k != "404.html" && !k.StartsWith("admin/", StringComparison.Ordinal)))
        {
            var head = new HtmlParser().ParseDocument(site.Read(page)).Head!;
            var image = head.QuerySelector("meta[property='og:image']")?.GetAttribute("content");
            Assert.True(image is not null, $"{page} has no og:image");
            Assert.Equal("summary_large_image", head.QuerySelector("meta[name='twitter:card']")?.GetAttribute("content"));
            Assert.Equal("1200", head.QuerySelector("meta[property='og:image:width']")?.GetAttribute("content"));
            cards[page] = image;
        }

        Assert.Equal("https://clinic.example/media/room-card.jpg", cards["articles/photo/index.html"]);
        Assert.Equal("https://clinic.example/media/spine-card.jpg", cards["exercises/drawn/index.html"]);
        Assert.Equal("https://clinic.example/social-card.jpg", cards["articles/plain/index.html"]);
        Assert.Equal("https://clinic.example/social-card.jpg", cards["index.html"]);
        foreach (var path in cards.Values.Distinct())
        {
            using var card = Image.NewFromFile(Path.Combine(site.OutDir, path["https://clinic.example/".Length..]));
            Assert.Equal((1200, 630, "jpegload", 3), (card.Width, card.Height, (string)card.Get("vips-loader"), card.Bands));
            Assert.DoesNotContain(card.GetFields(), f => f.StartsWith("exif", StringComparison.Ordinal));
        }
    }
}
