using System.IO.Compression;
using System.Text;
using System.Text.Json;
using BackCareSite.Build;
using BackCareSite.Diagnostics;
using BackCareSite.Search;
using BackCareSite.Tests.Support;

namespace BackCareSite.Tests.Search;

/// <summary>The build's search stage: Pagefind over the staged site, and what the index holds.</summary>
public sealed class SearchIndexTests
{
    private static SearchOptions Pagefind => SearchOptions.Find(RepoPaths.Root, required: true);

    [NpmToolFact("pagefind")]
    public void TheIndexHoldsEveryPublishedArticleAndExerciseAndNoDraft()
    {
        using var site = new TempSite()
            .Exercise("knee-rolls", "targets:\n  - lower back\n  - hips\n")
            .Exercise("unfinished-exercise", "draft: true\n")
            .Article("published", "exercises:\n  - knee-rolls\n", "Walking helps most backs.\n\n{% exercise knee-rolls %}\n\nAfter the card.")
            .Article("unfinished-article", "draft: true\n")
            .Write("pages/about.md", "---\ntitle: About us\ndescription: Who we are.\n---\n\nWe are a clinic.\n");

        // --drafts renders the drafts (as a deploy preview does), yet the index still leaves them out.
        var result = Build(site, Pagefind, drafts: true);

        Assert.True(result.Published, string.Join('\n', result.Diagnostics));
        Assert.True(site.Exists("articles/unfinished-article/index.html"));
        var index = Fragments(site.OutDir);
        Assert.Equal(["/articles/published/", "/exercises/knee-rolls/"], index.Keys);

        var exercise = index["/exercises/knee-rolls/"];
        Assert.Equal("Exercise knee-rolls", exercise.GetProperty("meta").GetProperty("title").GetString());
        Assert.Equal(["Exercise"], Values(exercise, "type"));
        Assert.Equal(["Gentle"], Values(exercise, "difficulty"));
        Assert.Equal(["hips", "lower back"], Values(exercise, "area").Order(StringComparer.Ordinal));
        var exerciseText = exercise.GetProperty("content").GetString()!;
        Assert.Contains("Lie on your back.", exerciseText);
        Assert.Contains("Move slowly.", exerciseText);

        var article = index["/articles/published/"];
        Assert.Equal(["Article"], Values(article, "type"));
        var articleText = article.GetProperty("content").GetString()!;
        Assert.Contains("Walking helps most backs.", articleText);
        Assert.Contains("After the card.", articleText);
        // An exercise card shown in the text or below it is the exercise's, found on its own page: not its
        // words, nor its difficulty and body areas as the article's filters.
        Assert.Equal([], Values(article, "difficulty"));
        Assert.Equal([], Values(article, "area"));
        // Not the layout, the health notice or the exercise cards an article shows.
        foreach (var text in new[] { TempSite.SiteYml.Split("disclaimer: ")[1].Split('\n')[0], "Book an appointment", "Skip to main content", "Lie on your back." })
        {
            Assert.DoesNotContain(text, articleText);
        }
    }

