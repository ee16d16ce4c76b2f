using BackCareSite.Tests.Support;

namespace BackCareSite.Tests.Hardening;

/// <summary>Issue #20: media is data, not code.</summary>
public sealed class MediaPolicyTests
{
    private const string Svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 10 10\">\n{0}\n</svg>\n";

    [Theory]
    [InlineData("media/page.html")]
    [InlineData("media/app.js")]
    [InlineData("media/trick.xml")]
    [InlineData("media/noextension")]
    public void RefusesActiveFilesInMediaNamingThem(string path)
    {
        using var site = new TempSite().Article("one").Write(path, "<script>alert(1)</script>");

        var result = site.Build();

        result.HasError("BCS0113", "content/" + path, 1);
        Assert.False(result.Published);
    }

    [Fact]
    public void PublishesPicturesDocumentsAndCaptions()
    {
        using var site = new TempSite().Article("one")
            .WriteBytes("media/leaflet.pdf", "%PDF-1.4"u8.ToArray())
            .Write("media/clip.vtt", "WEBVTT\n")
            .Write("media/ok.svg", string.Format(Svg, "<defs><linearGradient id=\"g\"/></defs><rect fill=\"url(#g)\" width=\"5\" height=\"5\"/><use href=\"#g\"/>"));

        site.Build().Succeeded();

        Assert.True(site.Exists("media/leaflet.pdf") && site.Exists("media/clip.vtt") && site.Exists("media/ok.svg"));
    }

    [Theory]
    [InlineData("<script>alert(1)</script>", 2)]
    [InlineData("<rect onload=\"alert(1)\" width=\"1\" height=\"1\"/>", 2)]
    [InlineData("<foreignObject><div xmlns=\"http://www.w3.org/1999/xhtml\">x</div></foreignObject>", 2)]
    [InlineData("<image href=\"https://tracker.example/p.png\" width=\"1\" height=\"1\"/>", 2)]
    [InlineData("<a xmlns:xlink=\"http://www.w3.org/1999/xlink\" xlink:href=\"javascript:alert(1)\"><rect width=\"1\" height=\"1\"/></a>", 2)]
    [InlineData("<style>@import url(https://evil.example/x.css);</style>", 2)]
    [InlineData("<rect fill=\"url(https://evil.example/#g)\" width=\"1\" height=\"1\"/>", 2)]
    [InlineData("<set attributeName=\"href\" to=\"javascript:alert(1)\"/>", 2)]
    public void RefusesAnSvgThatRunsScriptOrLoadsFromOutside(string inner, int line)
    {
        using var site = new TempSite().Article("one").Write("media/bad.svg", string.Format(Svg, inner));

        var result = site.Build();

        result.HasError("BCS0114", "content/media/bad.svg", line);
        Assert.False(result.Published);
    }

    [Fact]
    public void RefusesAnSvgWithADocumentTypeDeclaration()
    {
        using var site = new TempSite().Article("one").Write("media/bomb.svg",
            "<?xml version=\"1.0\"?>\n<!DOCTYPE svg [<!ENTITY a \"aaaa\">]>\n<svg xmlns=\"http://www.w3.org/2000/svg\">&a;</svg>\n");

        site.Build().HasError("BCS0114", "content/media/bomb.svg", 2);
    }

    [Fact]
    public void TakesTheAllowedTypesFromSiteYmlButNeverAnActiveType()
    {
        using var site = new TempSite().Article("one")
            .Write("site.yml", TempSite.SiteYml + "\nmedia_types:\n  - pdf\n  - html\n")
            .WriteBytes("media/leaflet.pdf", "%PDF-1.4"u8.ToArray())
            .WriteBytes("media/photo.png", [0x89, 0x50, 0x4E, 0x47]);

        var result = site.Build();

        result.HasError("BCS0115", "content/site.yml", 15);
        result.HasError("BCS0113", "content/media/photo.png", 1);
        Assert.DoesNotContain(result.Diagnostics, d => d.Path == "content/media/leaflet.pdf");
    }
}
