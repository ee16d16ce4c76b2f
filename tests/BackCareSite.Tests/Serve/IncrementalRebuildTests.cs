using System.Text;
using BackCareSite.Build;
using BackCareSite.Serve;
using BackCareSite.Tests.Support;

namespace BackCareSite.Tests.Serve;

/// <summary>
/// The preview's incremental rebuild on a small site: which pages an edit renders again
/// (exactly), and that after any series of edits the served site is the same, byte for byte,
/// as a full build of the same files.
/// </summary>
public sealed class IncrementalRebuildTests : IDisposable
{
    private readonly TempSite _site = new();
    private readonly PreviewSite _preview;

    public IncrementalRebuildTests()
    {
        // Newest first: a8 a7 a6 | a5 a4 a3 | a2 a1 on three index pages; the home page shows a8 to a3.
        _site.Write("site.yml", TempSite.SiteYml + "\narticles_per_page: 3\n");
        for (var n = 1; n <= 8; n++)
        {
            var tags = n % 2 == 1 ? "posture" : "walking";
            var exercises = n == 2 ? "exercises:\n  - knee-rolls\n" : "";
            _site.Write($"articles/a{n}.md", Article(n, $"Text of article {n}.", tags, exercises));
        }

        _site.Exercise("knee-rolls").Exercise("cat-cow");
        var templates = Path.Combine(_site.Root, "templates");
        CopyFolder(RepoPaths.Templates, templates);
        _site.TemplatesDir = templates;
        _preview = new PreviewSite(new BuildOptions { ContentDir = _site.ContentDir, TemplatesDir = templates, Today = new DateOnly(2026, 6, 1) });
        var first = _preview.Rebuild(ChangeSet.Everything);
        Assert.True(first.Succeeded, string.Join('\n', first.Diagnostics));
    }

    private static string Article(int n, string body, string tags, string extra = "") =>
        $"---\ntitle: Article {n}\ndescription: About {n}.\ndate: 2026-01-{n:00}\ntags:\n  - {tags}\n{TempSite.WithGovernance(extra)}---\n\n{body}\n";

    public void Dispose() => _site.Dispose();

    private PreviewBuild Change(string relative, string? text)
    {
        var result = Edit(relative, text);
        Assert.True(result.Succeeded, string.Join('\n', result.Diagnostics));
        return result;
    }

    private PreviewBuild ChangeTemplate(string name, Func<string, string> edit)
    {
        var full = Path.Combine(_site.TemplatesDir, name);
        File.WriteAllText(full, edit(File.ReadAllText(full)));
        var result = _preview.Rebuild(ChangeSet.Of(full));
        Assert.True(result.Succeeded, string.Join('\n', result.Diagnostics));
        return result;
    }

    private static string[] Pages(params string[] paths) => paths.Order(StringComparer.Ordinal).ToArray();

    private static string[] Sorted(IEnumerable<string> paths) => paths.Order(StringComparer.Ordinal).ToArray();

    [Fact]
    public void AnEditedArticleBodyRendersOnlyItsOwnPage()
    {
        // The lists show an article's title, date and description, not its body: their renders never read it.
        var result = Change("articles/a1.md", Article(1, "New text of article 1.", "posture"));

        Assert.Equal(Pages("articles/a1/index.html"), Sorted(result.RenderedPages));
        Assert.Contains("New text of article 1.", Served("articles/a1/index.html"));
    }

    [Fact]
    public void AnEditedBodyMakesOnlyItsOwnViewAgainAndReplaysOnlyThePagesThatShowIt()
    {
        var result = Change("articles/a1.md", Article(1, "New text of article 1.", "posture"));

        // The other items' views are kept; a page that began its render with the very same objects is kept
        // without replaying its trace. Those that show article 1 (a new view) are replayed, and kept.
        Assert.Equal(1, result.ViewsMade);
        Assert.Contains("articles/page/3/index.html", result.ReplayedPages);
        Assert.Contains("tags/posture/index.html", result.ReplayedPages);
        foreach (var page in new[] { "articles/a2/index.html", "articles/a3/index.html", "index.html", "articles/index.html", "exercises/knee-rolls/index.html", "tags/walking/index.html" })
        {
            Assert.DoesNotContain(page, result.ReplayedPages);
        }

        Assert.Equal(Pages("articles/a1/index.html"), Sorted(result.RenderedPages));
    }