    [NpmToolFact("pagefind")]
    public void TheSampleSiteIndexHoldsEveryArticleAndExercise()
    {
        var root = Path.Combine(Path.GetTempPath(), "bcs-search-" + Guid.NewGuid().ToString("N")[..12]);
        try
        {
            var result = SiteBuilder.Build(new BuildOptions
            {
                ContentDir = RepoPaths.Content, TemplatesDir = RepoPaths.Templates, OutDir = Path.Combine(root, "public"),
                Today = new DateOnly(2026, 11, 25), Search = Pagefind,
            });

            Assert.True(result.Published, string.Join('\n', result.Diagnostics));
            Assert.Contains(result.Timings, t => t.Stage == "search index");
            var expected = Directory.EnumerateFiles(Path.Combine(RepoPaths.Content, "articles"), "*.md").Select(f => $"/articles/{Path.GetFileNameWithoutExtension(f)}/")
                .Concat(Directory.EnumerateFiles(Path.Combine(RepoPaths.Content, "exercises"), "*.md").Select(f => $"/exercises/{Path.GetFileNameWithoutExtension(f)}/"))
                .Order(StringComparer.Ordinal);
            Assert.Equal(expected, Fragments(Path.Combine(root, "public")).Keys);
            // _headers is written after the index, so Pagefind's files (its worker included) get the site's CSP too.
            var headers = File.ReadAllText(Path.Combine(root, "public", "_headers")).Split('\n');
            var pagefind = Array.IndexOf(headers, "/pagefind/*");
            Assert.True(pagefind > 0, "_headers has no /pagefind/* rule");
            Assert.StartsWith("  Content-Security-Policy: ", headers[pagefind + 1]);
            Assert.Contains("'wasm-unsafe-eval'", headers[pagefind + 1]);
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    [NpmToolFact("pagefind")]
    public void PagefindRunsInTheSiteFolderNotInTheProcesssWorkingDirectory()
    {
        // Pagefind reads its working directory as it starts and panics (exit 101) when that folder is
        // gone. The process's working directory is shared, and callers (tests among them) set it to
        // temporary folders they delete, so Pagefind must start in the site folder. A stand-in runner,
        // run by the same Node, records where it was started and writes a one-page entry file.
        using var site = new TempSite().Article("first");
        site.Build().Succeeded();
        var runner = Path.Combine(site.Root, "runner.cjs");
        File.WriteAllText(runner, """
            const fs = require("fs"), path = require("path");
            const site = process.argv[process.argv.indexOf("--site") + 1];
            fs.writeFileSync(path.join(site, "..", "started-in.txt"), process.cwd());
            fs.mkdirSync(path.join(site, "pagefind"));
            fs.writeFileSync(path.join(site, "pagefind", "pagefind-entry.json"), '{"languages":{"en":{"page_count":1}}}');
            """);
        var diagnostics = new DiagnosticBag();

        var result = SearchIndexer.Index(site.OutDir, site.OutDir, new SearchOptions(Enabled: true, Pagefind.Tool! with { Runner = runner }, Required: true), diagnostics);

        Assert.True(diagnostics.Count == 0, string.Join('\n', diagnostics.Sorted()));
        Assert.True(result.Indexed);
        Assert.Equal(site.OutDir, File.ReadAllText(Path.Combine(site.Root, "started-in.txt")));
    }

    [Fact]
    public void WithoutPagefindALocalBuildPublishesAndSaysHowToEnableSearch()
    {
        using var site = new TempSite().Article("first");

        var result = Build(site, new SearchOptions(Enabled: true, Tool: null, Required: false));

        Assert.True(result.Published);
        Assert.Empty(result.Diagnostics);
        Assert.Equal("Search was skipped: Node or Pagefind is not installed; run `npm ci` at the top of the repository (it needs Node) to enable search.",
            Assert.Single(result.Notes, n => n.StartsWith("Search", StringComparison.Ordinal)));
        Assert.False(site.Exists("pagefind/pagefind-entry.json"));
    }

    [Fact]
    public void WithoutPagefindACiBuildFailsAndLeavesThePreviousOutput()
    {
        using var site = new TempSite().Article("first");
        site.Build().Succeeded();
        var before = site.Snapshot();

        var result = Build(site, new SearchOptions(Enabled: true, Tool: null, Required: true));

        Assert.False(result.Published);
        var error = Assert.Single(result.Diagnostics);
        Assert.Equal(ErrorCodes.SearchToolMissing, error.Code);
        Assert.Equal("public", error.Path);
        Assert.Contains("npm ci", error.Message);
        Assert.Equal(before.Keys, site.Snapshot().Keys);
    }

    [Fact]
    public void APagefindThatCannotRunFailsTheBuildEvenLocally()
    {
        using var site = new TempSite().Article("first");

        var result = Build(site, new SearchOptions(Enabled: true, new PagefindTool(Path.Combine(site.Root, "no-such-node"), "runner.cjs"), Required: false));

        Assert.False(result.Published);
        var error = Assert.Single(result.Diagnostics);
        Assert.Equal(ErrorCodes.SearchIndexFailed, error.Code);
        Assert.Contains("could not be started", error.Message);
        Assert.False(Directory.Exists(site.OutDir));
    }

    private static BuildResult Build(TempSite site, SearchOptions search, bool drafts = false) =>
        WorkingDirectory.In(site.Root, () => SiteBuilder.Build(new BuildOptions
        {
            ContentDir = "content", TemplatesDir = site.TemplatesDir, OutDir = "public", Drafts = drafts,
            Today = new DateOnly(2026, 6, 1), Search = search,
        }));

    /// <summary>
    /// Every page in Pagefind's index, by URL: each fragment file is gzip-compressed JSON
    /// (url, content, meta, filters) after Pagefind's signature.
    /// </summary>
    internal static SortedDictionary<string, JsonElement> Fragments(string site)
    {
        var pages = new SortedDictionary<string, JsonElement>(StringComparer.Ordinal);
        foreach (var file in Directory.EnumerateFiles(Path.Combine(site, "pagefind", "fragment"), "*.pf_fragment"))
        {
            using var gzip = new GZipStream(File.OpenRead(file), CompressionMode.Decompress);
            using var reader = new StreamReader(gzip, Encoding.UTF8);
            var text = reader.ReadToEnd();
            var json = JsonDocument.Parse(text[text.IndexOf('{', StringComparison.Ordinal)..]).RootElement.Clone();
            pages.Add(json.GetProperty("url").GetString()!, json);
        }

        return pages;
    }

    private static string[] Values(JsonElement page, string filter) =>
        page.GetProperty("filters").TryGetProperty(filter, out var values) ? values.EnumerateArray().Select(v => v.GetString()!).ToArray() : [];
}
