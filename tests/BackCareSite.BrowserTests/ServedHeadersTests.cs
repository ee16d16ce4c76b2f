using BackCareSite.BrowserTests.Support;

namespace BackCareSite.BrowserTests;

/// <summary>
/// The built sample site served as Netlify serves it (netlify.toml headers,
/// 404.html for unknown paths): what a reader's browser actually receives.
/// </summary>
[Collection(SecondSiteCollection.Name)]
public sealed class ServedHeadersTests(SiteFixture site)
{
    private readonly SiteFixture site = site.ForTest();

    [BrowserFact]
    public async Task UnknownAddressesGetThe404PageWithStatus404AndTheSecurityHeaders()
    {
        using var http = new HttpClient();
        var response = await http.GetAsync(site.BaseUrl + "/no-such-page/");

        Assert.Equal(System.Net.HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal(await File.ReadAllTextAsync(Path.Combine(site.OutDir, "404.html")), await response.Content.ReadAsStringAsync());
        Assert.Contains("frame-ancestors 'none'", string.Join(' ', response.Headers.GetValues("Content-Security-Policy")));
    }

    [BrowserFact]
    public async Task PagesRevalidateAndFingerprintedAssetsAreCachedForAYear()
    {
        using var http = new HttpClient();
        var page = await http.GetAsync(site.BaseUrl + "/red-flags/");
        Assert.Equal("public, max-age=0, must-revalidate", page.Headers.NonValidated["Cache-Control"].ToString());
        Assert.Equal("nosniff", string.Join(',', page.Headers.GetValues("X-Content-Type-Options")));

        var html = await page.Content.ReadAsStringAsync();
        var assets = System.Text.RegularExpressions.Regex.Matches(html, "/assets/[a-z0-9-]+\\.[0-9a-f]{10}\\.(css|js)").Select(m => m.Value).Distinct().ToList();
        Assert.Equal(2, assets.Count);
        foreach (var asset in assets)
        {
            var response = await http.GetAsync(site.BaseUrl + asset);
            Assert.True(response.IsSuccessStatusCode, asset);
            Assert.Equal("public, max-age=31536000, immutable", response.Headers.NonValidated["Cache-Control"].ToString());
        }
    }
}
