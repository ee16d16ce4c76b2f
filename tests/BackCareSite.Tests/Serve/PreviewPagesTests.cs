using BackCareSite.Diagnostics;
using BackCareSite.Serve;

namespace BackCareSite.Tests.Serve;

public sealed class PreviewPagesTests
{
    [Fact]
    public void TheErrorPageListsEveryErrorAtFileLineAndColumnEscaped()
    {
        var errors = new[]
        {
            Diagnostic.Error("BCS0402", "templates/article.html", 12, 7, "cannot render <script>alert(1)</script> & co"),
            Diagnostic.Error("BCS0204", "content/articles/a&b.md", 4, 7, "`date` is not a date"),
        };

        var page = PreviewPages.ErrorPage(errors, 42);

        Assert.Contains("templates/article.html:12:7</span>: error BCS0402: cannot render &lt;script&gt;alert(1)&lt;/script&gt; &amp; co", page);
        Assert.Contains("content/articles/a&amp;b.md:4:7", page);
        Assert.DoesNotContain("<script>alert", page);
        Assert.DoesNotContain("style=", page);
        Assert.Contains("<script src=\"/__backcaresite/live.js?v=42\" defer></script>", page);
        Assert.Single(System.Text.RegularExpressions.Regex.Matches(page, "<script"));
    }

    [Theory]
    [InlineData("<html><body><p>x</p></body></html>", "<html><body><p>x</p><script src=\"/__backcaresite/live.js?v=3\" defer></script></body></html>")]
    [InlineData("<p>no body</p>", "<p>no body</p><script src=\"/__backcaresite/live.js?v=3\" defer></script>")]
    public void TheScriptGoesBeforeTheLastClosingBody(string html, string expected)
    {
        Assert.Equal(expected, PreviewPages.Inject(html, 3));
    }

    [Fact]
    public void NetlifyHeaderRulesMatchWithWildcardsAndJoinWhatTwoRulesSetAsNetlifyDoes()
    {
        var headers = NetlifyHeaders.Parse("""
            [[headers]]
              for = "/*"
              [headers.values]
                X-Frame-Options = "DENY"
                Cache-Control = "public, max-age=0"
            [[headers]]
              for = "/assets/*"
              [headers.values]
                Cache-Control = "public, max-age=31536000, immutable"
            """);

        Assert.Equal([("X-Frame-Options", "DENY"), ("Cache-Control", "public, max-age=0")], headers.For("/articles/x/"));
        // Netlify applies every matching rule and joins the values; the later rule does not win.
        Assert.Equal([("X-Frame-Options", "DENY"), ("Cache-Control", "public, max-age=0, public, max-age=31536000, immutable")], headers.For("/assets/site.1234.css"));
    }

    [Fact]
    public void AResponseWithoutACacheRuleGetsNetlifysDefault()
    {
        var headers = NetlifyHeaders.Parse("[[headers]]\n  for = \"/assets/*\"\n  [headers.values]\n    Cache-Control = \"public, max-age=31536000, immutable\"\n");

        Assert.Equal([("Cache-Control", NetlifyHeaders.DefaultCacheControl)], headers.ForResponse("/articles/"));
        Assert.Equal([("Cache-Control", "public, max-age=31536000, immutable")], headers.ForResponse("/assets/site.1234.css"));
        Assert.True(NetlifyHeaders.Matches("/red-flags/", "/red-flags"), "a trailing slash is optional");
    }
}
