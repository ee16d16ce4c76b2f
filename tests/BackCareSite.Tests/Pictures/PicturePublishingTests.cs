using BackCareSite.Tests.Support;
using NetVips;

namespace BackCareSite.Tests.Pictures;

public sealed class PicturePublishingTests
{
    private const string PhotoArticle = "![A physiotherapist shows the stretch](../media/photo.jpg)\n\nAfter the picture.";

    /// <summary>Small widths keep the encoders' work (AVIF above all) small in tests that are not about the defaults.</summary>
    private const string SmallWidths = "\npictures:\n  widths: [120, 240, 360]\n";

    private static TempSite SmallSite() => new TempSite().Write("site.yml", TempSite.SiteYml + SmallWidths);

    /// <summary>A phone photo stored 360x240, upright 240x360: 120 and 240 wide at the small widths.</summary>
    private static byte[] SmallPhoto() => PictureFixtures.RotatedJpegWithGps(360, 240);

    [Fact]
    public void ThePhoneFixtureReallyIsRotatedAndCarriesGps()
    {
        using var image = Image.NewFromBuffer(PictureFixtures.RotatedJpegWithGps());

        Assert.Equal(6, (int)image.Get("orientation"));
        Assert.Contains("exif-ifd3-GPSLatitude", image.GetFields());
    }

    [Fact]
    public void PublishesARotatedPhoneJpegUprightInAvifWebpAndJpegAtEachWidthNoWiderThanTheOriginal()
    {
        using var site = new TempSite().WriteBytes("media/photo.jpg", PictureFixtures.RotatedJpegWithGps()).Article("stretch", body: PhotoArticle);

        site.Build().Succeeded();

        // Upright the photo is 800x1200: 480 and 800 wide (never 960 or 1440: no upscaling).
        var expected = new Dictionary<string, (int Width, int Height, string Loader)>
        {
            ["media/photo-480w.avif"] = (480, 720, "heifload"),
            ["media/photo-800w.avif"] = (800, 1200, "heifload"),
            ["media/photo-480w.webp"] = (480, 720, "webpload"),
            ["media/photo-800w.webp"] = (800, 1200, "webpload"),
            ["media/photo.jpg"] = (800, 1200, "jpegload"),
        };
        var published = site.Snapshot().Keys.Where(k => k.StartsWith("media/", StringComparison.Ordinal)).ToList();
        Assert.Equal(expected.Keys.Order(StringComparer.Ordinal), published);
        foreach (var (path, (width, height, loader)) in expected)
        {
            using var image = Image.NewFromFile(Path.Combine(site.OutDir, path));
            Assert.Equal((width, height, loader), (image.Width, image.Height, (string)image.Get("vips-loader")));
        }

        var html = site.Read("articles/stretch/index.html");
        Assert.Contains("<picture>\n<source type=\"image/avif\" srcset=\"/media/photo-480w.avif 480w, /media/photo-800w.avif 800w\" sizes=\"(min-width: 42rem) 40rem, calc(100vw - 2rem)\">\n"
            + "<source type=\"image/webp\" srcset=\"/media/photo-480w.webp 480w, /media/photo-800w.webp 800w\" sizes=\"(min-width: 42rem) 40rem, calc(100vw - 2rem)\">\n"
            + "<img src=\"/media/photo.jpg\" alt=\"A physiotherapist shows the stretch\" width=\"800\" height=\"1200\" loading=\"eager\" fetchpriority=\"high\" decoding=\"async\"></picture>", html);
    }

    [Fact]
    public void EveryPublishedPictureHasNoExifGpsXmpOrColourProfile()
    {
        using var site = SmallSite()
            .WriteBytes("media/photo.jpg", SmallPhoto())
            .WriteBytes("media/unused.jpg", PictureFixtures.RotatedJpegWithGps(500, 400))
            .WriteBytes("media/scan.png", PictureFixtures.Png16(400, 240))
            .Article("stretch", body: PhotoArticle + "\n\n![A scan](../media/scan.png)");

        site.Build().Succeeded();

        var pictures = site.Snapshot().Where(f => f.Key.StartsWith("media/", StringComparison.Ordinal)).ToList();
        Assert.True(pictures.Count == 19, string.Join(", ", pictures.Select(p => p.Key)));
        foreach (var (path, bytes) in pictures)
        {
            using var image = Image.NewFromBuffer(bytes);
            var fields = image.GetFields();
            Assert.DoesNotContain(fields, f => f.StartsWith("exif", StringComparison.Ordinal) || f is "xmp-data" or "iptc-data" or "icc-profile-data");
            Assert.True(bytes.AsSpan().IndexOf("Exif\0\0"u8) < 0, $"{path} has an EXIF block");
            Assert.Equal((Enums.Interpretation.Srgb, Enums.BandFormat.Uchar), (image.Interpretation, image.Format));
        }
    }

