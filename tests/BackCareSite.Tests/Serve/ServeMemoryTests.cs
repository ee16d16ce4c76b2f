using System.Runtime.InteropServices;
using BackCareSite.Build;
using BackCareSite.Rendering;
using BackCareSite.Serve;
using BackCareSite.Tests.Support;

namespace BackCareSite.Tests.Serve;

/// <summary>
/// What serve does for its memory (docs/serve.md, "Session 11"): a warning's line is remembered as a digest, not its
/// text, and still printed once per session; once no change has arrived for a while after a rebuild, one compacting
/// collection, which a save arriving later does not disturb.
/// </summary>
public sealed class ServeMemoryTests
{
    [Fact]
    public void ALineIsNewOnlyTheFirstTimeItsTextIsAdded()
    {
        var printed = new PrintedLines();
        var line = "content/articles/a.md:7:3: warning BCS0214: the review was due on 2027-01-15";
        var long1 = new string('x', 3000) + "a";
        var long2 = new string('x', 3000) + "b";

        Assert.True(printed.Add(line));
        Assert.False(printed.Add(new string(line.AsSpan()))); // another object, the same text
        Assert.True(printed.Add(line.Replace(":7:3:", ":7:4:", StringComparison.Ordinal)));
        Assert.True(printed.Add("é " + line)); // non-ASCII text is hashed as UTF-8
        Assert.True(printed.Add(long1)); // longer than the stack buffer
        Assert.False(printed.Add(new string(long1.AsSpan())));
        Assert.True(printed.Add(long2));
        Assert.Equal(5, printed.Count);
    }

    [Fact]
    public void LinesMergedIntoTheSortedDigestsAreStillKnown()
    {
        // Past PrintedLines.Recent new lines, the newest are merged into the sorted array: a line from before and after
        // each merge is still known once, and each new one is new.
        var printed = new PrintedLines();
        var count = (PrintedLines.Recent * 3) + 7;
        for (var i = 0; i < count; i++)
        {
            Assert.True(printed.Add($"content/articles/a{i}.md:1:1: warning BCS0214: the review was due"));
        }

        Assert.Equal(PrintedLines.Recent * 3, printed.Merged);
        Assert.Equal(count, printed.Count);
        for (var i = 0; i < count; i++)
        {
            Assert.False(printed.Add($"content/articles/a{i}.md:1:1: warning BCS0214: the review was due"));
        }

        Assert.True(printed.Add("content/articles/b.md:1:1: warning BCS0214: the review was due"));
        Assert.Equal(count + 1, printed.Count);
    }

    [Fact]
    public async Task AWarningIsPrintedOnceAlthoughASaveMakesItAgain()
    {
        using var site = new TempSite();
        site.Article("walking", body: "Walk a little every day.", title: "Walking");
        var err = new StringWriter();
        // The article's review was due on 2027-01-15: every build warns.
        await using var host = await ServeHost.StartAsync(
            new BuildOptions { ContentDir = site.ContentDir, TemplatesDir = site.TemplatesDir, Today = new DateOnly(2031, 1, 1) },
            0, Path.Combine(site.Root, "netlify.toml"), TextWriter.Null, err);
        Assert.Equal(1, Occurrences(err.ToString(), "BCS0214"));

        var rebuilt = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        host.Rebuilt += (result, _) => rebuilt.TrySetResult();
        site.Article("walking", body: "Walk a little further every day.", title: "Walking"); // parsed again: a new warning object, the same text
        await rebuilt.Task.WaitAsync(TimeSpan.FromSeconds(60));

        Assert.Equal(1, Occurrences(err.ToString(), "BCS0214"));
    }

