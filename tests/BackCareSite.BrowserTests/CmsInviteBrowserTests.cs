using BackCareSite.BrowserTests.Support;

namespace BackCareSite.BrowserTests;

/// <summary>
/// Netlify Identity's e-mails to editors link to the home page with a token in the
/// fragment; the home page sends the editor on to the content manager with the token,
/// where Netlify's widget accepts the invitation. Readers are never moved.
/// </summary>
[Collection(SiteCollection.Name)]
public sealed class CmsInviteBrowserTests(SiteFixture site)
{
    private readonly SiteFixture site = site.ForTest();

    [BrowserFact]
    public async Task AnEditorsLinkFromAnEmailOpensTheCmsWithItsToken()
    {
        foreach (var fragment in new[] { "#invite_token=AbC123-x_y", "#recovery_token=AbC123", "#confirmation_token=AbC123", "#email_change_token=AbC123" })
        {
            var page = await site.NewPageAsync(width: 1280);
            // The content manager itself is not under test here: answer /admin/ with an empty page.
            await page.RouteAsync("**/admin/**", route => route.FulfillAsync(new() { Status = 200, ContentType = "text/html", Body = "<!DOCTYPE html><title>CMS</title>" }));
            await page.GotoAsync(site.BaseUrl + "/" + fragment);
            await page.WaitForURLAsync(site.BaseUrl + "/admin/" + fragment);
            await site.ReleaseAsync(page);
        }
    }

    [BrowserFact]
    public async Task AReaderStaysOnTheHomePageWhateverItsFragment()
    {
        var page = await site.NewPageAsync();
        var requests = new List<string>();
        page.Request += (_, r) => requests.Add(r.Url);
        await page.GotoAsync(site.BaseUrl + "/#latest-heading");
        // The script has run once the page's deferred scripts have: DOMContentLoaded waits for them.
        await page.WaitForLoadStateAsync(Microsoft.Playwright.LoadState.DOMContentLoaded);
        var ran = await page.EvaluateAsync<bool>("() => [...document.scripts].some(s => s.src.includes('/assets/cms-invite.'))");
        var url = page.Url;
        await site.ReleaseAsync(page);

        Assert.True(ran, "the home page does not load cms-invite.js");
        Assert.Equal(site.BaseUrl + "/#latest-heading", url);
        Assert.DoesNotContain(requests, r => r.Contains("/admin/", StringComparison.Ordinal));
    }
}
