using System.Collections.Concurrent;
using BackCareSite.Serve;
using BackCareSite.Tests.Support;

namespace BackCareSite.Tests.Serve;

/// <summary>The watcher loses no save: changes seen while it is held (the first build) or while a batch is handled come next.</summary>
public sealed class ChangeWatcherTests
{
    [Fact]
    public void ASaveMadeWhileTheFirstBuildRunsIsTheFirstBatchAfterIt()
    {
        using var site = new TempSite();
        site.Article("existing");
        var batches = new BlockingCollection<ChangeSet>();
        using var watcher = new ChangeWatcher([site.ContentDir], [], (changes, _) => batches.Add(changes), held: true);

        site.Article("saved-during-build");
        Assert.False(batches.TryTake(out _, TimeSpan.FromMilliseconds(300)), "nothing is handed over while held");
        watcher.Release();

        Assert.True(batches.TryTake(out var batch, TimeSpan.FromSeconds(10)), "the save made while held was lost");
        Assert.Contains(Path.Combine(site.ContentDir, "articles", "saved-during-build.md"), batch.Paths);
    }

    [Fact]
    public void ChangesMadeWhileABatchIsHandledFormTheNextBatch()
    {
        using var site = new TempSite();
        site.Article("existing");
        var batches = new BlockingCollection<ChangeSet>();
        using var handling = new ManualResetEventSlim();
        using var carryOn = new ManualResetEventSlim();
        using var watcher = new ChangeWatcher([site.ContentDir], [], (changes, _) =>
        {
            batches.Add(changes);
            if (batches.Count == 1)
            {
                handling.Set();
                carryOn.Wait(TimeSpan.FromSeconds(10));
            }
        });

        site.Article("first");
        Assert.True(handling.Wait(TimeSpan.FromSeconds(10)));
        site.Article("during");
        Thread.Sleep(200);
        carryOn.Set();

        var seen = new List<string>();
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (!seen.Contains(Path.Combine(site.ContentDir, "articles", "during.md")) && DateTime.UtcNow < deadline)
        {
            if (batches.TryTake(out var batch, TimeSpan.FromMilliseconds(200)))
            {
                seen.AddRange(batch.Paths);
            }
        }

        Assert.Contains(Path.Combine(site.ContentDir, "articles", "during.md"), seen);
    }
}
