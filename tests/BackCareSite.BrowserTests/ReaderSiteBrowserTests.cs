using BackCareSite.BrowserTests.Support;
using Microsoft.Playwright;

namespace BackCareSite.BrowserTests;

/// <summary>
/// The reader's site as a patient meets it (#18): nothing said twice, one foot on each
/// health page, a short exercise index, a checker result that never covers a ticked
/// box, and a menu on one row on large screens.
/// </summary>
[Collection(SecondSiteCollection.Name)]
public sealed class ReaderSiteBrowserTests(SiteFixture site)
{
    private readonly SiteFixture site = site.ForTest();

    private const string Booking = "https://booking.physiobox.example/";

    private static readonly string[] HealthPages =
    [
        "/articles/staying-active-with-back-pain/", "/articles/what-physiotherapy-involves/", "/articles/when-to-see-a-physiotherapist/",
        "/exercises/knee-rolls/", "/exercises/pelvic-tilts/", "/exercises/swimming/",
    ];

    [BrowserFact]
    public async Task NoPageShowsTheSameHeadingTextTwice()
    {
        var visits = await PageTypeSweep.AtAsync(site, 1280);
        Assert.Equal(PageTypeSweep.PageTypes, visits.Select(v => v.Path));
        var problems = visits.SelectMany(v => v.Headings.GroupBy(h => h, StringComparer.Ordinal).Where(g => g.Count() > 1)
            .Select(g => $"{v.Path}: `{g.Key}` {g.Count()} times")).ToList();

        Assert.True(problems.Count == 0, string.Join('\n', problems));
    }

    [BrowserFact]
    public async Task EachHealthPageShowsOneDisclaimerAndOneBookingButton()
    {
        var problems = new List<string>();
        var page = await site.NewPageAsync(width: 375);
        foreach (var path in HealthPages)
        {
            await page.GotoAsync(site.BaseUrl + path);
            var disclaimer = (await page.Locator(".health-foot .disclaimer").InnerTextAsync()).Trim();
            var text = await page.Locator("body").InnerTextAsync();
            var disclaimers = Occurrences(text, disclaimer[..60]);
            // A booking button: a link to the booking page that looks like a button (the menu's "Book" is a menu item).
            var buttons = await page.Locator($"a.button[href='{Booking}']:visible").CountAsync();
            var bookTexts = await page.Locator("a:visible", new PageLocatorOptions { HasTextRegex = new System.Text.RegularExpressions.Regex("^\\s*Book an appointment\\s*$") }).CountAsync();
            if (disclaimers != 1 || buttons != 1 || bookTexts != 1)
            {
                problems.Add($"{path}: {disclaimers} disclaimers, {buttons} booking buttons, {bookTexts} links `Book an appointment`");
            }
        }

        await site.ReleaseAsync(page);

        Assert.True(problems.Count == 0, string.Join('\n', problems));
    }

    [BrowserFact]
    public async Task ExerciseIndexOnAPhoneIsShorterThanTwoFullCards()
    {
        // The full card, as an article shows it under "Exercises in this article".
        var article = await site.NewPageAsync(width: 375);
        await article.GotoAsync(site.BaseUrl + "/articles/staying-active-with-back-pain/");
        // Laid out in full: off screen, content-visibility would give its placeholder size.
        var cardHeight = await article.Locator(".article-exercises .exercise-card").First.EvaluateAsync<double>(
            "c => { c.style.contentVisibility = 'visible'; return c.getBoundingClientRect().height; }");
        await site.ReleaseAsync(article);

        var index = await site.NewPageAsync(width: 375);
        await index.GotoAsync(site.BaseUrl + "/exercises/");
        var indexHeight = await index.EvaluateAsync<double>("document.documentElement.scrollHeight");
        await site.ReleaseAsync(index);

        Assert.True(cardHeight > 600, $"a full card is {cardHeight} px tall: is it still the full card?");
        Assert.True(indexHeight < 2 * cardHeight, $"/exercises/ is {indexHeight} px tall at 375 px, one full card {cardHeight} px");
    }

    [BrowserFact]
    public Task CheckerResultNeverCoversATickedCheckboxAt375Pixels() => CheckerResultNeverCoversATickedCheckbox(375);

    [BrowserFact]
    public Task CheckerResultNeverCoversATickedCheckboxAt768Pixels() => CheckerResultNeverCoversATickedCheckbox(768);

    [BrowserFact]
    public Task CheckerResultNeverCoversATickedCheckboxAt1280Pixels() => CheckerResultNeverCoversATickedCheckbox(1280);

