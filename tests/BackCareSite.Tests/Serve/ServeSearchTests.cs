using System.Net;
using System.Text.Json;
using BackCareSite.Build;
using BackCareSite.Search;
using BackCareSite.Serve;
using BackCareSite.Tests.Support;

namespace BackCareSite.Tests.Serve;

/// <summary><c>serve</c> with Pagefind installed: the preview gets a search index, and a new one after a save.</summary>
public sealed class ServeSearchTests
{
    [NpmToolFact("pagefind")]
    public async Task ThePreviewIsIndexedAfterTheFirstBuildAndAgainAfterASave()
    {
        using var site = new TempSite().Article("sitting-well", body: "Sit with your feet flat.", title: "Sitting well");
        var options = new BuildOptions
        {
            ContentDir = site.ContentDir, TemplatesDir = site.TemplatesDir, Today = new DateOnly(2026, 6, 1),
            Search = SearchOptions.Find(RepoPaths.Root, required: false),
        };
        await using var host = await ServeHost.StartAsync(options, 0, Path.Combine(site.Root, "netlify.toml"), TextWriter.Null, TextWriter.Null);
        using var http = new HttpClient { BaseAddress = host.Address, Timeout = TimeSpan.FromSeconds(20) };

        Assert.Equal(1, await IndexedPagesAsync(http, want: 1));
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("pagefind/pagefind.js")).StatusCode);

        site.Article("walking", body: "Walk a little every day.", title: "Walking");
        Assert.Equal(2, await IndexedPagesAsync(http, want: 2));
        Assert.False(Directory.Exists(site.OutDir), "serve must never write the output folder");
    }

    /// <summary>Pages in the served index once it holds <paramref name="want"/> (or after a minute, whatever it holds).</summary>
    private static async Task<int> IndexedPagesAsync(HttpClient http, int want)
    {
        var pages = 0;
        for (var deadline = DateTime.UtcNow.AddMinutes(1); DateTime.UtcNow < deadline; await Task.Delay(200))
        {
            var response = await http.GetAsync("pagefind/pagefind-entry.json");
            if (response.StatusCode == HttpStatusCode.OK)
            {
                using var entry = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
                pages = entry.RootElement.GetProperty("languages").EnumerateObject().Sum(l => l.Value.GetProperty("page_count").GetInt32());
                if (pages == want)
                {
                    break;
                }
            }
        }

        return pages;
    }
}
