using Microsoft.Playwright;

namespace BackCareSite.BrowserTests.Support;

/// <summary>
/// What a page complained about while a test drove it: console errors and warnings (a missing
/// favicon aside: the static test server has none), uncaught script errors, and Content Security
/// Policy violations. Start watching before the page is opened.
/// </summary>
public sealed class PageProblems
{
    private readonly IPage _page;
    private readonly List<string> _problems = [];

    private PageProblems(IPage page) => _page = page;

    /// <summary>Console messages and script errors, in the order they came.</summary>
    public IReadOnlyList<string> Logged => _problems;

    public static async Task<PageProblems> WatchAsync(IPage page, bool workers = false)
    {
        var watch = new PageProblems(page);
        page.Console += (_, message) =>
        {
            if (message.Type is "error" or "warning" && !IsFaviconMiss(message))
            {
                watch._problems.Add($"console {message.Type}: {message.Text} {message.Location}");
            }
        };
        page.PageError += (_, error) => watch._problems.Add("page error: " + error);
        if (workers)
        {
            page.Worker += (_, worker) => watch._problems.Add("worker started: " + worker.Url);
        }

        await page.AddInitScriptAsync("""
            window.__violations = [];
            document.addEventListener('securitypolicyviolation', e => window.__violations.push(e.violatedDirective + ' ' + e.blockedURI));
            """);
        return watch;
    }

    /// <summary>The CSP violations the current document reported (directive and blocked address).</summary>
    public Task<string[]> ViolationsAsync() => _page.EvaluateAsync<string[]>("() => window.__violations");

    private static bool IsFaviconMiss(IConsoleMessage message) =>
        message.Location.EndsWith("/favicon.ico:0:0", StringComparison.Ordinal) || message.Location.EndsWith("/favicon.ico", StringComparison.Ordinal);
}