    [Fact]
    public void TheHeroImageComesFirstAndBodyPicturesLoadLazily()
    {
        using var site = SmallSite()
            .WriteBytes("media/photo.jpg", SmallPhoto())
            .WriteBytes("media/room.png", PictureFixtures.Png(480, 270))
            .Article("stretch", "image: media/room.png\nimage_alt: The treatment room\n", body: PhotoArticle);

        site.Build().Succeeded();

        var html = site.Read("articles/stretch/index.html");
        Assert.Contains("srcset=\"/media/room-120w.avif 120w, /media/room-240w.avif 240w, /media/room-360w.avif 360w\" sizes=\"(min-width: 38rem) 36rem, calc(100vw - 2rem)\">", html);
        Assert.Contains("<img class=\"hero-image\" src=\"/media/room.png\" alt=\"The treatment room\" width=\"360\" height=\"203\" loading=\"eager\" fetchpriority=\"high\" decoding=\"async\"></picture>", html);
        Assert.Contains("<img src=\"/media/photo.jpg\" alt=\"A physiotherapist shows the stretch\" width=\"240\" height=\"360\" loading=\"lazy\" decoding=\"async\">", html);
        Assert.Single(System.Text.RegularExpressions.Regex.Matches(html, "fetchpriority"));
    }

    [Fact]
    public void SvgPicturesStayAsTheyAre()
    {
        const string svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"320\" height=\"180\"><rect width=\"320\" height=\"180\" fill=\"#3a7\"/></svg>";
        using var site = new TempSite().Write("media/spine.svg", svg).Article("spine", body: "![A spine](../media/spine.svg)");

        site.Build().Succeeded();

        Assert.Contains("<img src=\"/media/spine.svg\" width=\"320\" height=\"180\" loading=\"lazy\" decoding=\"async\" alt=\"A spine\" />", site.Read("articles/spine/index.html"));
        Assert.Equal(svg, site.Read("media/spine.svg"));
    }

    [Fact]
    public void ASixteenBitPngBecomesEightBitSrgb()
    {
        using var site = SmallSite().WriteBytes("media/scan.png", PictureFixtures.Png16(300, 180)).Article("scan", body: "![A scan](../media/scan.png)");

        site.Build().Succeeded();

        using var fallback = Image.NewFromFile(Path.Combine(site.OutDir, "media/scan.png"));
        Assert.Equal((300, 180, Enums.BandFormat.Uchar, Enums.Interpretation.Srgb), (fallback.Width, fallback.Height, fallback.Format, fallback.Interpretation));
        Assert.True(site.Exists("media/scan-300w.avif") && site.Exists("media/scan-120w.webp"));
    }

    [Fact]
    public void ARebuildWithUnchangedPicturesEncodesNothingAndGivesTheSameBytes()
    {
        using var site = SmallSite().WriteBytes("media/photo.jpg", SmallPhoto()).Article("stretch", body: PhotoArticle);

        var first = site.Build();
        first.Succeeded();
        var before = site.Snapshot();
        var second = site.Build();
        second.Succeeded();

        Assert.Equal((6, 0), first.Pictures); // five picture files and the default social card
        Assert.Equal((0, 6), second.Pictures);
        Assert.Equal(before, site.Snapshot());
    }

    [Fact]
    public void TheSamePictureGivesTheSameBytesWithoutACache()
    {
        var photo = SmallPhoto();
        using var one = SmallSite().WriteBytes("media/photo.jpg", photo).Article("stretch", body: PhotoArticle);
        using var two = SmallSite().WriteBytes("media/photo.jpg", photo).Article("stretch", body: PhotoArticle);

        one.Build().Succeeded();
        two.Build().Succeeded();

        Assert.Equal(6, two.Build().Pictures.Reused);
        Assert.Equal(one.Snapshot(), two.Snapshot());
    }

    [Fact]
    public void WidthsFormatsAndQualityComeFromSiteYml()
    {
        using var site = new TempSite()
            .Write("site.yml", TempSite.SiteYml + "\npictures:\n  widths: [100, 200]\n  formats: [webp]\n  webp_quality: 60\n")
            .WriteBytes("media/photo.jpg", SmallPhoto())
            .Article("stretch", body: PhotoArticle);

        site.Build().Succeeded();

        var media = site.Snapshot().Keys.Where(k => k.StartsWith("media/", StringComparison.Ordinal));
        Assert.Equal(["media/photo-100w.webp", "media/photo-200w.webp", "media/photo.jpg"], media);
        Assert.DoesNotContain("image/avif", site.Read("articles/stretch/index.html"));
    }
}
