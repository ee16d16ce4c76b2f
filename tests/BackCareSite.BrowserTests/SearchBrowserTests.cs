using BackCareSite.BrowserTests.Support;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace BackCareSite.BrowserTests;

/// <summary>
/// /search/ in Chromium, served with netlify.toml's headers (the production CSP):
/// Pagefind's index of the sample site, searched through templates/assets/search.js.
/// </summary>
[Collection(SecondSiteCollection.Name)]
public sealed class SearchBrowserTests(SiteFixture site, ITestOutputHelper output)
{
    private readonly SiteFixture site = site.ForTest();

    /// <summary>
    /// What one search may download at most, the first time: Pagefind's script, worker and
    /// WebAssembly, the index chunk for the word and the results' fragments (docs/performance.md).
    /// </summary>
    private const long FirstQueryBudget = 300_000;

    [BrowserNpmFact("pagefind")]
    public async Task AFirstQueryDownloadsLittleAndOnlyFromThisSite()
    {
        // A context of its own: an empty cache, and the context's every request is this test's.
        var page = await site.NewPageAsync(fresh: true);
        var downloads = new System.Collections.Concurrent.ConcurrentDictionary<string, long>();
        // Every request the page or its worker makes, until it has finished (its size recorded) or failed.
        var pending = new System.Collections.Concurrent.ConcurrentDictionary<IRequest, string>();
        page.Context.Request += (_, request) => pending[request] = request.Url;
        page.Context.RequestFailed += (_, request) => pending.TryRemove(request, out string? _);
        page.Context.RequestFinished += async (_, request) =>
        {
            var sizes = await request.SizesAsync();
            downloads[request.Url] = sizes.ResponseBodySize;
            pending.TryRemove(request, out string? _);
        };

        await page.GotoAsync(site.BaseUrl + "/search/?q=knee");
        await WaitForResultsAsync(page);
        // The first search is over when nothing is in flight for half a second: Playwright's own
        // "networkidle" never came once in a loaded run, and would not say which request it waited for.
        await WaitUntilQuietAsync(pending, TimeSpan.FromMilliseconds(500), TimeSpan.FromMilliseconds(SharedChromium.Patience));

        Assert.All(downloads.Keys, url => Assert.StartsWith(site.BaseUrl + "/", url));
        var search = downloads.Where(d => d.Key.Contains("/pagefind/", StringComparison.Ordinal)).OrderBy(d => d.Key, StringComparer.Ordinal).ToList();
        foreach (var (url, bytes) in search)
        {
            output.WriteLine($"{bytes,9:N0}  {url[site.BaseUrl.Length..]}");
        }

        var total = search.Sum(d => d.Value);
        output.WriteLine($"{total,9:N0}  bytes from /pagefind/ for a first search");
        Assert.Contains(search, d => d.Key.EndsWith("/pagefind/pagefind.js", StringComparison.Ordinal));
        Assert.DoesNotContain(search, d => d.Key.Contains("-ui.", StringComparison.Ordinal));
        Assert.True(total < FirstQueryBudget, $"a first search downloaded {total:N0} bytes");
    }

    [BrowserNpmFact("pagefind")]
    public async Task KneeFindsBothKneeExercisesFirst()
    {
        var page = await SearchAsync("/search/?q=knee");
        var urls = await ResultUrlsAsync(page);
        Assert.True(urls.Count >= 2, "results: " + string.Join(", ", urls));
        Assert.Equal(["/exercises/knee-hugs/", "/exercises/knee-rolls/"], urls.Take(2).Order(StringComparer.Ordinal));
    }

    [BrowserNpmFact("pagefind")]
    public async Task WalkingAndPregnancyFindTheirExerciseFirst()
    {
        var walking = await ResultUrlsAsync(await SearchAsync("/search/?q=walking"));
        Assert.Equal("/exercises/walking/", walking.FirstOrDefault());

        // Pelvic tilts is the one exercise the clinic says suits pregnancy. Its text says "pregnant",
        // which Pagefind does not stem to "pregnancy", so its "In pregnancy: Suitable" fact is weighted
        // above the "ask a physiotherapist first" that every other exercise's fact says.
        var pregnancy = await ResultUrlsAsync(await SearchAsync("/search/?q=pregnancy"));
        output.WriteLine("pregnancy: " + string.Join(", ", pregnancy));
        Assert.Equal("/exercises/pelvic-tilts/", pregnancy.FirstOrDefault());
        Assert.Contains("/articles/staying-active-with-back-pain/", pregnancy);
        var pregnant = await ResultUrlsAsync(await SearchAsync("/search/?q=pregnant"));
        Assert.Equal("/exercises/pelvic-tilts/", pregnant.FirstOrDefault());
    }

    [BrowserNpmFact("pagefind")]
    public async Task EachResultHasTitleTypeAndExcerptWithTheWordMarked()
    {
        var page = await SearchAsync("/search/?q=knee");
        var first = page.Locator(".search-result").First;
        Assert.Contains("Knee", await first.Locator("h2 a").InnerTextAsync());
        Assert.Equal("Exercise", await first.Locator(".search-type").TextContentAsync());
        Assert.Contains("knee", (await first.Locator(".search-excerpt mark").First.InnerTextAsync()).ToLowerInvariant());
    }