    [Fact]
    public void AJobMadeAgainFromWhatWasKeptOfItIsKnownAsTheOneKeptForTheSameObjects()
    {
        // A page job's values are not kept between rebuilds (docs/serve.md, "Session 14"): each job is made again from its
        // template, metadata and view, and known as the job kept before without comparing its objects again.
        Change("articles/a1.md", Article(1, "New text of article 1.", "posture"));
        var second = Change("articles/a1.md", Article(1, "Newer text of article 1.", "posture"));

        // Every item's page but article 1's (rendered at the first save, so planned again): 7 articles, 2 exercises.
        Assert.Equal(9, second.KeptAsPlanned);
        Assert.Equal(Pages("articles/a1/index.html"), Sorted(second.RenderedPages));
        Assert.All(_preview.Kept.Jobs, job => Assert.Equal(job.Key is BackCareSite.Rendering.ArticleView ? "article" : "exercise", job.Value.Seed.Name));
        Assert.Contains("Newer text of article 1.", Served("articles/a1/index.html"));
    }

    [Fact]
    public void ASiteSettingsEditMakesEveryViewAgainAndReplaysEveryPage()
    {
        var items = Directory.EnumerateFiles(_site.ContentDir, "*.md", SearchOption.AllDirectories).Count();

        var result = Change("site.yml", TempSite.SiteYml + "\narticles_per_page: 3\n# A comment changes nothing the pages show.\n");

        Assert.Equal(items, result.ViewsMade);
        Assert.Equal(result.PageCount, result.ReplayedPages.Count);
        Assert.Empty(result.RenderedPages);
    }

    [Fact]
    public void ABodyWhoseLinkNowResolvesElsewhereIsRenderedAgainAndEveryPageIsReplayed()
    {
        Change("articles/a3.md", Article(3, "See [article 4](a4.md).", "posture"));

        // Article 3 is the same parse (its view is kept) but its body's link resolves to a new address:
        // a kept view whose body changed may be read by any page, so every kept page is replayed.
        var result = Change("articles/a4.md", Article(4, "Text of article 4.", "walking", "slug: a4-moved\n"));

        Assert.Contains("href=\"/articles/a4-moved/\"", Served("articles/a3/index.html"));
        Assert.Contains("articles/a3/index.html", result.RenderedPages);
        Assert.Contains("articles/a5/index.html", result.ReplayedPages);
        Assert.Contains("index.html", result.ReplayedPages);
    }

    [Fact]
    public void AnEditedArticleDescriptionRendersItselfAndThePagesThatListIt()
    {
        var result = Change("articles/a1.md", Article(1, "Text of article 1.", "posture").Replace("About 1.", "All about 1.", StringComparison.Ordinal));

        Assert.Equal(Pages("articles/a1/index.html", "articles/page/3/index.html", "tags/posture/index.html"), Sorted(result.RenderedPages));
        Assert.Contains("All about 1.", Served("tags/posture/index.html"));
    }

    [Fact]
    public void AnArticleOnTheHomePageAlsoRendersTheHomePage()
    {
        var result = Change("articles/a7.md", Article(7, "Text of article 7.", "posture").Replace("About 7.", "About 7, edited.", StringComparison.Ordinal));

        Assert.Equal(Pages("articles/a7/index.html", "articles/index.html", "index.html", "tags/posture/index.html"), Sorted(result.RenderedPages));
    }

    [Fact]
    public void AnEditedExerciseRendersItsPageTheListsAndTheArticlesShowingItsCard()
    {
        var result = Change("exercises/knee-rolls.md",
            "---\ntitle: Knee rolls\ndescription: Roll your knees.\nposition: Lie down.\nsteps:\n  - Roll.\ndifficulty: gentle\n" + TempSite.Governance + "---\n\nSlowly.\n");

        // Not the lists that show article 2: they do not show its exercises.
        Assert.Equal(
            Pages("exercises/knee-rolls/index.html", "exercises/index.html", "index.html", "articles/a2/index.html"),
            Sorted(result.RenderedPages));
        Assert.Contains("<li>Roll.</li>", Served("articles/a2/index.html"));
    }

    [Fact]
    public void ATemplateEditRendersThePagesUsingThatTemplateOnly()
    {
        var result = ChangeTemplate("article.html", t => t + "\n<p>article footer</p>\n");

        Assert.Equal(Enumerable.Range(1, 8).Select(n => $"articles/a{n}/index.html").Order(StringComparer.Ordinal), Sorted(result.RenderedPages));
    }

    [Fact]
    public void APartialEditRendersThePagesWhoseTemplatesIncludeIt()
    {
        // partials/health-foot.html is included by article.html and exercise.html.
        var result = ChangeTemplate("partials/health-foot.html", t => t + "\n");

        Assert.Equal(
            Enumerable.Range(1, 8).Select(n => $"articles/a{n}/index.html").Concat(["exercises/cat-cow/index.html", "exercises/knee-rolls/index.html"]).Order(StringComparer.Ordinal),
            Sorted(result.RenderedPages));
    }

