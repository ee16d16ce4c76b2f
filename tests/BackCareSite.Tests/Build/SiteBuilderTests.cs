using BackCareSite.Tests.Support;

namespace BackCareSite.Tests.Build;

public sealed class SiteBuilderTests
{
    [Fact]
    public void AHeapOverTheLimitIsCollectedAndCompactedAfterLoadingAndBeforeRendering()
    {
        // Issue #19: a large site's loading leaves its garbage in the oldest generation, and the link stage adds to it; the
        // build collects it after each. A limit of 0 makes the sample's small heap count as large.
        using var site = new TempSite().Article("first");
        var limit = BackCareSite.Build.SiteBuilder.CollectBeforeRenderingFrom;
        var before = GC.GetGCMemoryInfo(GCKind.FullBlocking).Index;
        BackCareSite.Build.SiteBuilder.CollectBeforeRenderingFrom = 0;
        try
        {
            site.Build().Succeeded();
        }
        finally
        {
            BackCareSite.Build.SiteBuilder.CollectBeforeRenderingFrom = limit;
        }

        var last = GC.GetGCMemoryInfo(GCKind.FullBlocking);
        Assert.True(last.Index >= before + 2, $"{last.Index - before} full blocking collection(s) during the build, not the two expected");
        Assert.True(last.Compacted);
    }

    [Fact]
    public void BuildsEveryPageTypeOfAMinimalSite()
    {
        using var site = new TempSite()
            .Exercise("knee-rolls")
            .Article("first", "tags:\n  - walking\nexercises:\n  - knee-rolls\n")
            .Write("pages/about.md", "---\ntitle: About us\ndescription: Who we are.\n---\n\nWe are a clinic.\n");

        site.Build().Succeeded();

        foreach (var path in new[]
                 {
                     "index.html", "articles/index.html", "articles/first/index.html", "exercises/index.html",
                     "exercises/knee-rolls/index.html", "tags/index.html", "tags/walking/index.html", "about/index.html",
                     "red-flags/index.html", "404.html", "robots.txt",
                 })
        {
            Assert.True(site.Exists(path), $"{path} was not written");
        }
    }

    [Fact]
    public void ShowsATitleWithMarkupCharactersAsText()
    {
        using var site = new TempSite().Article("odd", title: "<script>alert(1)</script> & \\\"quotes\\\"");

        site.Build().Succeeded();

        var html = site.Read("articles/odd/index.html");
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;quotes&quot;", html);
        Assert.DoesNotContain("<script>alert", html);
    }

    [Fact]
    public void FailedBuildLeavesThePreviousOutputByteIdentical()
    {
        using var site = new TempSite().Article("good");
        site.Build().Succeeded();
        var before = site.Snapshot();

        site.Write("articles/bad.md", "---\ntitle: Broken\n---\n\nNo description or date.\n");
        var result = site.Build();

        Assert.False(result.Published);
        Assert.True(result.ErrorCount >= 2);
        Assert.Equal(before.Keys, site.Snapshot().Keys);
        foreach (var (path, bytes) in site.Snapshot())
        {
            Assert.True(bytes.AsSpan().SequenceEqual(before[path]), $"{path} changed");
        }

        Assert.Empty(Directory.EnumerateDirectories(site.Root, ".public.staging*"));
    }

    [Fact]
    public void TwoBuildsOfTheSameContentAreByteIdentical()
    {
        using var site = new TempSite().Exercise("knee-rolls");
        for (var i = 0; i < 30; i++)
        {
            site.Article($"article-{i}", $"tags:\n  - tag-{i % 4}\nexercises:\n  - knee-rolls\n", $"Text {i}.\n\n## Heading\n\nMore.");
        }

        site.Build().Succeeded();
        var first = site.Snapshot();
        site.Build().Succeeded();
        var second = site.Snapshot();

        Assert.Equal(first.Keys, second.Keys);
        foreach (var (path, bytes) in first)
        {
            Assert.True(bytes.AsSpan().SequenceEqual(second[path]), $"{path} differs between builds");
        }
    }

    [Fact]
    public void StrictModeFailsOnWarnings()
    {
        using var site = new TempSite().Article("old", "review:\n  reviewed_on: 2020-01-01\n  reviewed_by: test-physio\n  next_review: 2021-01-01\n");

        Assert.True(site.Build().Published);
        var strict = site.Build(strict: true);

        Assert.False(strict.Published);
        Assert.Contains(strict.Diagnostics, d => d.Code == "BCS0214" && d.Line == 8);
    }
}
