using BackCareSite.BrowserTests.Support;
using Microsoft.Playwright;

namespace BackCareSite.BrowserTests;

/// <summary>
/// The fixture hands a page a test has finished with to the next test (a new page costs Chromium
/// about three times a navigation): such a page must come back as a new one would, with nothing
/// of what the previous test did to it.
/// </summary>
[Collection(SiteCollection.Name)]
public sealed class SiteFixtureTests(SiteFixture site)
{
    private readonly SiteFixture site = site.ForTest();

    [BrowserFact]
    public async Task APageServesTheNextTestOnlyAfterItsRoutesMediaAndDocumentAreReset()
    {
        var page = await site.NewPageAsync(width: 1280);
        await page.RouteAsync("**/red-flags/**", route => route.FulfillAsync(new() { Status = 418, ContentType = "text/html", Body = "<title>routed</title>" }));
        await page.EmulateMediaAsync(new() { Media = Media.Print });
        Assert.Equal(418, (await page.GotoAsync(site.BaseUrl + "/red-flags/"))!.Status);
        await site.ReleaseAsync(page);

        var again = await site.NewPageAsync(width: 1280);
        Assert.Same(page, again);
        Assert.Equal("about:blank", again.Url);
        Assert.Equal(200, (await again.GotoAsync(site.BaseUrl + "/red-flags/"))!.Status);
        Assert.False(await again.EvaluateAsync<bool>("() => matchMedia('print').matches"), "the page still emulates print");

        // Another width or JavaScript setting is another context, and a page of a test's own is closed, not reused.
        Assert.NotSame(page, await site.NewPageAsync(width: 375));
        var own = await site.NewPageAsync(width: 1280, own: true);
        Assert.NotSame(page, own);
        await site.ReleaseAsync(own);
        Assert.True(own.IsClosed);
    }
}
