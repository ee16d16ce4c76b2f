using System.Net;
using BackCareSite.Build;
using BackCareSite.Serve;
using BackCareSite.Tests.Support;

namespace BackCareSite.Tests.Serve;

/// <summary>
/// <c>serve</c>'s governance report at <c>/_report/</c> (docs/content-guide.md): the same
/// report as the <c>report</c> command, read afresh on each request so it follows the
/// editor's saves, everything from content escaped, never part of the published site.
/// </summary>
public sealed class ServeReportTests : IAsyncLifetime
{
    private readonly TempSite _site = new();
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(20) };
    private ServeHost? _host;

    public async Task InitializeAsync()
    {
        _site.Article("sitting-well", body: "Sit with your feet flat on the floor and your back supported.", title: "Sitting <em>well</em> & often");
        _host = await ServeHost.StartAsync(
            new BuildOptions { ContentDir = _site.ContentDir, TemplatesDir = _site.TemplatesDir, Today = new DateOnly(2026, 6, 1) },
            0, Path.Combine(_site.Root, "netlify.toml"), TextWriter.Null, TextWriter.Null);
        _http.BaseAddress = _host.Address;
    }

    public async Task DisposeAsync()
    {
        if (_host is not null)
        {
            await _host.DisposeAsync();
        }

        _http.Dispose();
        _site.Dispose();
    }

    [Fact]
    public async Task TheReportListsEachPageWithItsContentEscaped()
    {
        var response = await _http.GetAsync("_report/");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("<h1>Governance report</h1>", html);
        Assert.Contains("Sitting &lt;em&gt;well&lt;/em&gt; &amp; often", html);
        Assert.Contains("content/articles/sitting-well.md</code>", html);
        Assert.DoesNotContain("<em>well</em>", html);
    }

    [Fact]
    public async Task TheReportFollowsASaveWithoutARestart()
    {
        Assert.DoesNotContain("Walking every day", await _http.GetStringAsync("_report/"));

        _site.Article("walking", body: "Walk a little further each day, at a pace that lets you talk.", title: "Walking every day");

        Assert.Contains("Walking every day", await _http.GetStringAsync("_report/"));
    }

    [Fact]
    public async Task TheReportIsNeverPartOfTheSite()
    {
        var site = await _http.GetStringAsync("sitemap.xml");

        Assert.DoesNotContain("_report", site);
        Assert.False(Directory.Exists(_site.OutDir), "serve must never write the output folder");
        using var built = new TempSite().Article("sitting-well");
        built.Build().Succeeded();
        Assert.False(Directory.Exists(Path.Combine(built.OutDir, "_report")));
    }
}