    [Fact]
    public void ALayoutEditRendersEveryPage()
    {
        var result = ChangeTemplate("layouts/base.html", t => t.Replace("</body>", "<p>layout footer</p>\n</body>", StringComparison.Ordinal));

        Assert.Equal(result.PageCount, result.RenderedPages.Count);
        Assert.Contains("layout footer", Served("tags/walking/index.html"));
    }

    [Fact]
    public void AnAddedArticleRendersItsPageAndTheListsItChanges()
    {
        var result = Change("articles/a9.md", Article(9, "Text of article 9.", "posture"));

        foreach (var page in new[] { "articles/a9/index.html", "index.html", "articles/index.html", "articles/page/2/index.html", "articles/page/3/index.html", "tags/posture/index.html", "tags/index.html" })
        {
            Assert.Contains(page, result.RenderedPages);
        }

        // An article page names its tags but does not show their counts: a1 (posture) is not rendered again.
        foreach (var page in new[] { "articles/a1/index.html", "articles/a2/index.html", "exercises/knee-rolls/index.html", "tags/walking/index.html", "red-flags/index.html" })
        {
            Assert.DoesNotContain(page, result.RenderedPages);
        }

        Assert.Contains("Text of article 9.", Served("articles/a9/index.html"));
    }

    [Fact]
    public void ADeletedArticleIsRemovedAndTheListsNoLongerShowIt()
    {
        var result = Change("articles/a1.md", null);

        Assert.Equal(["articles/a1/index.html"], result.RemovedPages);
        Assert.False(_preview.Snapshot.Files.ContainsKey("articles/a1/index.html"));
        Assert.Contains("articles/page/3/index.html", result.RenderedPages);
        Assert.DoesNotContain("Article 1<", Served("tags/posture/index.html"));
    }

    [Fact]
    public void ALinkToARenamedFileBreaksAndTheFixRestoresIt()
    {
        Change("articles/a3.md", Article(3, "See [article 4](a4.md).", "posture"));
        Assert.Contains("href=\"/articles/a4/\"", Served("articles/a3/index.html"));

        File.Move(Path.Combine(_site.ContentDir, "articles/a4.md"), Path.Combine(_site.ContentDir, "articles/a4-renamed.md"));
        var broken = _preview.Rebuild(ChangeSet.Of(Path.Combine(_site.ContentDir, "articles/a4.md"), Path.Combine(_site.ContentDir, "articles/a4-renamed.md")));

        Assert.False(broken.Succeeded);
        Assert.Contains(broken.Diagnostics, d => d.Code == "BCS0301" && d.Path.EndsWith("articles/a3.md", StringComparison.Ordinal) && d.Line == 16);

        var fixedBuild = Change("articles/a3.md", Article(3, "See [article 4](a4-renamed.md).", "posture"));
        Assert.Contains("href=\"/articles/a4-renamed/\"", Served("articles/a3/index.html"));
        Assert.False(_preview.Snapshot.Files.ContainsKey("articles/a4/index.html"));
        Assert.Contains("articles/a4-renamed/index.html", fixedBuild.RenderedPages);
    }

    [Fact]
    public void AfterASeriesOfEditsTheServedSiteEqualsAFullBuild()
    {
        Change("articles/a1.md", Article(1, "Changed body with a [link](a2.md).", "posture"));
        Change("articles/a5.md", Article(5, "Text of article 5.", "sleep"));
        Change("articles/a9.md", Article(9, "Brand new.", "walking", "exercises:\n  - cat-cow\n"));
        Change("articles/a6.md", null);
        Change("articles/a8.md", Article(8, "Drafted.", "walking", "draft: true\n"));
        Change("exercises/cat-cow.md", "---\ntitle: Cat and cow\ndescription: Arch and round.\nposition: On all fours.\nsteps:\n  - Arch.\n  - Round.\ndifficulty: moderate\n" + TempSite.Governance + "---\n\nGently.\n");
        ChangeTemplate("tag.html", t => t + "\n<p>tag footer</p>\n");
        Change("articles/a2.md", "---\ntitle: Broken\ndescription: x.\ndate: nope\nhealth: false\n---\n\nx\n".Replace("Broken", "Article 2", StringComparison.Ordinal).Replace("nope", "2026-01-02", StringComparison.Ordinal));

        AssertServedEqualsAFullBuild();
    }

