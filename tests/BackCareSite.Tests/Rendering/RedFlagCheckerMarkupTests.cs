using System.Text.RegularExpressions;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;
using BackCareSite.Tests.Support;

namespace BackCareSite.Tests.Rendering;

/// <summary>
/// The checker's HTML and script, without a browser: a real form grouped by
/// level, the data the script needs in data-* attributes, and a script that
/// stays small and cannot send, store or inject anything.
/// </summary>
public sealed partial class RedFlagCheckerMarkupTests
{
    private static readonly string ScriptPath = Path.Combine(RepoPaths.Templates, "assets", "red-flags.js");

    [Fact]
    public void ThePageIsAFormWithOneLabelledCheckboxPerSignGroupedByLevelMostUrgentFirst()
    {
        using var site = new TempSite();
        site.Build().Succeeded();
        var doc = new HtmlParser().ParseDocument(site.Read("red-flags/index.html"));

        var form = Assert.Single(doc.QuerySelectorAll("form[data-red-flag-checker]"));
        Assert.NotNull(form.QuerySelector("fieldset.red-flag-signs > legend"));
        var groups = form.QuerySelectorAll("fieldset[data-level-id]").ToList();
        Assert.Equal(["emergency", "urgent", "soon"], groups.Select(g => g.GetAttribute("data-level-id")));
        Assert.Equal(["0", "1", "2"], groups.Select(g => g.GetAttribute("data-rank")));
        Assert.Equal(["tel:999", "tel:111", "https://booking.physiobox.example/"], groups.Select(g => g.GetAttribute("data-action-url")));
        Assert.All(groups, g => Assert.Contains(g.GetAttribute("data-title")!, g.QuerySelector("legend")!.TextContent));

        var boxes = form.QuerySelectorAll("input[type=checkbox]").ToList();
        Assert.Equal(["saddle-numbness", "high-temperature", "worsening-pain"], boxes.Select(b => b.GetAttribute("value")));
        foreach (var box in boxes)
        {
            var label = box.Closest("label");
            Assert.NotNull(label);
            Assert.False(string.IsNullOrWhiteSpace(label!.TextContent));
            Assert.Equal(box.GetAttribute("data-level"), box.Closest("fieldset[data-level-id]")!.GetAttribute("data-level-id"));
            Assert.Null(box.GetAttribute("name")); // never part of a submitted query
        }

        var selfCare = Assert.Single(form.QuerySelectorAll("[data-level-id='self-care']"));
        Assert.Equal("3", selfCare.GetAttribute("data-rank"));
        var region = form.QuerySelector(".red-flag-result")!;
        Assert.Equal("polite", region.GetAttribute("aria-live"));
        Assert.True(region.HasAttribute("hidden"), "without the script the live region stays empty and hidden");
    }

    [Fact]
    public void TheEmbedRendersTheSameFormAndItsScriptInAnArticle()
    {
        using var site = new TempSite().Article("signs", body: "Before.\n\n{% red-flag-checker %}\n\nAfter.");
        site.Build().Succeeded();
        var html = site.Read("articles/signs/index.html");
        var doc = new HtmlParser().ParseDocument(html);

        Assert.Single(doc.QuerySelectorAll("form[data-red-flag-checker]"));
        var script = Assert.Single(doc.QuerySelectorAll("script[src]"));
        Assert.Matches(@"^/assets/red-flags\.[0-9a-f]{10}\.js$", script.GetAttribute("src"));
        Assert.True(script.HasAttribute("defer"));
        Assert.True(site.Exists(script.GetAttribute("src")!.TrimStart('/')));
    }

    [Fact]
    public void NoPageHasInlineScriptStyleOrEventAttributes()
    {
        using var site = new TempSite().Article("signs", body: "{% red-flag-checker %}");
        site.Build().Succeeded();
        foreach (var file in Directory.EnumerateFiles(site.OutDir, "*.html", SearchOption.AllDirectories))
        {
            var doc = new HtmlParser().ParseDocument(File.ReadAllText(file));
            // JSON-LD is a data block, not a script: the browser never runs it, and CSP does not apply to it.
            var scripts = doc.QuerySelectorAll("script").Where(s => s.GetAttribute("type") != "application/ld+json");
            Assert.All(scripts, s => Assert.True(s.HasAttribute("src") && s.TextContent.Length == 0, $"{file}: inline script"));
            Assert.Empty(doc.QuerySelectorAll("style, [style]"));
            Assert.DoesNotContain(doc.All.SelectMany(e => e.Attributes), a => a.Name.StartsWith("on", StringComparison.Ordinal));
        }
    }

    [Fact]
    public void TheScriptIsUnderFourKilobytesAndCannotSendStoreOrInjectAnything()
    {
        var bytes = File.ReadAllBytes(ScriptPath);
        Assert.True(bytes.Length < 4096, $"red-flags.js is {bytes.Length} bytes");

        var code = Comments().Replace(File.ReadAllText(ScriptPath), "");
        foreach (var banned in new[]
                 {
                     "fetch", "XMLHttpRequest", "sendBeacon", "WebSocket", "EventSource", "import(", "localStorage", "sessionStorage",
                     "indexedDB", "cookie", "innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval(", "Function(",
                     "setAttribute('src'", ".src", "location", "history", "postMessage", "open(",
                 })
        {
            Assert.False(code.Contains(banned, StringComparison.Ordinal), $"red-flags.js uses `{banned}`");
        }
    }

    [Fact]
    public void AnActionLinkToAPageOfTheSiteKeepsTheSitesBasePath()
    {
        using var site = new TempSite()
            .Write("red-flags.yml", TempSite.RedFlagsYml.Replace("https://booking.physiobox.example/", "/contact/", StringComparison.Ordinal))
            .Write("pages/contact.md", "---\ntitle: Contact\ndescription: How to reach us.\n---\n\nCall us.\n");

        site.Build(baseUrl: "https://clinic.example/back-care/").Succeeded();

        var doc = new HtmlParser().ParseDocument(site.Read("red-flags/index.html"));
        var soon = doc.QuerySelector("fieldset[data-level-id='soon']")!;
        Assert.Equal("/back-care/contact/", soon.GetAttribute("data-action-url"));
        Assert.Equal("/back-care/contact/", soon.QuerySelector("a.red-flag-action")!.GetAttribute("href"));
    }

    [Fact]
    public void LevelsWithoutTheirOwnActionGetTheStandardOneSoTheCheckerAlwaysSaysWhatToDo()
    {
        // The agreed schema has only id, title and advice per level; actions are optional.
        var withoutActions = string.Join('\n', TempSite.RedFlagsYml.Split('\n').Where(l => !l.Contains("action_", StringComparison.Ordinal)));
        using var site = new TempSite().Write("red-flags.yml", withoutActions);

        site.Build().Succeeded();

        var doc = new HtmlParser().ParseDocument(site.Read("red-flags/index.html"));
        string? Action(string level) => doc.QuerySelector($"fieldset[data-level-id='{level}'] a.red-flag-action")?.GetAttribute("href");
        Assert.Equal("tel:999", Action("emergency"));
        Assert.Equal("tel:111", Action("urgent"));
        Assert.Equal("https://booking.clinic.example/", Action("soon"));
        Assert.Null(Action("self-care"));
    }

    [GeneratedRegex(@"/\*.*?\*/|//[^\n]*", RegexOptions.Singleline)]
    private static partial Regex Comments();
}
