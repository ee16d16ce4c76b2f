using System.Text.Json;
using Deque.AxeCore.Commons;
using Microsoft.Playwright;

namespace BackCareSite.BrowserTests.Support;

/// <summary>
/// axe-core (the version bundled with Deque.AxeCore.Commons) in the page, as every browser test
/// runs it: one <c>axe.run</c> over the whole document, every rule, returning the violations only.
/// </summary>
/// <remarks>
/// Deque.AxeCore.Playwright's <c>RunAxe</c> runs axe frame by frame and then finishes the run in
/// a second, blank page it opens for the purpose, and returns every passing node's HTML too: 2 to
/// 3.5 s a page on this machine, where <c>axe.run</c> itself takes 0.2 to 0.4 s. That machinery
/// exists for pages with frames from other origins; ours have no frames, and a page that has one
/// fails here rather than being checked without it.
/// </remarks>
public static class Axe
{
    private static readonly Lazy<string> Source = new(() => new BundledAxeScriptProvider().GetScript());

    private const string Run = """
        async () => {
          if (document.querySelector('iframe, frame, object, embed')) {
            return { framed: true, violations: [] };
          }
          const results = await axe.run(document, { resultTypes: ['violations'] });
          return {
            framed: false,
            violations: results.violations.map(v => ({
              id: v.id,
              impact: v.impact || '',
              help: v.help,
              targets: v.nodes.map(n => n.target.join(' '))
            }))
          };
        }
        """;

    /// <summary>The serious and critical violations on the page, one line each: impact, rule, help, where.</summary>
    public static async Task<IReadOnlyList<string>> SeriousViolationsAsync(IPage page)
    {
        if (!await page.EvaluateAsync<bool>("() => typeof window.axe === 'object'"))
        {
            await page.EvaluateAsync(Source.Value);
        }

        var result = await page.EvaluateAsync<JsonElement>(Run);
        if (result.GetProperty("framed").GetBoolean())
        {
            throw new InvalidOperationException($"{page.Url} has a frame, which this check does not look into: check it with Deque.AxeCore.Playwright's RunAxe");
        }

        return result.GetProperty("violations").EnumerateArray()
            .Select(v => (Impact: v.GetProperty("impact").GetString(), Line: $"{v.GetProperty("impact").GetString()} {v.GetProperty("id").GetString()}: {v.GetProperty("help").GetString()} at {string.Join(", ", v.GetProperty("targets").EnumerateArray().Select(t => t.GetString()))}"))
            .Where(v => v.Impact is "serious" or "critical")
            .Select(v => v.Line)
            .ToList();
    }

    /// <summary>Fails with every serious or critical violation on the page, saying <paramref name="when"/>.</summary>
    public static async Task AssertNoSeriousViolationsAsync(IPage page, string when)
    {
        var serious = await SeriousViolationsAsync(page);
        Assert.True(serious.Count == 0, $"axe with {when}:\n" + string.Join('\n', serious));
    }
}
