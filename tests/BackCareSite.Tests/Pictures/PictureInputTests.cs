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

        result.HasError(ErrorCodes.PictureUnreadable, "content/articles/cut.md", 16);
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
