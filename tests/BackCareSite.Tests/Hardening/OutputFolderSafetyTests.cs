using BackCareSite.Diagnostics;
using BackCareSite.Output;
using BackCareSite.Tests.Support;

namespace BackCareSite.Tests.Hardening;

/// <summary>Issue #20: a build replaces only a folder it wrote itself, one build at a time.</summary>
public sealed class OutputFolderSafetyTests
{
    [Fact]
    public void RefusesToReplaceAFolderNoBuildWroteAndKeepsItsFiles()
    {
        using var site = new TempSite().Article("one");
        var documents = Path.Combine(site.Root, "documents");
        Directory.CreateDirectory(documents);
        File.WriteAllText(Path.Combine(documents, "letter.txt"), "keep me");

        var result = site.Build("documents");

        var error = result.HasError("BCS0603", "documents", 1);
        Assert.Contains("--force", error.Message);
        Assert.False(result.Published);
        Assert.Equal("keep me", File.ReadAllText(Path.Combine(documents, "letter.txt")));
    }

    [Fact]
    public void ReplacesAForeignFolderOnlyWithForceAndMarksItsOwnOutput()
    {
        using var site = new TempSite().Article("one");
        var old = Path.Combine(site.Root, "old-site");
        Directory.CreateDirectory(old);
        File.WriteAllText(Path.Combine(old, "index.html"), "an older build");

        site.Build("old-site", force: true).Succeeded();
        Assert.True(File.Exists(Path.Combine(old, Publisher.MarkerName)));
        Assert.False(File.Exists(Path.Combine(old, "index.html")) && File.ReadAllText(Path.Combine(old, "index.html")) == "an older build");

        // Marked now: the next build replaces it without --force.
        site.Build("old-site").Succeeded();
    }

    [Fact]
    public void BuildsIntoAnEmptyFolder()
    {
        using var site = new TempSite().Article("one");
        Directory.CreateDirectory(site.OutDir);

        site.Build("public").Succeeded();
    }

    [Fact]
    public void NeverReplacesTheHomeFolderOrAParentOfTheSourcesEvenWithForce()
    {
        var home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        var bag = new DiagnosticBag();

        Assert.False(OutputFolderGuard.Check(home, "content", "templates", force: true, bag));
        Assert.False(OutputFolderGuard.Check(Path.GetPathRoot(home)!, "content", "templates", force: true, bag));
        Assert.False(OutputFolderGuard.Check(Path.GetFullPath(".."), "content", "templates", force: true, bag));
        Assert.All(bag.Sorted(), d => Assert.Equal("BCS0601", d.Code));
    }

    [Fact]
    public void ASecondBuildIntoTheSameFolderFailsClearlyWhileTheFirstHoldsTheLock()
    {
        using var site = new TempSite().Article("one");
        site.Build("public").Succeeded();
        var before = site.Snapshot();
        var publisher = new Publisher(site.OutDir);
        var wait = Publisher.LockWait;
        Publisher.LockWait = TimeSpan.FromMilliseconds(300);
        try
        {
            using var held = new FileStream(publisher.LockPath, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            site.Article("two");

            var result = site.Build("public");

            result.HasError("BCS0604", "public", 1);
            Assert.False(result.Published);
        }
        finally
        {
            Publisher.LockWait = wait;
        }

        Assert.Equal(before.Keys, site.Snapshot().Keys);
        site.Build("public").Succeeded();
        Assert.True(site.Exists("articles/two/index.html"));
    }

    [Fact]
    public async Task ConcurrentBuildsIntoOneFolderEachLeaveAWholeSite()
    {
        using var site = new TempSite().Article("one").Article("two");
        var builds = Enumerable.Range(0, 3).Select(_ => Task.Run(() => BackCareSite.Build.SiteBuilder.Build(new BackCareSite.Build.BuildOptions
        {
            ContentDir = site.ContentDir, TemplatesDir = site.TemplatesDir, OutDir = site.OutDir, Today = new DateOnly(2026, 6, 1),
        }))).ToArray();
        var results = await Task.WhenAll(builds);

        Assert.All(results, r => Assert.True(r.Published, string.Join('\n', r.Diagnostics)));
        Assert.True(site.Exists("articles/two/index.html"));
        Assert.Empty(Directory.EnumerateDirectories(site.Root, ".public.*"));
    }

    [Fact]
    public void CleansUpTheStagingFolderOfACrashedBuild()
    {
        using var site = new TempSite().Article("one");
        var leftover = Path.Combine(site.Root, ".public.staging-1-deadbeef");
        Directory.CreateDirectory(leftover);
        File.WriteAllText(Path.Combine(leftover, "index.html"), "half a site");

        site.Build("public").Succeeded();

        Assert.False(Directory.Exists(leftover));
    }
}
