using BackCareSite.Diagnostics;
using BackCareSite.Tests.Support;

namespace BackCareSite.Tests.Markdown;

/// <summary>Link and picture messages that guess what the editor meant (issue #21).</summary>
public sealed class LinkMessageTests
{
    [Fact]
    public void ADecorativePictureGetsAnEmptyAltAndNoTooltip()
    {
        using var site = new TempSite()
            .WriteBytes("media/wave.svg", "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 10 10\"></svg>"u8.ToArray());
        site.Article("waves", body: "![](../media/wave.svg \"decorative\")\n\n![Three waves](../media/wave.svg)");

        site.Build().Succeeded();

        var html = site.Read("articles/waves/index.html");
        Assert.Contains(" alt=\"\"", html, StringComparison.Ordinal);
        Assert.Contains("alt=\"Three waves\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("title=\"decorative\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public void ABrokenFragmentNamesTheNearestIdsOnTheTargetPage()
    {
        using var site = new TempSite();
        site.Article("warming-up", body: "## Warm up\n\nGently.\n\n## Stretches\n\nSlowly.\n\nSee [the warm-up](#warm-ups).");

        var result = site.Build();

        // Line 22: the body's ninth line, below the front matter TempSite.Article writes (with its review and sources).
        var error = result.HasError(ErrorCodes.LinkFragmentMissing, "content/articles/warming-up.md", 22);
        Assert.Equal(5, error.Column);
        Assert.Contains("there is no element with id `warm-ups` on this page; the nearest ids there are `#warm-up`", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void CheckReadsTheBaseUrlFromSiteYmlBesideTheFolder()
    {
        using var site = new TempSite();
        site.Article("linked", body: "[Home](https://clinic.example/) and [NHS](https://www.nhs.uk/).");
        site.Build().Succeeded();

        var (code, output, errors) = InProcess.RunIn(site.Root, "check", "public");

        Assert.Equal(0, code);
        Assert.Contains("base URL https://clinic.example (`base_url` of content/site.yml)", errors, StringComparison.Ordinal);
        Assert.Contains("external (not checked): https://www.nhs.uk/", output, StringComparison.Ordinal);
        Assert.DoesNotContain("external (not checked): https://clinic.example", output, StringComparison.Ordinal);
    }

    [Fact]
    public void CheckReadsTheBaseUrlFromTheContentFolderGiven()
    {
        using var site = new TempSite();
        site.Article("linked");
        site.Build().Succeeded();
        File.WriteAllText(Path.Combine(site.OutDir, "extra.html"),
            "<!doctype html><html lang=\"en\"><title>Extra</title><a href=\"https://clinic.example/articles/nope/\">Missing</a></html>");
        Directory.Move(site.ContentDir, Path.Combine(site.Root, "source"));

        var (withContent, output, _) = InProcess.RunIn(site.Root, "check", "public", "--content", "source");
        var (without, _, _) = InProcess.RunIn(site.Root, "check", "public");

        Assert.Equal(1, withContent);
        Assert.Contains("`https://clinic.example/articles/nope/` is broken", output, StringComparison.Ordinal);
        Assert.Equal(0, without);
    }
}
