using BackCareSite.Tests.Support;

namespace BackCareSite.Tests.Pictures;

/// <summary>The picture cache (kept by Netlify between deploys) loses what no build has used for 30 days, and nothing else.</summary>
public sealed class PictureCachePruningTests
{
    private const string Key = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";

    // These tests count the cache's entries: the cache starts empty, as on a site's first build.
    private static TempSite Site() => new TempSite(seedPictureCache: false)
        .Write("site.yml", TempSite.SiteYml + "\npictures:\n  widths: [120, 240]\n")
        .WriteBytes("media/photo.jpg", PictureFixtures.Jpeg(360, 240))
        .Article("stretch", body: "![A physiotherapist shows the stretch](../media/photo.jpg)");

    private static string Cache(TempSite site) => Path.Combine(site.Root, ".cache", "pictures");

    private static List<string> Entries(TempSite site) =>
        Directory.EnumerateDirectories(Cache(site)).SelectMany(Directory.EnumerateDirectories)
            .Select(e => Path.GetRelativePath(Cache(site), e).Replace('\\', '/')).Order(StringComparer.Ordinal).ToList();

    private static void Age(TempSite site, string entry, TimeSpan age) =>
        Directory.SetLastWriteTimeUtc(Path.Combine(Cache(site), entry), DateTime.UtcNow - age);

    [Fact]
    public void AnEntryNoBuildUsedFor30DaysIsDeletedAndTheUsedOnesAreKept()
    {
        using var site = Site();
        site.Build().Succeeded();
        var first = Entries(site);
        Assert.Equal(2, first.Count); // the photo and the default social card

        // The photo is replaced: its old entry is no longer used, but it is young and stays.
        site.WriteBytes("media/photo.jpg", PictureFixtures.Jpeg(360, 200));
        var second = site.Build();
        second.Succeeded();
        Assert.Equal(0, second.PicturesPruned);
        var all = Entries(site);
        Assert.Equal(3, all.Count);

        // Every entry looks 40 days old: the build marks the two it uses and deletes the old photo's.
        all.ForEach(e => Age(site, e, TimeSpan.FromDays(40)));
        var third = site.Build();
        third.Succeeded();

        Assert.Equal((0, 6, 1), (third.Pictures.Encoded, third.Pictures.Reused, third.PicturesPruned)); // files reused, entries pruned
        var kept = Entries(site);
        Assert.Equal(2, kept.Count);
        Assert.Single(first.Except(kept)); // the replaced photo's entry
        Assert.All(kept, e => Assert.True(DateTime.UtcNow - Directory.GetLastWriteTimeUtc(Path.Combine(Cache(site), e)) < TimeSpan.FromHours(1), e));
    }

    [Fact]
    public void OnlyFoldersNamedAsTheCacheNamesThemAreEverDeleted()
    {
        using var site = Site();
        var cache = Cache(site);
        string[] foreign = ["notes/holiday", "01/not-a-key", "ff/" + Key, "01/" + Key.ToUpperInvariant()];
        foreach (var folder in foreign)
        {
            Directory.CreateDirectory(Path.Combine(cache, folder));
            File.WriteAllText(Path.Combine(cache, folder, "keep.txt"), "mine");
        }

        File.WriteAllText(Path.Combine(cache, "readme.txt"), "mine");
        var abandoned = $"01/{Key}.tmp-{new string('a', 32)}";
        var running = $"01/{Key}.tmp-{new string('b', 32)}";
        Directory.CreateDirectory(Path.Combine(cache, abandoned));
        Directory.CreateDirectory(Path.Combine(cache, running));
        foreach (var folder in foreign)
        {
            Age(site, folder, TimeSpan.FromDays(400));
        }

        Age(site, abandoned, TimeSpan.FromDays(1));
        Age(site, running, TimeSpan.FromMinutes(5));

        site.Build().Succeeded();

        Assert.All(foreign, f => Assert.True(File.Exists(Path.Combine(cache, f, "keep.txt")), f));
        Assert.True(File.Exists(Path.Combine(cache, "readme.txt")));
        Assert.False(Directory.Exists(Path.Combine(cache, abandoned)), "a stopped build's temporary folder is deleted");
        Assert.True(Directory.Exists(Path.Combine(cache, running)), "a running build's temporary folder is kept");
    }

    [Fact]
    public void AFailedBuildPrunesNothing()
    {
        using var site = Site();
        site.Build().Succeeded();
        var entries = Entries(site);
        entries.ForEach(e => Age(site, e, TimeSpan.FromDays(40)));

        site.Article("stretch", body: "![](../media/photo.jpg)"); // no alt text: an error
        var failed = site.Build();

        Assert.False(failed.Published);
        Assert.Equal(0, failed.PicturesPruned);
        Assert.Equal(entries, Entries(site));
    }
}
