using BackCareSite.Diagnostics;
using BackCareSite.Tests.Support;

namespace BackCareSite.Tests.Links;

/// <summary>The link check inside <c>build</c>: a broken site is never published, and findings point where to fix them.</summary>
public sealed class BuildLinkCheckTests
{
    [Fact]
    public void A_markdown_link_to_a_missing_fragment_is_reported_at_the_markdown_file_and_line()
    {
        using var site = new TempSite()
            .Article("target", body: "## Warm up\n\nGently.")
            .Article("source", body: "Intro.\n\nFirst read [the warm-up](target.md#warm-up), then [the stretch](target.md#warmup).");

        var result = site.Build();

        Assert.False(result.Published);
        // Line 16: the body's third line, below the front matter TempSite.Article writes (with its review and sources).
        var error = result.HasError(ErrorCodes.LinkFragmentMissing, "content/articles/source.md", 16);
        Assert.Equal(51, error.Column);
        Assert.StartsWith("link `/articles/target/#warmup` is broken: there is no element with id `warmup` on `articles/target/index.html`; the nearest ids there are `#warm-up`, ", error.Message, StringComparison.Ordinal);
        Assert.Single(result.Diagnostics);
        Assert.False(site.Exists("index.html"));
        // The build kept no origins: it made them again from the content to report the finding at its line.
        Assert.True(result.OriginsMadeAgain);
    }

    [Fact]
    public void Markdown_links_to_headings_that_exist_pass_and_the_site_is_published()
    {
        using var site = new TempSite()
            .Article("target", body: "## Warm up\n\nGently.")
            .Article("source", body: "Read [the warm-up](target.md#warm-up) or [the top](#top).");

        var result = site.Build();

        result.Succeeded();
        // Nothing to report: the links' origins, which a build no longer keeps, were not made again.
        Assert.False(result.OriginsMadeAgain);
    }

    [Fact]
    public void A_broken_link_from_a_template_is_reported_at_the_page_it_would_have_been_published_as()
    {
        using var site = new TempSite()
            .Write("site.yml", TempSite.SiteYml.Replace("url: /articles/", "url: /advice/", StringComparison.Ordinal))
            .Article("one");
        var before = site.Snapshot();

        var result = site.Build();

        Assert.False(result.Published);
        // The line is the layout's menu line in the page, wherever the templates put it.
        var error = Assert.Single(result.Diagnostics, d => d.Code == ErrorCodes.LinkTargetMissing && d.Path == "public/index.html");
        Assert.True(error.Line > 1 && error.Column > 1, $"expected a real position, got {error.Line}:{error.Column}");
        Assert.StartsWith("link `/advice/` is broken: `advice/index.html` does not exist", error.Message);
        Assert.Equal(before.Keys, site.Snapshot().Keys);
    }

    [Fact]
    public void When_the_same_url_is_also_in_the_template_the_finding_stays_at_the_page()
    {
        // The menu and the Markdown both link to /advice/: which HTML link came from Markdown is unknown,
        // so every use is reported at the page, and none is lost.
        using var site = new TempSite()
            .Write("site.yml", TempSite.SiteYml.Replace("url: /articles/", "url: /advice/", StringComparison.Ordinal))
            .Article("one", body: "See [advice](/advice/).");

        var result = site.Build();

        Assert.Contains(result.Diagnostics, d => d.Code == ErrorCodes.LinkTargetMissing && d.Path == "public/articles/one/index.html");
        Assert.DoesNotContain(result.Diagnostics, d => d.Path.StartsWith("content/", StringComparison.Ordinal));
    }
}
