using System.Collections.Concurrent;

namespace BackCareSite.BrowserTests.Support;

/// <summary>
/// One page of each type of the sample site, visited once per width for the whole run and read for
/// every check made at that width: how wide the page lays out, the headings a screen reader lists,
/// and, at the widths axe checks, axe's serious and critical violations. The tests that check page
/// types (sideways scrolling, repeated headings, axe) assert on these visits rather than each going
/// through the same pages again: a navigation is about a third of a second of Chromium's CPU, axe
/// about a second a page (docs/performance.md).
/// </summary>
public static class PageTypeSweep
{
    /// <summary>One page of each type (the 404 page is fetched at an address that does not exist; privacy is the same type as about).</summary>
    public static readonly string[] PageTypes =
    [
        "/", "/articles/", "/articles/staying-active-with-back-pain/", "/exercises/", "/exercises/knee-rolls/",
        "/tags/", "/tags/exercise/", "/about/", "/contact/", "/red-flags/", "/no-such-page/",
    ];

    /// <summary>The widths at which every page type is also checked with axe: a phone's and a desktop's.</summary>
    public static readonly int[] AxeWidths = [375, 1280];

    private static readonly ConcurrentDictionary<int, Lazy<Task<IReadOnlyList<PageTypeVisit>>>> Visits = new();

    /// <summary>
    /// Each page type as laid out at <paramref name="width"/> px: visited by the first test to ask (in
    /// <paramref name="site"/>'s browser context for that width), then the same visits for every test.
    /// The fixtures of both collections serve the one build of the site (<see cref="SampleSiteBuild"/>).
    /// </summary>
    public static Task<IReadOnlyList<PageTypeVisit>> AtAsync(SiteFixture site, int width) =>
        Visits.GetOrAdd(width, w => new Lazy<Task<IReadOnlyList<PageTypeVisit>>>(() => VisitAsync(site, w))).Value;

    private static async Task<IReadOnlyList<PageTypeVisit>> VisitAsync(SiteFixture site, int width)
    {
        var visits = new List<PageTypeVisit>();
        // One tab, going from page to page as a reader does: the pages keep no state.
        var page = await site.NewPageAsync(width: width);
        foreach (var path in PageTypes)
        {
            await page.GotoAsync(site.BaseUrl + path);
            var scrollWidth = await page.EvaluateAsync<int>("document.documentElement.scrollWidth");
            // Headings as a screen reader's list of headings reads them (text content, whitespace collapsed).
            var headings = await page.Locator("h1, h2, h3, h4, h5, h6").EvaluateAllAsync<string[]>(
                "hs => hs.filter(h => h.getClientRects().length > 0).map(h => h.textContent.replace(/\\s+/g, ' ').trim())");
            // Axe last: its script, once in the page, changes nothing the two readings above see.
            var axe = AxeWidths.Contains(width) ? await Axe.SeriousViolationsAsync(page) : null;
            visits.Add(new PageTypeVisit(path, width, scrollWidth, headings, axe));
        }

        await site.ReleaseAsync(page);
        return visits;
    }
}

/// <summary>What one page type showed at one width; <see cref="SeriousViolations"/> is null where axe was not run.</summary>
public sealed record PageTypeVisit(string Path, int Width, int ScrollWidth, IReadOnlyList<string> Headings, IReadOnlyList<string>? SeriousViolations);