    [BrowserNpmFact("pagefind")]
    public async Task TheHeaderFieldSearchesFromAnyPageWithTheKeyboard()
    {
        var page = await site.NewPageAsync();
        await page.GotoAsync(site.BaseUrl + "/red-flags/");
        // Keys go to the field itself (each press focuses it first): under load a page script that
        // ran late could take the focus between a FocusAsync and the typing.
        var field = page.Locator("#header-search");
        await field.PressSequentiallyAsync("knee");
        await field.PressAsync("Enter");
        // The address is the test; the results are waited for by what the page shows, not by its load event,
        // which under CI load once never came (some subresource of the test server's never finished).
        await page.WaitForURLAsync("**/search/?q=knee", new() { WaitUntil = WaitUntilState.Commit });
        await WaitForResultsAsync(page);
        Assert.Equal("knee", await page.Locator("#search-query").InputValueAsync());
        Assert.Contains("/exercises/knee-hugs/", await ResultUrlsAsync(page));
    }

    [BrowserNpmFact("pagefind")]
    public async Task AFilterNarrowsTheResultsAndGoesInTheAddress()
    {
        var page = await SearchAsync("/search/?q=back");
        var all = await ResultUrlsAsync(page);
        Assert.Contains(all, u => u.StartsWith("/articles/", StringComparison.Ordinal));
        Assert.Contains(all, u => u.StartsWith("/exercises/", StringComparison.Ordinal));

        // Open the filters and tick "Exercises" from the keyboard.
        await page.Locator(".search-filters summary").FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        var exercisesOnly = page.Locator("input[name=type][value=Exercise]");
        await exercisesOnly.WaitForAsync(new() { State = WaitForSelectorState.Visible });
        await exercisesOnly.FocusAsync();
        await Assertions.Expect(exercisesOnly).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("Space");
        await Assertions.Expect(exercisesOnly).ToBeCheckedAsync();
        await WaitForSearchAsync(page, "?q=back&type=Exercise");
        var exercises = await ResultUrlsAsync(page);
        Assert.NotEmpty(exercises);
        Assert.True(exercises.Count < all.Count, $"{exercises.Count} results after the filter, {all.Count} before");
        Assert.All(exercises, u => Assert.StartsWith("/exercises/", u));
        Assert.Contains("with the chosen filters", await page.Locator("#search-status").InnerTextAsync());

        // A difficulty narrows further: only gentle exercises.
        Assert.Contains("/exercises/knee-hugs/", exercises);
        await page.Locator("input[name=difficulty][value=Gentle]").CheckAsync();
        await WaitForSearchAsync(page, "?q=back&type=Exercise&difficulty=Gentle");
        var gentle = await ResultUrlsAsync(page);
        Assert.NotEmpty(gentle);
        Assert.DoesNotContain("/exercises/knee-hugs/", gentle);
    }

    [BrowserNpmFact("pagefind")]
    public async Task TheAddressRestoresASearchWithItsFilters()
    {
        var page = await SearchAsync("/search/?q=lower+back&type=Exercise&area=hips");
        Assert.Equal("lower back", await page.Locator("#search-query").InputValueAsync());
        Assert.True(await page.Locator("input[name=type][value=Exercise]").IsCheckedAsync());
        Assert.True(await page.Locator("input[name=area][value=hips]").IsCheckedAsync());
        Assert.True(await page.Locator(".search-filters").EvaluateAsync<bool>("d => d.open"), "ticked filters are shown");
        Assert.Equal(["/exercises/knee-rolls/"], await ResultUrlsAsync(page));
    }

    [BrowserNpmFact("pagefind")]
    public async Task ResultsAreAnnouncedInALiveRegion()
    {
        var page = await SearchAsync("/search/?q=knee");
        var status = page.Locator("#search-status");
        Assert.Equal("status", await status.GetAttributeAsync("role"));
        Assert.Equal("polite", await status.GetAttributeAsync("aria-live"));
        Assert.Matches(@"^\d+ results for “knee”\.", await status.InnerTextAsync());

        await page.Locator("#search-query").FillAsync("zzxqv");
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(status).ToContainTextAsync("No results for “zzxqv”");
        Assert.Equal(0, await page.Locator(".search-result").CountAsync());
    }

    [BrowserNpmFact("pagefind")]
    public async Task RunsUnderTheProductionCspWithoutViolationsOrConsoleErrors()
    {
        var page = await site.NewPageAsync(own: true);
        var problems = await PageProblems.WatchAsync(page, workers: true);

        var response = await page.GotoAsync(site.BaseUrl + "/search/?q=knee");
        var csp = await response!.HeaderValueAsync("content-security-policy");
        Assert.Contains("script-src 'self' 'wasm-unsafe-eval';", csp);
        Assert.DoesNotContain("unsafe-inline", csp);
        Assert.DoesNotContain("'unsafe-eval'", csp);
        await WaitForResultsAsync(page);
        await page.Locator("#search-query").FillAsync("walking");
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page.Locator("#search-status")).ToContainTextAsync("“walking”");