    private async Task CheckerResultNeverCoversATickedCheckbox(int width)
    {
        var page = await site.NewPageAsync(width: width);
        await page.GotoAsync(site.BaseUrl + "/red-flags/");
        await page.Locator("form[data-red-flag-checker][data-ready]").WaitForAsync();
        var boxes = page.Locator("form[data-red-flag-checker] input[type=checkbox]");
        var problems = new List<string>();
        for (var i = 0; i < await boxes.CountAsync(); i++)
        {
            var box = boxes.Nth(i);
            await box.ScrollIntoViewIfNeededAsync();
            await box.CheckAsync();
            // In the viewport as it is now (a sticky result moves with the scroll).
            var overlap = await box.EvaluateAsync<bool>("""
                b => {
                  const r = b.closest('form').querySelector('.red-flag-result').getBoundingClientRect();
                  const c = b.getBoundingClientRect();
                  return r.width > 0 && c.left < r.right && r.left < c.right && c.top < r.bottom && r.top < c.bottom;
                }
                """);
            if (overlap)
            {
                problems.Add($"box {i} ({await box.GetAttributeAsync("value")})");
            }
        }

        Assert.True(problems.Count == 0, $"at {width} px the result covers: {string.Join(", ", problems)}");

        // On a phone the result follows the list; a link near the ticked box leads to it, and it stays a live region.
        var result = page.Locator(".red-flag-result");
        Assert.Equal("polite", await result.GetAttributeAsync("aria-live"));
        if (width < 800)
        {
            var link = page.Locator(".red-flag-group-emergency .red-flag-to-result a");
            Assert.True(await link.IsVisibleAsync(), $"no link to the result in the emergency group at {width} px");
            await link.ClickAsync();
            Assert.True(await result.EvaluateAsync<bool>("r => { const b = r.getBoundingClientRect(); return b.top >= 0 && b.top < innerHeight; }"),
                "the link did not bring the result into view");
        }

        await site.ReleaseAsync(page);
    }

    [BrowserFact]
    public Task MenuIsOneRowBesideTheLogoAt1024Pixels() => MenuIsOneRowBesideTheLogo(1024);

    [BrowserFact]
    public Task MenuIsOneRowBesideTheLogoAt1280Pixels() => MenuIsOneRowBesideTheLogo(1280);

    private async Task MenuIsOneRowBesideTheLogo(int width)
    {
        var page = await site.NewPageAsync(width: width);
        await page.GotoAsync(site.BaseUrl + "/");
        var tops = await page.Locator(".site-nav li").EvaluateAllAsync<double[]>("lis => lis.map(li => li.getBoundingClientRect().top)");
        var brand = (await page.Locator(".brand").BoundingBoxAsync())!;
        var nav = (await page.Locator(".site-nav").BoundingBoxAsync())!;
        await site.ReleaseAsync(page);

        Assert.True(tops.Length >= 5, $"only {tops.Length} menu items");
        Assert.True(tops.Max() - tops.Min() < 1, $"at {width} px the menu wraps: item tops {string.Join(", ", tops)}");
        Assert.True(nav.Y < brand.Y + brand.Height, $"at {width} px the menu is below the logo, not beside it");
    }

    [BrowserFact]
    public async Task NoPageTypeScrollsSidewaysAt200PercentZoom()
    {
        // 1280 px at 200% zoom lays pages out in 640 CSS pixels.
        var problems = new List<string>();
        var context = await SharedChromium.NewContextAsync(new BrowserNewContextOptions
        {
            ViewportSize = new ViewportSize { Width = 640, Height = 400 },
            DeviceScaleFactor = 2,
        });
        var page = await context.NewPageAsync();
        foreach (var path in PageTypeSweep.PageTypes)
        {
            await page.GotoAsync(site.BaseUrl + path);
            var scrollWidth = await page.EvaluateAsync<int>("document.documentElement.scrollWidth");
            if (scrollWidth > 640)
            {
                problems.Add($"{path} is {scrollWidth}px wide");
            }
        }

        await context.CloseAsync();

        Assert.True(problems.Count == 0, string.Join('\n', problems));
    }

    private static int Occurrences(string text, string part)
    {
        var count = 0;
        for (var at = text.IndexOf(part, StringComparison.Ordinal); at >= 0; at = text.IndexOf(part, at + part.Length, StringComparison.Ordinal))
        {
            count++;
        }

        return count;
    }
}
