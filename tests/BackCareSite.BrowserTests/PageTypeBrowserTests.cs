using BackCareSite.BrowserTests.Support;
using Microsoft.Playwright;

namespace BackCareSite.BrowserTests;

/// <summary>Each page type of the sample site in Chromium at phone widths: axe, reflow, and the exercise filter.</summary>
[Collection(SiteCollection.Name)]
public sealed class PageTypeBrowserTests(SiteFixture site)
{
    private readonly SiteFixture site = site.ForTest();

    [BrowserFact]
    public async Task AxeFindsNoSeriousOrCriticalViolationOnAnyPageTypeAt375And1280Pixels()
    {
        var problems = new List<string>();
        foreach (var width in PageTypeSweep.AxeWidths)
        {
            var visits = await PageTypeSweep.AtAsync(site, width);
            Assert.Equal(PageTypeSweep.PageTypes, visits.Select(v => v.Path));
            problems.AddRange(visits.SelectMany(v => v.SeriousViolations!.Select(violation => $"{v.Path} at {width} px: {violation}")));
        }

        Assert.Equal([375, 1280], PageTypeSweep.AxeWidths);
        Assert.True(problems.Count == 0, string.Join('\n', problems));
    }

    /// <summary>The check above can fail: axe, run as every browser test runs it, reports a page's serious faults, and refuses a page with a frame it would not look into.</summary>
    [BrowserFact]
    public async Task AxeAsRunHereReportsThePicturesWithoutAltTextAndTheUnreadableText()
    {
        var page = await site.NewPageAsync(width: 375);
        await page.SetContentAsync("""
            <!doctype html><html lang="en"><head><title>Faults</title></head>
            <body><main><h1>Faults</h1><img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=">
            <p style="color:#bbb;background:#fff">Grey on white</p></main></body></html>
            """);
        var serious = await Axe.SeriousViolationsAsync(page);
        await page.SetContentAsync("""<!doctype html><html lang="en"><title>Framed</title><main><iframe title="x" src="about:blank"></iframe></main></html>""");
        var framed = await Record.ExceptionAsync(() => Axe.SeriousViolationsAsync(page));
        await site.ReleaseAsync(page);

        Assert.Contains(serious, v => v.Contains(" image-alt:", StringComparison.Ordinal));
        Assert.Contains(serious, v => v.Contains(" color-contrast:", StringComparison.Ordinal));
        Assert.Contains("has a frame", framed?.Message);
    }

    [BrowserFact]
    public async Task NoPageTypeScrollsSidewaysAt375Or320Pixels()
    {
        var problems = new List<string>();
        foreach (var width in new[] { 375, 320 })
        {
            var visits = await PageTypeSweep.AtAsync(site, width);
            Assert.Equal(PageTypeSweep.PageTypes, visits.Select(v => v.Path));
            problems.AddRange(visits.Where(v => v.ScrollWidth > width).Select(v => $"{v.Path} at {width}px is {v.ScrollWidth}px wide"));
        }

        Assert.True(problems.Count == 0, string.Join('\n', problems));
    }

    [BrowserFact]
    public async Task ExerciseIndexShowsEveryCardWithoutJavaScript()
    {
        var page = await site.NewPageAsync(javaScript: false);
        await page.GotoAsync(site.BaseUrl + "/exercises/");

        Assert.False(await page.Locator("#exercise-filter").IsVisibleAsync());
        Assert.Equal(5, await page.Locator(".exercise-card:visible").CountAsync());
        await site.ReleaseAsync(page);
    }

    [BrowserFact]
    public async Task ExerciseFilterHidesCardsThatDoNotMatchAndSaysHowManyAreShown()
    {
        var page = await site.NewPageAsync();
        await page.GotoAsync(site.BaseUrl + "/exercises/");
        var visibleTitles = page.Locator(".exercise-card:visible .card-title");

        Assert.True(await page.Locator("#exercise-filter").IsVisibleAsync());
        await page.SelectOptionAsync("#filter-pregnancy", "yes");
        Assert.Equal(["Pelvic tilts"], await visibleTitles.AllTextContentsAsync());
        Assert.Equal("Showing 1 of 5 exercises.", await page.Locator(".filter-status").TextContentAsync());
        Assert.False(await page.Locator(".difficulty-group[data-group=moderate]").IsVisibleAsync());

        await page.SelectOptionAsync("#filter-pregnancy", "");
        await page.SelectOptionAsync("#filter-equipment", "goggles");
        Assert.Equal(["Swimming and water exercise"], await visibleTitles.AllTextContentsAsync());

        await page.SelectOptionAsync("#filter-equipment", "none");
        await page.SelectOptionAsync("#filter-position", "lying");
        Assert.Equal(["Knee rolls", "Pelvic tilts"], await visibleTitles.AllTextContentsAsync());

        await page.SelectOptionAsync("#filter-difficulty", "moderate");
        Assert.Equal(0, await visibleTitles.CountAsync());
        Assert.Equal("Showing 0 of 5 exercises: try fewer filters.", await page.Locator(".filter-status").TextContentAsync());
        await site.ReleaseAsync(page);
    }

    [BrowserFact]
    public async Task SkipLinkAppearsOnFocusAndMovesToTheMainContent()
    {
        var page = await site.NewPageAsync();
        await page.GotoAsync(site.BaseUrl + "/articles/staying-active-with-back-pain/");

        await page.Keyboard.PressAsync("Tab");
        var skip = page.Locator(".skip-link");
        Assert.True(await skip.EvaluateAsync<bool>("e => e === document.activeElement"));
        var box = await skip.BoundingBoxAsync();
        Assert.True(box is not null && box.Y >= 0, "the focused skip link must be on screen");
        await page.Keyboard.PressAsync("Enter");
        Assert.Equal("main", await page.EvaluateAsync<string>("document.activeElement.id"));
        await site.ReleaseAsync(page);
    }

    [BrowserFact]
    public async Task ExercisePagePrintsWithoutNavigationAndWithItsStepsAndCautions()
    {
        var page = await site.NewPageAsync();
        await page.GotoAsync(site.BaseUrl + "/exercises/knee-rolls/");
        await page.EmulateMediaAsync(new PageEmulateMediaOptions { Media = Media.Print });

        Assert.False(await page.Locator(".site-header").IsVisibleAsync());
        Assert.False(await page.Locator(".site-nav").IsVisibleAsync());
        Assert.True(await page.Locator(".card-steps").IsVisibleAsync());
        Assert.True(await page.Locator(".card-cautions").IsVisibleAsync());
        Assert.Equal("avoid", await page.Locator(".card-cautions").EvaluateAsync<string>("e => getComputedStyle(e).breakInside"));
        await site.ReleaseAsync(page);
    }

    [BrowserFact]
    public async Task EveryExercisePrintsOnOneA4Sheet()
    {
        var problems = new List<string>();
        foreach (var slug in new[] { "knee-rolls", "pelvic-tilts", "knee-hugs", "swimming", "walking" })
        {
            var page = await site.NewPageAsync();
            await page.GotoAsync(site.BaseUrl + $"/exercises/{slug}/");
            var pdf = System.Text.Encoding.Latin1.GetString(await page.PdfAsync(new PagePdfOptions { Format = "A4" }));
            var sheets = System.Text.RegularExpressions.Regex.Count(pdf, @"/Type\s*/Page[^s]");
            if (sheets != 1)
            {
                problems.Add($"{slug}: {sheets} pages");
            }

            await site.ReleaseAsync(page);
        }

        Assert.True(problems.Count == 0, string.Join('\n', problems));
    }
}