    [Fact]
    public async Task OnceIdleAfterARebuildServeCompactsItsMemoryAndTheNextSaveIsBuilt()
    {
        using var site = new TempSite();
        site.Article("walking", body: "Walk a little every day.", title: "Walking");
        await using var host = await ServeHost.StartAsync(
            new BuildOptions { ContentDir = site.ContentDir, TemplatesDir = site.TemplatesDir, Today = new DateOnly(2026, 6, 1) },
            0, Path.Combine(site.Root, "netlify.toml"), TextWriter.Null, TextWriter.Null);
        host.IdleCollectionDelay = TimeSpan.FromMilliseconds(100);
        var compacted = new TaskCompletionSource<TimeSpan>(TaskCreationOptions.RunContinuationsAsynchronously);
        host.Compacted += paused => compacted.TrySetResult(paused);
        using var http = new HttpClient { BaseAddress = host.Address, Timeout = TimeSpan.FromSeconds(20) };

        var rebuilt = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        host.Rebuilt += (_, _) => rebuilt.TrySetResult();
        site.Article("walking", body: "Walk a little further every day.", title: "Walking");
        await rebuilt.Task.WaitAsync(TimeSpan.FromSeconds(60));
        var paused = await compacted.Task.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.True(paused > TimeSpan.Zero, "a blocking collection pauses the process");
        Assert.Contains("Walk a little further every day.", await http.GetStringAsync("articles/walking/"));
        var again = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        host.Rebuilt += (_, _) => again.TrySetResult();
        site.Article("walking", body: "Walk at a pace that lets you talk.", title: "Walking");
        await again.Task.WaitAsync(TimeSpan.FromSeconds(60));
        Assert.Contains("Walk at a pace that lets you talk.", await http.GetStringAsync("articles/walking/"));
    }

    [Fact]
    public void APagesTraceIsSealedWhenItsRenderEndsNotWhenTheWholeRenderDoes()
    {
        using var folder = new TemplateFolder();
        var templates = folder.Load(("page.html", "{{ page.title }}"));
        var render = new PreviewRender(RenderState.Empty(), templates, new Dictionary<BackCareSite.Content.ContentItem, BackCareSite.Markdown.LinkedBody>(), inputsKept: false);
        var job = new PageJob("page.html", new PageMeta("A", "About a.", "/a/", "https://example.org/a/", "page", "a/index.html"), new Scriban.Runtime.ScriptObject());
        var other = new PageJob("page.html", new PageMeta("B", "About b.", "/b/", "https://example.org/b/", "page", "b/index.html"), new Scriban.Runtime.ScriptObject());
        var trace = render.Trace(job);
        var still = render.Trace(other);

        render.Rendered("a/index.html");

        Assert.Throws<InvalidOperationException>(() => trace.Template("page.html")); // sealed: records nothing more
        still.Template("page.html"); // the other page's render has not ended
        render.Rendered("no/such/index.html"); // a page without a trace: nothing to do
    }