        Assert.Empty(await problems.ViolationsAsync());
        // Pagefind searches in its web worker (pagefind-worker.js, same origin), not on the main thread.
        Assert.Contains(problems.Logged, p => p.StartsWith("worker started: ", StringComparison.Ordinal) && p.EndsWith("/pagefind/pagefind-worker.js", StringComparison.Ordinal));
        Assert.DoesNotContain(problems.Logged, p => !p.StartsWith("worker started: ", StringComparison.Ordinal));
    }

    [BrowserNpmFact("pagefind")]
    public async Task AxeFindsNothingSeriousAt375PixelsBeforeAndAfterSearching()
    {
        var page = await site.NewPageAsync(width: 375);
        await page.GotoAsync(site.BaseUrl + "/search/");
        await page.Locator("#search-form:not([hidden])").WaitForAsync();
        await Axe.AssertNoSeriousViolationsAsync(page, "an empty search");

        page = await SearchAsync("/search/?q=back&type=Exercise");
        await Axe.AssertNoSeriousViolationsAsync(page, "results and a ticked filter");
    }

    [BrowserNpmFact("pagefind")]
    public async Task WithoutJavaScriptThePageLinksToTheArticleAndExerciseIndexes()
    {
        var page = await site.NewPageAsync(javaScript: false);
        await page.GotoAsync(site.BaseUrl + "/search/?q=knee");
        var fallback = page.Locator("#search-no-script");
        Assert.True(await fallback.IsVisibleAsync());
        Assert.Contains("needs JavaScript", await fallback.InnerTextAsync());
        Assert.Equal(1, await fallback.Locator("a[href='/articles/']").CountAsync());
        Assert.Equal(1, await fallback.Locator("a[href='/exercises/']").CountAsync());
        Assert.False(await page.Locator("#search-form").IsVisibleAsync(), "a form that cannot search is not shown");
        Assert.True(await page.Locator("#header-search").IsVisibleAsync(), "the header field still submits to /search/");
    }

    [BrowserNpmFact("pagefind")]
    public async Task WithoutAnIndexThePageSaysSearchIsUnavailable()
    {
        var page = await site.NewPageAsync();
        await page.RouteAsync("**/pagefind/**", route => route.FulfillAsync(new RouteFulfillOptions { Status = 404, Body = "" }));
        await page.GotoAsync(site.BaseUrl + "/search/?q=knee");
        var unavailable = page.Locator("#search-unavailable");
        await unavailable.WaitForAsync();
        Assert.Contains("Search is unavailable", await unavailable.InnerTextAsync());
        Assert.Equal(1, await unavailable.Locator("a[href='/exercises/']").CountAsync());
        Assert.False(await page.Locator("#search-form").IsVisibleAsync());
        Assert.False(await page.Locator("#search-no-script").IsVisibleAsync());
    }

    private async Task<IPage> SearchAsync(string pathAndQuery)
    {
        var page = await site.NewPageAsync();
        await page.GotoAsync(site.BaseUrl + pathAndQuery);
        await WaitForResultsAsync(page);
        return page;
    }

    /// <summary>
    /// Waits until the page's script is ready and has shown the results of the search in the address:
    /// the form's data-state is "ready", the results list is no longer aria-busy and the status counts results.
    /// </summary>
    private static async Task WaitForResultsAsync(IPage page) =>
        await page.Locator("#search-form[data-state=ready] ~ #search-status:not(:empty) ~ #search-results:not([aria-busy=true])").WaitForAsync();

    /// <summary>
    /// Waits, in the page, until the address holds <paramref name="search"/> (the script puts each search
    /// there with history.replaceState) and that search's results are shown (the list is no longer aria-busy).
    /// </summary>
    private static async Task WaitForSearchAsync(IPage page, string search) =>
        await page.WaitForFunctionAsync(
            "search => location.search === search && document.getElementById('search-results').getAttribute('aria-busy') !== 'true'", search);

    private static async Task WaitUntilQuietAsync(System.Collections.Concurrent.ConcurrentDictionary<IRequest, string> pending, TimeSpan quiet, TimeSpan timeout)
    {
        var watch = System.Diagnostics.Stopwatch.StartNew();
        var quietSince = TimeSpan.Zero;
        while (true)
        {
            if (!pending.IsEmpty)
            {
                quietSince = watch.Elapsed;
            }
            else if (watch.Elapsed - quietSince >= quiet)
            {
                return;
            }

            Assert.True(watch.Elapsed < timeout, "still in flight: " + string.Join(", ", pending.Values));
            await Task.Delay(50);
        }
    }

    private static async Task<List<string>> ResultUrlsAsync(IPage page) =>
        (await page.Locator(".search-result h2 a").EvaluateAllAsync<string[]>("links => links.map(a => a.pathname)")).ToList();
}
