using BackCareSite.Content;
using BackCareSite.Diagnostics;
using BackCareSite.Markdown;
using BackCareSite.Output;
using BackCareSite.Rendering;
using BackCareSite.Tests.Support;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace BackCareSite.Tests.Build;

/// <summary>
/// A one-off build lets every Markdown tree go after loading and parses the text again where a
/// stage needs it; what the stages get must be what the kept trees give (serve keeps them).
/// </summary>
public sealed class ReleasedTreeTests
{
    [Fact]
    public void TheSampleSiteLinkedFromReleasedTreesResolvesTheSameLinksAndEmbedsAsFromKeptTrees()
    {
        var (kept, keptLinks) = LoadAndLink(releaseTrees: false);
        var (released, releasedLinks) = LoadAndLink(releaseTrees: true);

        Assert.All(kept.All, item => Assert.False(item.BodyReleased));
        var items = released.All.ToList();
        Assert.All(items, item => Assert.True(item.BodyReleased));
        // Linked from what loading took of each tree, not from a new parse; let go once linked.
        Assert.All(items, item => Assert.Null(item.Sites));
        Assert.All(items, item => Assert.Equal("", item.Source.Text));
        Assert.Contains(items, i => releasedLinks[i].AllEmbeds.Any());
        foreach (var (keptItem, item) in kept.All.Zip(items))
        {
            Assert.Equal(keptItem.Source.RelativePath, item.Source.RelativePath);
            var expected = keptLinks[keptItem];
            var tree = item.OpenBody();
            var actual = releasedLinks[item].For(tree);
            Assert.Equal(Describe(keptItem.Body, expected), Describe(tree, actual));
            Assert.Equal(expected.Origins, actual.Origins);
            Assert.Equal(expected.AllEmbeds, releasedLinks[item].AllEmbeds);
        }
    }

    [Fact]
    public void AReleasedTreeIsParsedAgainAtEachOpeningAndTheKeptOneIsNotReachable()
    {
        var (content, _) = LoadAndLink(releaseTrees: true);
        var item = content.Articles[0];

        var first = item.OpenBody();
        var second = item.OpenBody();

        Assert.NotSame(first, second);
        Assert.Equal(first.Descendants().Count(), second.Descendants().Count());
        Assert.Throws<InvalidOperationException>(() => item.Body);
    }

    [Fact]
    public void AFileChangedAfterItsChecksIsReportedWhenItIsRenderedAndNothingOfItIsPublished()
    {
        using var site = new TempSite();
        site.Article("kept", body: "Unchanged text.").Article("changed", body: "Text as [checked](kept.md).");
        var diagnostics = new DiagnosticBag(site.Root);
        var content = new ContentLoader(MarkdownPipelineFactory.Create())
            .Load(site.ContentDir, includeDrafts: false, new DateOnly(2026, 6, 1), diagnostics, releaseTrees: true)!;
        var urls = new SiteUrls(content.Settings.BaseUrl);
        var links = ContentLinker.Link(content, urls, diagnostics);
        Assert.False(diagnostics.HasErrors, string.Join('\n', diagnostics.Sorted()));

        site.Article("changed", body: "Text as [saved later](kept.md), with [a second link](kept.md).");
        var templates = TemplateSet.Load(site.TemplatesDir, diagnostics)!;
        var pages = new List<string>();
        new SiteRenderer(MarkdownPipelineFactory.Create(), templates, urls, AssetPipeline.Collect(site.TemplatesDir).Names)
            .Render(content, links, diagnostics, onPage: page => pages.Add(page.Text), releaseBodies: true);

        var error = Assert.Single(diagnostics.Sorted(), d => d.IsError);
        Assert.Equal(ErrorCodes.SourceChanged, error.Code);
        Assert.Equal(Path.Combine("content", "articles", "changed.md"), error.Path);
        Assert.Contains("changed while the site was being built", error.Message, StringComparison.Ordinal);
        Assert.Contains(pages, p => p.Contains("Unchanged text.", StringComparison.Ordinal));
        Assert.DoesNotContain(pages, p => p.Contains("Text as", StringComparison.Ordinal));
    }