    [Fact]
    public void ARebuildKeepsNothingOfTheRenderStateBeforeIt()
    {
        // The link check's way to read a kept page was a lambda that shared the closure of the rebuild's locals, so the
        // last rebuild's PreviewRender, and the render state it started from, stayed reachable until the next rebuild.
        using var site = new TempSite();
        site.Article("walking", body: "Walk a little every day.", title: "Walking").Article("sitting", body: "Sit well.", title: "Sitting");
        var preview = new PreviewSite(new BuildOptions { ContentDir = site.ContentDir, TemplatesDir = site.TemplatesDir, Today = new DateOnly(2026, 6, 1) });
        Assert.True(preview.Rebuild(ChangeSet.Everything).Succeeded);
        var before = Weakly(preview);
        site.Article("walking", body: "Walk a little further every day.", title: "Walking");
        Assert.True(preview.Rebuild(ChangeSet.Of(Path.Combine(site.ContentDir, "articles", "walking.md"))).Succeeded);

        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        Assert.False(before.IsAlive);
        Assert.NotNull(preview.Kept);

        [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
        static WeakReference Weakly(PreviewSite preview) => new(preview.Kept);
    }

    [Fact]
    public void ServesKeptArticleViewsMakeTheirReviewSourcesAndFeedbackLinkAtEachReadAndHoldNone()
    {
        // Only an article's own page reads them, but serve keeps every view for the session: held, they were about
        // 0.8 KB an article (docs/serve.md, "Sixteenth session").
        using var site = new TempSite();
        site.Article("walking", body: "Walk a little every day.", title: "Walking");
        var preview = new PreviewSite(new BuildOptions { ContentDir = site.ContentDir, TemplatesDir = site.TemplatesDir, Today = new DateOnly(2026, 6, 1) });
        var result = preview.Rebuild(ChangeSet.Everything);
        Assert.True(result.Succeeded, string.Join('\n', result.Diagnostics));

        var view = Assert.Single(preview.Kept.Views.Values.Select(v => v.View).OfType<ArticleView>());
        Assert.False(view.HoldsOwnParts);
        Assert.StartsWith("mailto:feedback@clinic.example?subject=", view.FeedbackUrl, StringComparison.Ordinal);
        Assert.NotNull(view.Review);
        Assert.Equal(view.Review, view.Review); // made again, equal: what a trace compares
        Assert.False(view.HoldsOwnParts);
        var page = System.Text.Encoding.UTF8.GetString(preview.Snapshot.Files["articles/walking/index.html"].Bytes!);
        Assert.Contains(System.Net.WebUtility.HtmlEncode(view.FeedbackUrl!), page, StringComparison.Ordinal);
    }

    [Fact]
    public void AKeptArticleViewHoldsItsContentsListAsTextsAndMakesTheLinksAtEachRead()
    {
        using var site = new TempSite();
        var headings = new[] { "Warming up", "Getting started", "Cooling down", "When to seek advice" };
        site.Article("long", body: string.Join("\n\n", headings.Select(h => $"## {h}\n\nSome text.")), title: "Long");
        var preview = new PreviewSite(new BuildOptions { ContentDir = site.ContentDir, TemplatesDir = site.TemplatesDir, Today = new DateOnly(2026, 6, 1) });
        var result = preview.Rebuild(ChangeSet.Everything);
        Assert.True(result.Succeeded, string.Join('\n', result.Diagnostics));

        var view = Assert.Single(preview.Kept.Views.Values.Select(v => v.View).OfType<ArticleView>());
        Assert.Equal(headings, view.Contents.Select(l => l.Title));
        Assert.Equal("#warming-up", view.Contents[0].Url);
        Assert.Equal(view.Contents, view.Contents); // equal at each read: what a trace compares
        Assert.NotSame(view.Contents, view.Contents); // made at each read, not held
        var page = System.Text.Encoding.UTF8.GetString(preview.Snapshot.Files["articles/long/index.html"].Bytes!);
        Assert.Contains("<a href=\"#cooling-down\">Cooling down</a>", page, StringComparison.Ordinal);
    }

    [Fact]
    public void AKeptPagesMetadataSharesItsItemsPathsAndPagesShowingOnePictureShareOneCard()
    {
        // serve keeps every page's metadata: each made its own copies of the item's URL and output path, and its own card
        // (3.5 MB at 10,000 articles; docs/serve.md, "Seventeenth session").
        using var site = new TempSite();
        site.Article("walking", body: "Walk a little every day.", title: "Walking");
        site.Article("running", body: "Run a little every week.", title: "Running");
        site.Exercise("knee-rolls");
        var preview = new PreviewSite(new BuildOptions { ContentDir = site.ContentDir, TemplatesDir = site.TemplatesDir, Today = new DateOnly(2026, 6, 1) });
        var result = preview.Rebuild(ChangeSet.Everything);
        Assert.True(result.Succeeded, string.Join('\n', result.Diagnostics));

        var items = preview.Kept.Views.ToDictionary(v => v.Value.View, v => v.Key, ReferenceEqualityComparer.Instance);
        var metas = new List<PageMeta>();
        foreach (var (view, job) in preview.Kept.Jobs)
        {
            var item = items[view];
            var url = view switch { ArticleView a => a.Url, PageView p => p.Url, ExerciseView e => e.Url, _ => throw new InvalidOperationException() };
            Assert.Same(url, job.Seed.Meta.Url);
            Assert.Equal(item.Path, job.Seed.Meta.Url);
            Assert.Same(item.OutputPath, job.Seed.Meta.OutputPath);
            metas.Add(job.Seed.Meta);
        }

        Assert.Equal(3, metas.Count);
        var walking = metas.Single(m => m.Title == "Walking");
        Assert.NotNull(walking.Card);
        Assert.Same(walking.Card, metas.Single(m => m.Title == "Running").Card);
        Assert.Same(walking.Card, metas.Single(m => m.Kind == "exercise").Card);
    }

    [Fact]
    public void APagesMetadataHoldsTheSitesOriginNotACanonicalUrlOfItsOwn()
    {
        // serve keeps every page's metadata: each page's canonical URL was 1.9 MB at 10,000 articles (docs/serve.md,
        // "Seventeenth session"). The metadata keeps the origin (one string for the site) and makes the URL when read.
        var (meta, given) = Made("https://clinic.example", "/articles/walking/");
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();

        Assert.False(given.IsAlive);
        Assert.Equal("https://clinic.example/articles/walking/", meta.CanonicalUrl);
        Assert.Equal(meta, meta with { CanonicalUrl = "https://clinic.example/articles/walking/" });
        Assert.NotEqual(meta, meta with { CanonicalUrl = "https://other.example/articles/walking/" });
        Assert.Equal("https://other.example/b/", new PageMeta("B", "", "/a/", "https://other.example/b/", "page", "a/index.html").CanonicalUrl);
        Assert.Equal("https://other.example/", new PageMeta("", "", "", "https://other.example/", "", "").CanonicalUrl);

        [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
        static (PageMeta Meta, WeakReference Given) Made(string origin, string url)
        {
            var canonical = origin + url;
            return (new PageMeta("Walking", "About walking.", url, canonical, "article", "articles/walking/index.html"), new WeakReference(canonical));
        }
    }

    [Fact]
    public void ServeKeepsExerciseCardsPackedAndABodyThatEmbedsOneShowsIt()
    {
        using var site = new TempSite();
        var description = string.Join(' ', Enumerable.Range(1, 60).Select(n => $"step{n}"));
        site.Exercise("knee-rolls").Write("exercises/knee-rolls.md", File.ReadAllText(Path.Combine(site.ContentDir, "exercises", "knee-rolls.md"))
            .Replace("description: How to do knee-rolls.", $"description: {description}", StringComparison.Ordinal));
        site.Article("walking", body: "Walk a little every day.\n\n{% exercise knee-rolls %}", title: "Walking");
        var preview = new PreviewSite(new BuildOptions { ContentDir = site.ContentDir, TemplatesDir = site.TemplatesDir, Today = new DateOnly(2026, 6, 1) });
        var result = preview.Rebuild(ChangeSet.Everything);
        Assert.True(result.Succeeded, string.Join('\n', result.Diagnostics));

        var card = preview.Kept.Cards["knee-rolls"].Html;
        Assert.True(card.IsPacked);
        Assert.Contains(description, card.Value, StringComparison.Ordinal);
        var page = System.Text.Encoding.UTF8.GetString(preview.Snapshot.Files["articles/walking/index.html"].Bytes!);
        Assert.Contains(card.Value, page, StringComparison.Ordinal);
    }

    [Fact]
    public void WithTheThresholdsKeptALargeBlockIsMappedOnItsOwnEvenAfterALargerOneWasFreed()
    {
        if (!OperatingSystem.IsLinux())
        {
            return;
        }

        Assert.True(NativeHeap.KeepThresholds());
        // Left to itself, glibc would now raise its thresholds to 8 MB, and the next 1 MB block would come from an arena.
        Marshal.FreeHGlobal(Marshal.AllocHGlobal(8 << 20));
        // Each block's own header, not a count for the whole process (which the tests running beside this one change):
        // glibc keeps a chunk's size in the word before the block, with bit 1 (IS_MMAPPED) set for a block mapped on its
        // own. A block can still come from a free chunk this thread's arena holds from an earlier test (a clean-clone run
        // saw one), so 64 are taken: free chunks of 1 MB and more for half of them would be 32 MB held free.
        var blocks = new IntPtr[64];
        for (var i = 0; i < blocks.Length; i++)
        {
            blocks[i] = Marshal.AllocHGlobal(1 << 20);
        }

        var mapped = blocks.Count(block => (Marshal.ReadInt64(block - 8) & 2) != 0);
        foreach (var block in blocks)
        {
            Marshal.FreeHGlobal(block);
        }

        Assert.True(mapped >= blocks.Length / 2, $"{mapped} of {blocks.Length} blocks of 1 MB mapped on their own");
    }

    private static int Occurrences(string text, string what)
    {
        var count = 0;
        for (var at = text.IndexOf(what, StringComparison.Ordinal); at >= 0; at = text.IndexOf(what, at + what.Length, StringComparison.Ordinal))
        {
            count++;
        }

        return count;
    }
}
