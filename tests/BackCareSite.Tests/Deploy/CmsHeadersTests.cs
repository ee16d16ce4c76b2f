using BackCareSite.Output;
using BackCareSite.Serve;
using BackCareSite.Tests.Support;

namespace BackCareSite.Tests.Deploy;

/// <summary>
/// The CMS at /admin/ has its own headers, and nothing else changes: Netlify enforces
/// every CSP that matching rules send, so the site's strict policy reaches every
/// published path through the <c>_headers</c> file the build writes, and never /admin/.
/// </summary>
public sealed class CmsHeadersTests
{
    private static NetlifyConfig Config => NetlifyConfig.Repository;

    private static string SitePolicy => Config.Rules.Single(r => r.For == NetlifyHeaders.PublishedPattern).Values["Content-Security-Policy"];

    [Theory]
    [InlineData("/admin/")]
    [InlineData("/admin/config.yml")]
    [InlineData("/admin/decap-cms.0123456789.js")]
    public void TheCmsGetsOnlyItsOwnPolicyAndIsNeverIndexed(string path)
    {
        var headers = Config.HeadersFor(path);

        var csp = NetlifyConfig.Directives(headers["content-security-policy"]);
        Assert.NotEqual(SitePolicy, headers["content-security-policy"]);
        Assert.Contains("'unsafe-eval'", csp["script-src"]);
        Assert.Equal(["'none'"], csp["frame-ancestors"]);
        Assert.Equal(["'none'"], csp["object-src"]);
        Assert.Equal("noindex, nofollow", headers["x-robots-tag"]);
        Assert.Equal("nosniff", headers["x-content-type-options"]);
        Assert.StartsWith("max-age=63072000", headers["strict-transport-security"]);
        foreach (var (name, _) in headers)
        {
            Assert.Equal(1, Config.Rules.Count(r => NetlifyConfig.Matches(r.For, path) && r.Values.ContainsKey(name)));
        }
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/administration/")]
    [InlineData("/articles/admin/")]
    [InlineData("/assets/cms-preview.0123456789.js")]
    public void EveryOtherPathKeepsTheSitesStrictPolicyAndIsNotMarkedNoindex(string path)
    {
        var headers = Config.HeadersFor(path);

        Assert.Equal(SitePolicy, headers["content-security-policy"]);
        // Only Pagefind's WebAssembly compile ('wasm-unsafe-eval') is allowed: no inline code and no JavaScript eval.
        var sources = NetlifyConfig.Directives(SitePolicy).Values.SelectMany(s => s).Where(s => s.Contains("unsafe", StringComparison.Ordinal));
        Assert.Equal(["'wasm-unsafe-eval'"], sources);
        Assert.False(headers.ContainsKey("x-robots-tag"));
    }

    [Fact]
    public void TheBuiltHeadersFileGivesEveryPublishedFileTheSitePolicyAndTheCmsNone()
    {
        using var site = new SampleSite();
        var rules = HeadersFileRules(site.Read("_headers"));
        var files = Directory.EnumerateFiles(site.OutDir, "*", SearchOption.AllDirectories)
            .Select(f => "/" + Path.GetRelativePath(site.OutDir, f).Replace('\\', '/'))
            .Where(f => !f.StartsWith("/_", StringComparison.Ordinal))
            // The publisher's marker (a line of plain text that says a build wrote the folder) is not a page.
            .Where(f => f != "/" + Publisher.MarkerName)
            .ToList();

        Assert.Contains("/admin/index.html", files);
        foreach (var file in files)
        {
            var url = file.EndsWith("/index.html", StringComparison.Ordinal) ? file[..^"index.html".Length] : file;
            foreach (var path in new[] { file, url }.Distinct())
            {
                var policies = rules.Where(r => NetlifyHeaders.Matches(r.For, path)).Select(r => r.Csp).ToList();
                if (path.StartsWith(NetlifyHeaders.CmsPath, StringComparison.Ordinal))
                {
                    Assert.True(policies.Count == 0, $"{path}: _headers would add the strict policy to the CMS");
                }
                else
                {
                    Assert.True(policies.Count == 1 && policies[0] == SitePolicy, $"{path}: {policies.Count} matching _headers rules");
                }
            }
        }
    }

    /// <summary>Netlify's <c>_headers</c> format: a path line, then indented <c>Name: value</c> lines.</summary>
    private static List<(string For, string Csp)> HeadersFileRules(string text)
    {
        var rules = new List<(string For, string Csp)>();
        foreach (var line in text.Split('\n'))
        {
            if (line.StartsWith('/'))
            {
                rules.Add((line.Trim(), ""));
            }
            else if (line.TrimStart().StartsWith("Content-Security-Policy:", StringComparison.Ordinal))
            {
                rules[^1] = (rules[^1].For, line.Split(':', 2)[1].Trim());
            }
        }

        return rules;
    }
}