    [Fact]
    public void AnArticleWhoseDateChangesMovesInTheListsAndOneWhoseDateStaysKeepsItsPlace()
    {
        // The articles' order is kept between rebuilds and patched while an edited article keeps its date and slug.
        Change("articles/a3.md", Article(3, "Same date, new text.", "posture"));
        AssertServedEqualsAFullBuild();
        Change("articles/a3.md", Article(3, "Newest now.", "posture").Replace("date: 2026-01-03", "date: 2026-01-09", StringComparison.Ordinal));
        var home = Served("index.html");
        Assert.True(home.IndexOf("Article 3<", StringComparison.Ordinal) < home.IndexOf("Article 8<", StringComparison.Ordinal), "a3 is the newest article now");
        AssertServedEqualsAFullBuild();

        // A file deleted and another added in the same batch: as many articles as before, not the same ones.
        File.Delete(Path.Combine(_site.ContentDir, "articles/a5.md"));
        _site.Write("articles/a0.md", Article(5, "Text of article 5, moved.", "posture"));
        var moved = _preview.Rebuild(ChangeSet.Of(Path.Combine(_site.ContentDir, "articles/a5.md"), Path.Combine(_site.ContentDir, "articles/a0.md")));
        Assert.True(moved.Succeeded, string.Join('\n', moved.Diagnostics));
        AssertServedEqualsAFullBuild();
    }

    [Fact]
    public void AnEditedArticlesUnknownExerciseIsReportedAndADeletedExerciseIsReportedWhereAKeptArticleShowsIt()
    {
        // Only the items parsed again have their references checked while the rest had none to report and the exercises
        // and media are the same; a deleted exercise checks every item again.
        var broken = Edit("articles/a3.md", Article(3, "Text.", "posture", "exercises:\n  - no-such-exercise\n"));
        Assert.False(broken.Succeeded);
        Assert.Single(broken.Diagnostics, d => d.Code == BackCareSite.Diagnostics.ErrorCodes.UnknownExercise && d.Path.EndsWith("articles/a3.md", StringComparison.Ordinal));
        Change("articles/a3.md", Article(3, "Text.", "posture"));

        var gone = Edit("exercises/knee-rolls.md", null);
        Assert.False(gone.Succeeded);
        Assert.Contains(gone.Diagnostics, d => d.Code == BackCareSite.Diagnostics.ErrorCodes.UnknownExercise && d.Path.EndsWith("articles/a2.md", StringComparison.Ordinal));
    }

    [Fact]
    public void ALinkToAHeadingBreaksWhenOnlyTheTargetLosesItAndIsWholeWhenItComesBack()
    {
        // The link check keeps a3's result; a4 scanned again without the id a3 looked up makes a3 checked again.
        Change("articles/a4.md", Article(4, "## Warm up\n\nGently.", "walking"));
        Change("articles/a3.md", Article(3, "Do [the warm-up](a4.md#warm-up).", "posture"));

        var broken = Edit("articles/a4.md", Article(4, "## Cool down\n\nGently.", "walking"));
        Assert.False(broken.Succeeded);
        Assert.Single(broken.Diagnostics, d => d.Code == BackCareSite.Diagnostics.ErrorCodes.LinkFragmentMissing && d.Path.EndsWith("articles/a3.md", StringComparison.Ordinal));

        Change("articles/a4.md", Article(4, "## Warm up\n\nGently again.", "walking"));
        AssertServedEqualsAFullBuild();
    }

    private PreviewBuild Edit(string relative, string? text)
    {
        var full = Path.Combine(_site.ContentDir, relative);
        if (text is null)
        {
            File.Delete(full);
        }
        else
        {
            _site.Write(relative, text);
        }

        return _preview.Rebuild(ChangeSet.Of(full));
    }

    private void AssertServedEqualsAFullBuild()
    {
        _site.Build().Succeeded();
        var built = _site.Snapshot();
        var served = _preview.Snapshot.Files
            .Where(f => f.Value.Bytes is not null)
            .ToDictionary(f => f.Key, f => f.Value.Bytes!, StringComparer.Ordinal);
        var pages = built.Keys.Where(k => k.EndsWith(".html", StringComparison.Ordinal)).ToList();
        Assert.Equal(pages.Order(StringComparer.Ordinal), served.Keys.Where(k => k.EndsWith(".html", StringComparison.Ordinal)).Order(StringComparer.Ordinal));
        foreach (var page in pages)
        {
            Assert.True(built[page].AsSpan().SequenceEqual(served[page]), $"{page} differs from a full build:\n{Encoding.UTF8.GetString(served[page])}");
        }
    }

    private string Served(string path) => Encoding.UTF8.GetString(_preview.Snapshot.Files[path].Bytes!);

    private static void CopyFolder(string from, string to)
    {
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }
}
