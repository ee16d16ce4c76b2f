using BackCareSite.Tests.Support;

namespace BackCareSite.Tests.Output;

/// <summary>The <c>_redirects</c> file Netlify reads: one permanent redirect per alias.</summary>
public sealed class RedirectsFileTests
{
    [Fact]
    public void WritesOneSortedPermanentRedirectPerAlias()
    {
        using var site = new TempSite()
            .Article("staying-active", "aliases:\n  - /blog/staying-active/\n  - /2019/03/active.html\n")
            .Exercise("knee-rolls", "aliases:\n  - /exercises/knee-roll/\n")
            .Write("pages/about.md", "---\ntitle: About us\ndescription: Who we are.\naliases:\n  - /about-us\n---\n\nWe are a clinic.\n")
            .Article("no-aliases");

        site.Build().Succeeded();

        Assert.Equal(
            """
            # Old addresses from the `aliases` of the content; written by the build.
            /2019/03/active.html /articles/staying-active/ 301
            /about-us /about/ 301
            /blog/staying-active/ /articles/staying-active/ 301
            /exercises/knee-roll/ /exercises/knee-rolls/ 301

            """.ReplaceLineEndings("\n"),
            site.Read("_redirects"));
    }

    [Fact]
    public void IsTheSameBytesOnEveryBuildAndEmptyWithoutAliases()
    {
        using var site = new TempSite().Article("b", "aliases:\n  - /old/b/\n").Article("a", "aliases:\n  - /old/a/\n");
        site.Build().Succeeded();
        var first = site.Read("_redirects");
        site.Build().Succeeded();
        Assert.Equal(first, site.Read("_redirects"));
        Assert.True(first.IndexOf("/old/a/", StringComparison.Ordinal) < first.IndexOf("/old/b/", StringComparison.Ordinal));

        using var plain = new TempSite().Article("a");
        plain.Build().Succeeded();
        Assert.DoesNotContain(" 301", plain.Read("_redirects"));
    }

    [Fact]
    public void KeepsTheBasePathOfTheSiteOnBothSides()
    {
        using var site = new TempSite().Article("a", "aliases:\n  - /old/a/\n");

        site.Build(baseUrl: "https://clinic.example/back-care/").Succeeded();

        Assert.Contains("/back-care/old/a/ /back-care/articles/a/ 301\n", site.Read("_redirects"));
    }

    [Fact]
    public void DraftsAreNotRedirectedTo()
    {
        using var site = new TempSite().Article("hidden", "draft: true\naliases:\n  - /old/hidden/\n");

        site.Build().Succeeded();

        Assert.DoesNotContain("/old/hidden/", site.Read("_redirects"));
    }
}
