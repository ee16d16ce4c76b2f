using BackCareSite.Content;
using BackCareSite.Diagnostics;
using BackCareSite.Markdown;
using BackCareSite.Tests.Support;

namespace BackCareSite.Tests.Content;

/// <summary>
/// Issue #19: a one-off build keeps every published item to the end, so once the loading stage's checks are done it
/// keeps of each only what pages and later stages read: sources, reviews, exercise references and tags without the
/// places they were written at, one object for what items hold alike, and no readability score. Pages show the same.
/// </summary>
public sealed class KeptForPagesTests
{
    private const string Cited = """
        tags: [posture, sciatica]
        exercises: [cat-cow, bridge]
        review:
          reviewed_on: 2026-01-15
          reviewed_by: test-physio
          next_review: 2027-01-15
        sources:
          - title: Back pain
            url: https://www.nhs.uk/conditions/back-pain/
          - title: "Low back pain and sciatica in over 16s"
            url: https://www.nice.org.uk/guidance/ng59
            publisher: NICE

        """;

    [Fact]
    public void AfterLoadingABuildsItemsHoldWhatTheyShareOnceAndWithoutPlaces()
    {
        using var site = Site();
        var content = Load(site, releaseTrees: true);

        var one = content.Articles.Single(a => a.Slug == "one");
        var two = content.Articles.Single(a => a.Slug == "two");
        Assert.Same(one.Sources, two.Sources);
        Assert.Equal(["Back pain", "Low back pain and sciatica in over 16s"], one.Sources.Select(s => s.Title));
        Assert.Equal("NICE", one.Sources[1].Publisher);
        Assert.All(one.Sources, s => Assert.Equal(Spot.Start, s.At));
        Assert.Same(one.Review, two.Review);
        Assert.Equal((new DateOnly(2026, 1, 15), "test-physio", new DateOnly(2027, 1, 15)), (one.Review!.ReviewedOn, one.Review.ReviewedBy, one.Review.NextReview));
        Assert.Equal(Spot.Start, one.Review.At);
        Assert.Same(one.Tags, two.Tags);
        Assert.Equal(["posture", "sciatica"], one.Tags);
        Assert.Same(one.Exercises, two.Exercises);
        Assert.Equal(["cat-cow", "bridge"], one.Exercises.Select(e => e.Value));
        Assert.Equal(Spot.Start, one.Exercises[0].At);
        Assert.Empty(content.Exercises[0].ReadableFields);
        Assert.All(content.All.Where(i => i.IsHealthPage), i => Assert.False(GovernanceChecker.HasScore(i)));
    }

    [Fact]
    public void WithoutABuildItemsKeepTheirOwnValuesAndTheirPlaces()
    {
        using var site = Site();
        var content = Load(site, releaseTrees: false);

        var one = content.Articles.Single(a => a.Slug == "one");
        var two = content.Articles.Single(a => a.Slug == "two");
        Assert.NotSame(one.Sources, two.Sources);
        Assert.NotEqual(Spot.Start, one.Sources[0].At);
        Assert.NotEqual(Spot.Start, one.Review!.At);
        Assert.NotEqual(Spot.Start, one.Exercises[0].At);
        Assert.NotEmpty(content.Exercises[0].ReadableFields);
    }

    [Fact]
    public void TheBuiltPagesStillShowTheSourcesReviewAndExercises()
    {
        using var site = Site();

        var result = site.Build();

        Assert.True(result.Published, string.Join("\n", result.Diagnostics));
        var page = site.Read("articles/one/index.html");
        Assert.Contains("Low back pain and sciatica in over 16s", page, StringComparison.Ordinal);
        Assert.Contains("https://www.nice.org.uk/guidance/ng59", page, StringComparison.Ordinal);
        Assert.Contains("Test Physio", page, StringComparison.Ordinal);
        Assert.Contains("15 January 2027", page, StringComparison.Ordinal);
        Assert.Contains("Exercise cat-cow", page, StringComparison.Ordinal);
        Assert.Contains("/tags/sciatica/", page, StringComparison.Ordinal);
    }

    [Fact]
    public void AReferenceToAMissingExerciseIsStillReportedWhereItIsWritten()
    {
        using var site = Site();
        site.Article("three", "exercises:\n  - cat-cow\n  - no-such-exercise\n");

        var result = site.Build();

        var error = Assert.Single(result.Diagnostics, d => d.IsError);
        Assert.Equal((ErrorCodes.UnknownExercise, "content/articles/three.md", 7, 5), (error.Code, error.Path, error.Line, error.Column));
    }

