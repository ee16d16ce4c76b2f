using BackCareSite.Diagnostics;
using BackCareSite.Tests.Support;

namespace BackCareSite.Tests.Pictures;

public sealed class PictureInputTests
{
    private const string Widths = "\npictures:\n  widths: [120, 240]\n";

    private static TempSite Site(string settings = Widths) => new TempSite().Write("site.yml", TempSite.SiteYml + settings);

    [Fact]
    public void ACutShortJpegIsAnErrorAtTheLineThatUsesItAndNothingIsPublished()
    {
        var photo = PictureFixtures.Jpeg(400, 300);
        using var site = Site()
            .WriteBytes("media/cut.jpg", photo[..(photo.Length / 2)])
            .Article("cut", body: "Text.\n\n![A stretch](../media/cut.jpg)");

        var result = site.Build();

        var error = result.HasError(ErrorCodes.PictureUnreadable, "content/articles/cut.md", 16);
        Assert.Contains("cut short", error.Message);
        Assert.False(result.Published);
        Assert.False(Directory.Exists(site.OutDir));
    }

    [Fact]
    public void APictureThatIsNotAPictureIsAnErrorAtTheFrontMatterLine()
    {
        using var site = Site()
            .Write("media/broken.png", "this is not a PNG file at all")
            .Article("broken", "image: media/broken.png\nimage_alt: A room\n");

        var result = site.Build();

        var error = result.HasError(ErrorCodes.PictureUnreadable, "content/articles/broken.md", 5);
        Assert.Contains("media/broken.png", error.Message);
        Assert.Contains("holds no picture", error.Message);
    }

    /// <summary>
    /// Pictures are decoded in parallel and libvips keeps one error text for the whole process:
    /// each picture must still get its own reason, and the same report on every run.
    /// </summary>
    [Fact]
    public void DamagedPicturesDecodedTogetherEachGetTheirOwnReasonOnEveryRun()
    {
        var jpeg = PictureFixtures.Jpeg(400, 300);
        var png = PictureFixtures.Png(400, 300);
        using var site = Site()
            .WriteBytes("media/a-cut.jpg", jpeg[..(jpeg.Length * 2 / 3)])
            .WriteBytes("media/b-cut.png", png[..(png.Length / 2)])
            .WriteBytes("media/c-damaged.png", PictureFixtures.PngWithDamagedPixels(400, 300))
            .WriteBytes("media/d-good.jpg", jpeg)
            .Article("photos", body: "![A](../media/a-cut.jpg)\n\n![B](../media/b-cut.png)\n\n![C](../media/c-damaged.png)\n\n![D](../media/d-good.jpg)\n");

        string Report()
        {
            var result = site.Build();
            Assert.False(result.Published);
            return string.Join("\n", result.Diagnostics.Select(d => $"{d.Path}:{d.Line} {d.Code} {d.Message}"));
        }

        var first = Report();
        var lines = first.Split('\n');
        Assert.True(lines.Length == 3, first);
        Assert.Contains("a-cut.jpg` cannot be read as a picture (the file ends before the picture does", lines[0]);
        Assert.Contains("b-cut.png` cannot be read as a picture (the file ends before the picture does", lines[1]);
        Assert.Contains("c-damaged.png` cannot be read as a picture (the picture's data is damaged)", lines[2]);
        for (var run = 0; run < 3; run++)
        {
            Assert.Equal(first, Report());
        }
    }

    [Fact]
    public void AJpegNamedAsPngIsRefused()
    {
        using var site = Site().WriteBytes("media/photo.png", PictureFixtures.Jpeg(300, 200)).Article("mixed", body: "![A photo](../media/photo.png)");

        site.Build().HasError(ErrorCodes.PictureUnsupported, "content/articles/mixed.md", 14);
    }

    [Fact]
    public void AFormatBrowsersCannotShowIsAnErrorWhenUsedAsAnImage()
    {
        using var site = Site().Write("media/scan.tiff", "II*\0").Article("scan", body: "![A scan](../media/scan.tiff)\n\n[The scan to download](../media/scan.tiff)");

        var result = site.Build();

        result.HasError(ErrorCodes.PictureUnsupported, "content/articles/scan.md", 14);
        Assert.Single(result.Diagnostics, d => d.Code == ErrorCodes.PictureUnsupported);
    }

    [Fact]
    public void APictureWithMorePixelsThanAllowedIsRefusedBeforeItIsDecoded()
    {
        using var site = Site(Widths + "  max_megapixels: 1\n")
            .WriteBytes("media/huge.png", PictureFixtures.Png(1500, 1000))
            .Article("huge", body: "![Huge](../media/huge.png)");

        var result = site.Build();

        var error = result.HasError(ErrorCodes.PictureTooLarge, "content/articles/huge.md", 14);
        Assert.Contains("1500x1000", error.Message);
        Assert.Equal((0, 0), result.Pictures);
    }

    [Fact]
    public void APictureNarrowerThanTheSmallestWidthIsAWarningAndPublishedAtItsOwnSize()
    {
        using var site = Site().WriteBytes("media/tiny.jpg", PictureFixtures.Jpeg(100, 80)).Article("tiny", body: "![Tiny](../media/tiny.jpg)");

        var result = site.Build();

        result.Succeeded();
        var warning = Assert.Single(result.Diagnostics);
        Assert.Equal((ErrorCodes.PictureTooSmall, "content/articles/tiny.md", 14), (warning.Code, warning.Path, warning.Line));
        Assert.Equal(["media/tiny-100w.avif", "media/tiny-100w.webp", "media/tiny.jpg"],
            site.Snapshot().Keys.Where(k => k.StartsWith("media/", StringComparison.Ordinal)));
    }

    [Fact]
    public void ABrokenPictureNobodyUsesIsReportedAtTheFileItself()
    {
        using var site = Site().Write("media/old.jpg", "not a jpeg").Article("plain");

        site.Build().HasError(ErrorCodes.PictureUnreadable, "content/media/old.jpg", 1);
    }

    [Fact]
    public void AFailedBuildLeavesThePreviousPicturesAsTheyWere()
    {
        using var site = Site().WriteBytes("media/photo.jpg", PictureFixtures.Jpeg(300, 200)).Article("photo", body: "![A photo](../media/photo.jpg)");
        site.Build().Succeeded();
        var before = site.Snapshot();

        site.Write("media/photo.jpg", "damaged");
        Assert.False(site.Build().Published);

        Assert.Equal(before, site.Snapshot());
    }

    [Fact]
    public void AFileWithTheNameOfAResizedCopyIsRefused()
    {
        using var site = Site()
            .WriteBytes("media/photo.jpg", PictureFixtures.Jpeg(300, 200))
            .WriteBytes("media/photo-120w.webp", [1, 2, 3])
            .Article("photo", body: "![A photo](../media/photo.jpg)");

        site.Build().HasError(ErrorCodes.PictureNameTaken, "content/media/photo-120w.webp", 1);
    }

    [Theory]
    [InlineData("  widths: [0]\n", "pictures.widths")]
    [InlineData("  formats: [gif]\n", "pictures.formats")]
    [InlineData("  avif_quality: 101\n", "pictures.avif_quality")]
    public void BadPictureSettingsAreErrorsInSiteYml(string setting, string named)
    {
        using var site = new TempSite().Write("site.yml", TempSite.SiteYml + "\npictures:\n" + setting).Article("plain");

        var result = site.Build();

        var error = result.HasError(ErrorCodes.InvalidPictureSetting, "content/site.yml", 14);
        Assert.Contains(named, error.Message);
    }
}
