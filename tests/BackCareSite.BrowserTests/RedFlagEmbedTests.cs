using BackCareSite.Build;
using BackCareSite.BrowserTests.Support;

namespace BackCareSite.BrowserTests;

/// <summary>
/// The <c>{% red-flag-checker %}</c> embed: an article with two checkers gets
/// the script twice, and each form still works on its own, set up once.
/// </summary>
[Collection(SecondSiteCollection.Name)]
public sealed class RedFlagEmbedTests(SiteFixture site)
{
    private readonly SiteFixture site = site.ForTest();

    private const string Article = """
        ---
        title: When back pain needs a doctor
        description: The warning signs to look out for, twice over.
        date: 2026-05-01
        review:
          reviewed_on: 2026-11-02
          reviewed_by: leila-haddad
          next_review: 2027-11-02
        sources:
          - title: Back pain
            url: https://www.nhs.uk/conditions/back-pain/
        ---

        Check the signs before you start.

        {% red-flag-checker %}

        And once more at the end.

        {% red-flag-checker %}
        """;

    [BrowserFact]
    public async Task TwoCheckersOnOnePageWorkIndependentlyAndAreSetUpOnce()
    {
        var root = Path.Combine(Path.GetTempPath(), "bcs-embed-" + Guid.NewGuid().ToString("N")[..10]);
        try
        {
            var content = Path.Combine(root, "content");
            Folders.Copy(Path.Combine(RepoPaths.Root, "content"), content);
            Directory.CreateDirectory(Path.Combine(content, "articles"));
            File.WriteAllText(Path.Combine(content, "articles", "two-checkers.md"), Article);
            var result = SiteBuilder.Build(new BuildOptions
            {
                ContentDir = content,
                TemplatesDir = Path.Combine(RepoPaths.Root, "templates"),
                OutDir = Path.Combine(root, "public"),
                BaseUrl = "http://127.0.0.1",
            });
            Assert.True(result.Published, string.Join('\n', result.Diagnostics));
            await using var server = await StaticSiteServer.StartAsync(Path.Combine(root, "public"), Path.Combine(RepoPaths.Root, "netlify.toml"));

            var page = await site.NewPageAsync(own: true);
            var problems = await PageProblems.WatchAsync(page);
            await page.GotoAsync(server.BaseUrl + "/articles/two-checkers/");
            var forms = page.Locator("form[data-red-flag-checker]");
            Assert.Equal(2, await forms.CountAsync());
            Assert.Equal(2, await page.Locator("script[src*='red-flags.']").CountAsync());
            await page.Locator("form[data-red-flag-checker][data-ready]").Nth(1).WaitForAsync();

            // Count how often each result region is rewritten: once per change if set up once.
            await page.EvaluateAsync("""
                () => {
                  window.__writes = [0, 0];
                  document.querySelectorAll('.red-flag-result').forEach((region, i) =>
                    new MutationObserver(records => { window.__writes[i] += records.length; }).observe(region, { childList: true }));
                }
                """);
            var data = RedFlagsFile.Repository;
            var emergency = data.Signs.First(s => s.Level == "emergency");
            var soon = data.Signs.First(s => s.Level == "soon");
            await forms.Nth(0).Locator($"input[value='{emergency.Id}']").ClickAsync();
            await forms.Nth(1).Locator($"input[value='{soon.Id}']").ClickAsync();

            await RedFlagCheckerTests.ExpectResultAsync(page, data.Level("emergency"), "first checker", forms.Nth(0).Locator(".red-flag-result"));
            await RedFlagCheckerTests.ExpectResultAsync(page, data.Level("soon"), "second checker", forms.Nth(1).Locator(".red-flag-result"));
            var writes = await page.EvaluateAsync<int[]>("() => window.__writes");
            Assert.Equal(new[] { 1, 1 }, writes);
            Assert.True(problems.Logged.Count == 0, string.Join('\n', problems.Logged));
            Assert.Empty(await problems.ViolationsAsync());
        }
        finally
        {
            if (Directory.Exists(root))
            {
                Directory.Delete(root, recursive: true);
            }
        }
    }
}
