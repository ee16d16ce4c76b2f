using BackCareSite.Output;
using BackCareSite.Serve;
using BackCareSite.Tests.Hardening;
using BackCareSite.Tests.Support;

namespace BackCareSite.Tests.Deploy;

/// <summary>
/// A mistyped top-level address (<c>/exercizes/</c>) matches no rule of the built
/// <c>_headers</c>, so Netlify sends its 404 page with no Content-Security-Policy header:
/// the page carries the site's policy itself.
/// </summary>
public sealed class NotFoundPolicyTests
{
    private static string SitePolicy =>
        NetlifyConfig.Repository.Rules.Single(r => r.For == NetlifyHeaders.PublishedPattern).Values["Content-Security-Policy"];

    [Fact]
    public void TheSampleSites404PageHoldsTheSitePolicyBeforeAnyStyleOrScript()
    {
        using var site = new SampleSite();
        var page = site.Html("404.html");

        var metas = page.QuerySelectorAll("meta[http-equiv='Content-Security-Policy']");
        var meta = Assert.Single(metas);
        Assert.Same(page.Head, meta.ParentElement);
        var policy = NetlifyConfig.Directives(meta.GetAttribute("content")!);
        var header = NetlifyConfig.Directives(SitePolicy);

        // Every directive of the header that a meta element can carry, unchanged; frame-ancestors stays in the header.
        Assert.Equal(header.Keys.Where(k => k != "frame-ancestors").Order(), policy.Keys.Order());
        foreach (var (name, values) in policy)
        {
            Assert.Equal(header[name], values);
        }

        Assert.Equal(["'self'", "'wasm-unsafe-eval'"], policy["script-src"]); // the site's script-src, with what search (Pagefind's WebAssembly) needs
        var before = page.Head!.Children.TakeWhile(e => e != meta).ToList();
        Assert.All(before, e => Assert.Equal("META", e.TagName));
        Assert.DoesNotContain(page.Head.Children.SkipWhile(e => e != meta), e => e.TagName == "META" && e.HasAttribute("charset"));
    }

    [Fact]
    public void OnlyThe404PageCarriesThePolicyInItsMarkup()
    {
        using var site = new SampleSite();
        Assert.DoesNotContain("http-equiv=\"Content-Security-Policy\"", site.Read("index.html"), StringComparison.Ordinal);
        Assert.DoesNotContain("http-equiv=\"Content-Security-Policy\"", site.Read("admin/index.html"), StringComparison.Ordinal);
    }

    [Fact]
    public void DirectivesAMetaElementIgnoresAreLeftOut()
    {
        var rules = NetlifyHeaders.Parse("""
            [[headers]]
              for = "/_published/*"
              [headers.values]
                Content-Security-Policy = "default-src 'self'; frame-ancestors 'none'; report-uri /csp; sandbox; img-src 'self' data:"
            """);

        Assert.Equal("default-src 'self'; img-src 'self' data:", NotFoundPolicy.MetaContent(rules));
    }

    [Fact]
    public void ASiteWhoseRulesHaveNoPolicyGetsNoMetaElement()
    {
        var rules = NetlifyHeaders.Parse("""
            [[headers]]
              for = "/*"
              [headers.values]
                X-Content-Type-Options = "nosniff"
            """);

        Assert.Null(NotFoundPolicy.MetaContent(rules));
    }

    [Fact]
    public void ALayoutWithoutACharsetMetaIsAWarningAtTheLayoutAndThe404PageIsLeftAsRendered()
    {
        using var site = new TempSite();
        var templates = Path.Combine(site.Root, "templates");
        HardeningSite.CopyFolder(RepoPaths.Templates, templates);
        var layout = Path.Combine(templates, "layouts", "base.html");
        File.WriteAllText(layout, File.ReadAllText(layout).Replace("<meta charset=\"utf-8\">\n", "", StringComparison.Ordinal));
        site.TemplatesDir = templates;
        File.Copy(Path.Combine(RepoPaths.Root, "netlify.toml"), Path.Combine(site.Root, "netlify.toml"));

        var result = site.Build();

        var warning = Assert.Single(result.Diagnostics, d => d.Code == "BCS1302");
        Assert.False(warning.IsError);
        Assert.Equal("templates/layouts/base.html", warning.Path);
        Assert.DoesNotContain("http-equiv", site.Read("404.html"), StringComparison.Ordinal);
        Assert.False(site.Build(strict: true).Published);
    }
}
