using BackCareSite.Build;
using BackCareSite.Markdown;
using BackCareSite.Rendering;
using BackCareSite.Serve;
using BackCareSite.Tests.Support;

namespace BackCareSite.Tests.Rendering;

/// <summary>
/// serve keeps every view for the whole session, so the texts its views make that repeat on many items (a contents list's
/// titles and ids, pictures' addresses) are one shared copy each (docs/serve.md, "Session 12"); a one-off build's are not.
/// </summary>
public sealed class ViewStringsTests
{
    private static Markdig.Syntax.MarkdownDocument Parse(string title) => Markdig.Markdown.Parse(
        string.Join("\n\n", new[] { title, "Getting started", "Cooling down", "When to seek advice" }.Select(h => $"## {h}\n\nSome text.")),
        MarkdownPipelineFactory.Create());

    [Fact]
    public void TwoArticlesContentsListsShareTheirTextsOnlyWhenAsked()
    {
        var title = $"Warming up {Guid.NewGuid():N}";
        var first = ViewFactory.Contents(Parse(title), share: true);
        var second = ViewFactory.Contents(Parse(title), share: true);

        Assert.Equal(4, first.Count);
        Assert.Equal(title, first[0].Title);
        Assert.StartsWith("#warming-up-", first[0].Url, StringComparison.Ordinal);
        Assert.Same(first[0].Title, second[0].Title);
        Assert.Same(first[0].Url, second[0].Url);
        Assert.Equal(first, second); // the same texts as ever

        var own = ViewFactory.Contents(Parse(title), share: false);
        Assert.Equal(first, own);
        Assert.NotSame(first[0].Title, own[0].Title);
    }

    [Fact]
    public void ServesViewsShareTheirTextsAndABuildsDoNot()
    {
        var heading = $"Heading {Guid.NewGuid():N}";
        var built = $"Built {Guid.NewGuid():N}";
        using var site = new TempSite();
        var body = string.Join("\n\n", new[] { heading, "Getting started", "Cooling down", "When to seek advice" }.Select(h => $"## {h}\n\nSome text."));
        site.Article("long", body: body.Replace(heading, built, StringComparison.Ordinal), title: "Long");
        site.Build().Succeeded();
        Assert.False(ViewStrings.Holds(built));

        site.Article("long", body: body, title: "Long");
        var preview = new PreviewSite(new BuildOptions { ContentDir = site.ContentDir, TemplatesDir = site.TemplatesDir, Today = new DateOnly(2026, 6, 1) });
        var result = preview.Rebuild(ChangeSet.Everything);

        Assert.True(result.Succeeded, string.Join('\n', result.Diagnostics));
        Assert.True(ViewStrings.Holds(heading));
    }
}