    [Fact]
    public void TheSampleSiteRenderedWithItsBodiesInEachThreadsBufferIsTheSameAsWithBodiesAsStrings()
    {
        // A one-off build renders each body into a buffer its thread reuses, and each page template's HTML too, and hands
        // each page over as the characters of a buffer the next page reuses (onPageText); without releaseBodies (as serve
        // keeps them) all are strings of their own.
        static SortedDictionary<string, string> Pages(bool releaseBodies, bool asText)
        {
            var (content, links) = LoadAndLink(releaseTrees: releaseBodies);
            var diagnostics = new DiagnosticBag(RepoPaths.Root);
            var templates = TemplateSet.Load(Path.Combine(RepoPaths.Root, "templates"), diagnostics);
            var pages = new SortedDictionary<string, string>(StringComparer.Ordinal);
            var renderer = new SiteRenderer(MarkdownPipelineFactory.Create(), templates, new SiteUrls(content.Settings.BaseUrl), AssetPipeline.Collect(Path.Combine(RepoPaths.Root, "templates")).Names);
            if (asText)
            {
                renderer.Render(content, links, diagnostics, onPageText: (path, text) => { lock (pages) { pages.Add(path, text.ToString()); } }, releaseBodies: true);
            }
            else
            {
                renderer.Render(content, links, diagnostics, onPage: page => { lock (pages) { pages.Add(page.Path, page.Text); } }, releaseBodies: releaseBodies);
            }

            Assert.False(diagnostics.HasErrors, string.Join('\n', diagnostics.Sorted()));
            return pages;
        }

        var asStrings = Pages(releaseBodies: false, asText: false);
        foreach (var inBuffers in new[] { Pages(releaseBodies: true, asText: false), Pages(releaseBodies: true, asText: true) })
        {
            Assert.Equal(asStrings.Keys, inBuffers.Keys);
            foreach (var (path, text) in asStrings)
            {
                Assert.Equal(text, inBuffers[path]);
            }

            Assert.Contains(inBuffers.Values, p => p.Contains("<div class=\"prose\">", StringComparison.Ordinal));
        }
    }

    [Fact]
    public void PagesAreHandedOverAsTextOnlyInAOneOffBuildAndOneWayOnly()
    {
        var (content, links) = LoadAndLink(releaseTrees: true);
        var diagnostics = new DiagnosticBag(RepoPaths.Root);
        var templates = TemplateSet.Load(Path.Combine(RepoPaths.Root, "templates"), diagnostics);
        var renderer = new SiteRenderer(MarkdownPipelineFactory.Create(), templates, new SiteUrls(content.Settings.BaseUrl), AssetPipeline.Collect(Path.Combine(RepoPaths.Root, "templates")).Names);
        Assert.Throws<ArgumentException>(() => renderer.Render(content, links, diagnostics, onPageText: (_, _) => { }, releaseBodies: false));
        Assert.Throws<ArgumentException>(() => renderer.Render(content, links, diagnostics, onPage: _ => { }, onPageText: (_, _) => { }, releaseBodies: true));
    }

    [Fact]
    public void AOneOffBuildKeepsEachExerciseCardAsUtf8AndEmbedsTheSameHtml()
    {
        // Issue #19: each exercise's card is kept to the end of a build (about 5 KB as a string), as UTF-8 (half that, and
        // nothing to decompress at each embed); serve keeps its own, compressed.
        (IReadOnlyList<ExerciseView> Exercises, string Embedded) Render(bool releaseBodies)
        {
            var (content, links) = LoadAndLink(releaseTrees: releaseBodies);
            var diagnostics = new DiagnosticBag(RepoPaths.Root);
            var templates = TemplateSet.Load(Path.Combine(RepoPaths.Root, "templates"), diagnostics);
            var pages = new Dictionary<string, string>(StringComparer.Ordinal);
            var rendered = new SiteRenderer(MarkdownPipelineFactory.Create(), templates, new SiteUrls(content.Settings.BaseUrl), AssetPipeline.Collect(Path.Combine(RepoPaths.Root, "templates")).Names)
                .Render(content, links, diagnostics, onPage: page => { lock (pages) { pages.Add(page.Path, page.Text); } }, releaseBodies: releaseBodies)!;
            var embedding = content.Articles.Single(a => links[a].AllEmbeds.OfType<Embed.ExerciseCard>().Any());
            return (rendered.Articles.SelectMany(a => a.Exercises).ToList(), pages[embedding.OutputPath]);
        }

        var (kept, embeddedKept) = Render(releaseBodies: false);
        var (packed, embeddedPacked) = Render(releaseBodies: true);

        Assert.NotEmpty(packed);
        Assert.All(packed, e => Assert.True(e.Card.Utf8 is { Length: > 0 } && !e.Card.IsPacked, e.Slug));
        Assert.All(kept, e => Assert.True(e.Card.Utf8 is null && !e.Card.IsPacked, e.Slug));
        Assert.Equal(kept.Select(e => e.Card.Value), packed.Select(e => e.Card.Value));
        Assert.Equal(embeddedKept, embeddedPacked);
        Assert.Contains("exercise-card", embeddedPacked, StringComparison.Ordinal);
    }

