using BackCareSite.Build;
using BackCareSite.BrowserTests.Support;
using BackCareSite.Serve;
using Microsoft.Playwright;

namespace BackCareSite.BrowserTests.Serve;

/// <summary>
/// <c>serve</c> in Chromium under a strict Content-Security-Policy: an open page reloads
/// by itself after a save, shows the error page after a broken save and comes back after
/// the fix, and the live-reload script never trips the CSP.
/// </summary>
public sealed class LiveReloadBrowserTests
{
    private const string Article = "---\ntitle: Sitting well\ndescription: How to sit.\ndate: 2026-01-15\nreview:\n  reviewed_on: 2026-11-02\n  reviewed_by: leila-haddad\n  next_review: 2027-11-02\nsources:\n  - title: Back pain\n    url: https://www.nhs.uk/conditions/back-pain/\n---\n\n{0}\n";

    [BrowserFact]
    public async Task AnOpenPageFollowsEverySaveWithoutACspViolation()
    {
        var root = Path.Combine(Path.GetTempPath(), "bcs-live-" + Guid.NewGuid().ToString("N")[..10]);
        var content = Path.Combine(root, "content");
        var article = Path.Combine(content, "articles", "sitting-well.md");
        // The clinic's own site and production headers, with one article an editor is writing.
        foreach (var file in Directory.EnumerateFiles(Path.Combine(RepoPaths.Root, "content"), "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(content, Path.GetRelativePath(Path.Combine(RepoPaths.Root, "content"), file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }

        File.WriteAllText(article, string.Format(Article, "Sit with your feet flat."));
        File.Copy(Path.Combine(RepoPaths.Root, "netlify.toml"), Path.Combine(root, "netlify.toml"));

        var options = new BuildOptions { ContentDir = content, TemplatesDir = Path.Combine(RepoPaths.Root, "templates") };
        await using var host = await ServeHost.StartAsync(options, 0, Path.Combine(root, "netlify.toml"), TextWriter.Null, TextWriter.Null);
        await using var context = await SharedChromium.NewContextAsync();
        var page = await context.NewPageAsync();
        var console = new List<string>();
        page.Console += (_, message) => console.Add(message.Text);
        try
        {
            await page.GotoAsync(new Uri(host.Address, "articles/sitting-well/").ToString());
            await page.WaitForSelectorAsync("text=Sit with your feet flat.");
            await page.WaitForFunctionAsync("() => document.querySelector('script[src^=\"/__backcaresite/live.js\"]') !== null");
            // No wait for the event stream: a save made before it connects is not missed, because on
            // connecting the script is told the current version and reloads if its page is older.

            File.WriteAllText(article, string.Format(Article, "Sit with your back supported."));
            await page.WaitForSelectorAsync("text=Sit with your back supported.");

            File.WriteAllText(article, string.Format(Article, "Text.").Replace("2026-01-15", "2026-13-45", StringComparison.Ordinal));
            await page.WaitForSelectorAsync("text=The site did not build");
            Assert.Contains("sitting-well.md:4:", await page.InnerTextAsync("main"));

            File.WriteAllText(article, string.Format(Article, "Sit well again."));
            await page.WaitForSelectorAsync("text=Sit well again.");

            Assert.DoesNotContain(console, m => m.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase));
        }
        finally
        {
            await page.CloseAsync();
            Directory.Delete(root, recursive: true);
        }
    }
}