    [Fact]
    public void TheLinksKeptForTheLinkStageHoldOneCopyOfEachAddress()
    {
        using var site = Site();
        site.Article("three", body: "See [one](one.md) and [bridge](../exercises/bridge.md).")
            .Article("four", body: "Also [one](one.md), [one again](one.md).");
        var content = Load(site, releaseTrees: true);

        var three = content.Articles.Single(a => a.Slug == "three").Sites!.Links;
        var four = content.Articles.Single(a => a.Slug == "four").Sites!.Links;
        Assert.Equal(["one.md", "../exercises/bridge.md"], three.Select(l => l.Url));
        Assert.Same(three[0].Url, four[0].Url);
        Assert.Same(four[0].Url, four[1].Url);
    }

    [Fact]
    public void ABuildsLinkStageGivesLinksToTheSameAddressOneResultAndServesEachItsOwn()
    {
        using var site = Site();
        site.Article("three", body: "See [one](one.md) and [bridge](../exercises/bridge.md#how).")
            .Article("four", body: "Also [one](one.md), [one again](one.md) and ![a picture](../media/back.png).")
            .WriteBytes("media/back.png", PictureFixtures.Png(4, 3));
        var content = Load(site, releaseTrees: true);
        var diagnostics = new DiagnosticBag(site.Root);
        var urls = new SiteUrls(content.Settings.BaseUrl);

        // A build (with a pool): one result for each address, shared by every body that links to it.
        var built = ContentLinker.Link(content, urls, diagnostics, pool: new BackCareSite.Links.StringPool());
        Assert.False(diagnostics.HasErrors, string.Join("\n", diagnostics.Sorted()));
        var (three, four) = (Results(content, built, "three"), Results(content, built, "four"));
        Assert.Equal(["/articles/one/", "/exercises/bridge/#how"], three.Select(l => l.Url));
        Assert.Equal(["/articles/one/", "/articles/one/", "/media/back.png"], four.Select(l => l.Url));
        Assert.Same(three[0], four[0]);
        Assert.Same(four[0], four[1]);
        // A picture's result holds its size and plan: its own.
        Assert.Equal((true, 4, 3), (four[2].Lazy, four[2].Width, four[2].Height));
        Assert.False(four[0].Lazy);

        // Without a pool (serve, which compares each item's results between rebuilds): equal results, each its own.
        var kept = Load(site, releaseTrees: true);
        var served = ContentLinker.Link(kept, urls, new DiagnosticBag(site.Root));
        var (threeServed, fourServed) = (Results(kept, served, "three"), Results(kept, served, "four"));
        Assert.Equal(three, threeServed);
        Assert.Equal(four, fourServed);
        Assert.NotSame(threeServed[0], fourServed[0]);
    }

    // An article's link results in the order of its links, from a new parse of its body.
    private static List<ResolvedLink> Results(SiteContent content, IReadOnlyDictionary<ContentItem, LinkedBody> links, string slug)
    {
        var item = content.Articles.Single(a => a.Slug == slug);
        var tree = item.OpenBody();
        var table = links[item].For(tree);
        return [.. Markdig.Syntax.MarkdownObjectExtensions.Descendants<Markdig.Syntax.Inlines.LinkInline>(tree).Select(l => table.Links[l])];
    }

    [Fact]
    public void WhatTheSiteFilesReadIsTheSettingsAndTheItemsWithAliases()
    {
        using var site = Site();
        site.Article("moved", "aliases:\n  - /blog/moved/\n");
        var content = Load(site, releaseTrees: true);

        var kept = BackCareSite.Build.SiteBuilder.ForSiteFiles(content);

        Assert.Same(content.Settings, kept.Settings);
        Assert.Equal(["moved"], kept.All.Select(i => i.Slug));
        Assert.Equal(BackCareSite.Output.RedirectsFile.Create(content, new SiteUrls("https://clinic.example/")).Text,
            BackCareSite.Output.RedirectsFile.Create(kept, new SiteUrls("https://clinic.example/")).Text);
    }

    private static TempSite Site() => new TempSite()
        .Exercise("cat-cow").Exercise("bridge")
        .Article("one", Cited).Article("two", Cited);

    private static SiteContent Load(TempSite site, bool releaseTrees)
    {
        var diagnostics = new DiagnosticBag(site.Root);
        var content = new ContentLoader(MarkdownPipelineFactory.Create())
            .Load(site.ContentDir, includeDrafts: false, new DateOnly(2026, 6, 1), diagnostics, releaseTrees: releaseTrees)!;
        Assert.False(diagnostics.HasErrors, string.Join("\n", diagnostics.Sorted()));
        return content;
    }
}