    [Fact]
    public void ABuildOfMoreExercisesThanItKeepsAsUtf8KeepsTheirCardsCompressedAndEmbedsTheSameHtml()
    {
        // A large catalogue's cards are compressed (about a fifth of a string): its memory does not grow by 2.5 KB an exercise.
        (IReadOnlyList<ExerciseView> Exercises, SortedDictionary<string, string> Pages) Render(int uncompressedUpTo)
        {
            var (content, links) = LoadAndLink(releaseTrees: true);
            var diagnostics = new DiagnosticBag(RepoPaths.Root);
            var templates = TemplateSet.Load(Path.Combine(RepoPaths.Root, "templates"), diagnostics);
            var pages = new SortedDictionary<string, string>(StringComparer.Ordinal);
            var rendered = new SiteRenderer(MarkdownPipelineFactory.Create(), templates, new SiteUrls(content.Settings.BaseUrl), AssetPipeline.Collect(Path.Combine(RepoPaths.Root, "templates")).Names)
            {
                UncompressedCardsUpTo = uncompressedUpTo,
            }.Render(content, links, diagnostics, onPageText: (path, text) => { lock (pages) { pages.Add(path, text.ToString()); } }, releaseBodies: true)!;
            Assert.False(diagnostics.HasErrors, string.Join('\n', diagnostics.Sorted()));
            return (rendered.Articles.SelectMany(a => a.Exercises).ToList(), pages);
        }

        var (utf8, utf8Pages) = Render(uncompressedUpTo: 1500);
        var (compressed, compressedPages) = Render(uncompressedUpTo: 2);

        Assert.NotEmpty(compressed);
        Assert.All(utf8, e => Assert.True(e.Card.Utf8 is not null, e.Slug));
        Assert.All(compressed, e => Assert.True(e.Card.IsPacked, e.Slug));
        Assert.Equal(utf8Pages, compressedPages);
    }

    /// <summary>Each link of the tree with what it resolved to, and each embed, in document order.</summary>
    private static List<string> Describe(MarkdownDocument tree, LinkedBody linked) =>
        tree.Descendants<LinkInline>().Select(l => $"{l.Line}:{l.Url} -> {linked.Links.GetValueOrDefault(l)}")
            .Concat(tree.Descendants<EmbedBlock>().Select(b => $"{b.Line}: embed {linked.Embeds.GetValueOrDefault(b)}"))
            .ToList();

    private static (SiteContent Content, IReadOnlyDictionary<ContentItem, LinkedBody> Links) LoadAndLink(bool releaseTrees)
    {
        // Paths shown from the repository, not from the working directory (which other tests change).
        var diagnostics = new DiagnosticBag(RepoPaths.Root);
        var content = new ContentLoader(MarkdownPipelineFactory.Create())
            .Load(RepoPaths.Content, includeDrafts: false, new DateOnly(2026, 6, 1), diagnostics, releaseTrees: releaseTrees)!;
        var links = ContentLinker.Link(content, new SiteUrls(content.Settings.BaseUrl), diagnostics);
        Assert.False(diagnostics.HasErrors, string.Join('\n', diagnostics.Sorted()));
        return (content, links);
    }
}
