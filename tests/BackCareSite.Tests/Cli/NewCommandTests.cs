using BackCareSite.Cli;
using BackCareSite.Tests.Support;

namespace BackCareSite.Tests.Cli;

public sealed class NewCommandTests
{
    private static readonly DateOnly Today = new(2026, 5, 20);

    private static (int Code, string Out, string Err) New(TempSite site, params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        int code;
        try
        {
            code = NewCommand.Run([.. args, "--content", site.ContentDir], stdout, stderr, Today);
        }
        catch (UsageException ex)
        {
            return (ExitCodes.Usage, "", ex.Message);
        }

        return (code, stdout.ToString(), stderr.ToString());
    }

    [Theory]
    [InlineData("article", "Sitting at a desk: all day!", "articles/sitting-at-a-desk-all-day.md")]
    [InlineData("exercise", "Cat–cow stretch (café \"style\")", "exercises/cat-cow-stretch-cafe-style.md")]
    public void WritesADraftThatIsNeverPublishedWhileItHoldsPlaceholders(string kind, string title, string expectedPath)
    {
        using var site = new TempSite();

        var (code, output, error) = New(site, kind, title);

        Assert.True(code == 0, error);
        Assert.Contains(expectedPath, output);
        var full = Path.Combine(site.ContentDir, expectedPath);
        var text = File.ReadAllText(full);
        Assert.Contains("title: " + NewCommand.Quote(title) + "\n", text);
        Assert.Contains("\ndraft: true\n", text);
        var slug = Path.GetFileNameWithoutExtension(expectedPath);
        var pagePath = $"{Path.GetDirectoryName(expectedPath)}/{slug}/index.html";

        // Built untouched: a draft, so the build succeeds without it.
        site.Build().Succeeded();
        Assert.False(site.Exists(pagePath));

        // Previewed with --drafts: shown, each placeholder a warning at its line.
        var lines = text.Split('\n');
        var placeholderLines = Enumerable.Range(1, lines.Length).Where(n => lines[n - 1].Contains("[FILL IN", StringComparison.Ordinal)).ToList();
        Assert.True(placeholderLines.Count >= 4, text);
        var preview = site.Build(drafts: true);
        preview.Succeeded();
        Assert.Contains(title, System.Net.WebUtility.HtmlDecode(site.Read(pagePath)));
        Assert.Equal(placeholderLines, preview.Diagnostics.Where(d => d.Code == "BCS0908").Select(d => d.Line));

        // `draft: true` removed, placeholders kept: every one is an error, and nothing is published.
        File.WriteAllText(full, text.Replace("\ndraft: true\n", "\n", StringComparison.Ordinal));
        var published = site.Build();
        Assert.False(published.Published);
        Assert.Equal(placeholderLines.Select(n => n - 1),
            published.Diagnostics.Where(d => d.IsError && d.Code == "BCS0908" && d.Path == "content/" + expectedPath).Select(d => d.Line));
    }

    [Theory]
    [InlineData("article")]
    [InlineData("exercise")]
    public void AFinishedScaffoldBuildsWithoutWarnings(string kind)
    {
        using var site = new TempSite();
        New(site, kind, "Finished page");
        var path = Path.Combine(site.ContentDir, kind + "s", "finished-page.md");

        // What an editor does, following the guide: the real text in place of each placeholder, a reviewer id, no draft line.
        var text = System.Text.RegularExpressions.Regex.Replace(File.ReadAllText(path), @"\[FILL IN:[^\]]*\]", "Real text")
            .Replace("reviewed_by: \"Real text\"", "reviewed_by: test-physio", StringComparison.Ordinal)
            .Replace("\ndraft: true\n", "\n", StringComparison.Ordinal);
        File.WriteAllText(path, text);

        var result = site.Build(strict: true);

        result.Succeeded();
        Assert.True(site.Exists($"{kind}s/finished-page/index.html"));
    }

    [Fact]
    public void AnArticleHasTodaysDateAndEveryFieldOfTheSchema()
    {
        using var site = new TempSite();

        New(site, "article", "Staying", "active");

        var text = File.ReadAllText(Path.Combine(site.ContentDir, "articles/staying-active.md"));
        Assert.Contains("\ndate: 2026-05-20\n", text);
        Assert.Contains("title: \"Staying active\"", text);
        foreach (var field in new[] { "updated", "author", "tags", "exercises", "image", "image_alt", "health", "slug", "aliases" })
        {
            Assert.Matches($@"\n# +{field}:", text);
        }

        foreach (var field in new[] { "draft", "review", "reviewed_on", "reviewed_by", "next_review", "sources", "title" })
        {
            Assert.Matches($@"\n *(- )?{field}:", text);
        }
    }

    [Theory]
    [InlineData("article")]
    [InlineData("exercise")]
    public void EveryOptionalFieldIsValidOnceUncommented(string kind)
    {
        using var site = new TempSite()
            .Exercise("knee-rolls")
            .Write("media/picture.svg", "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"10\" height=\"10\"></svg>");
        New(site, kind, "Everything filled in");
        var path = Path.Combine(site.ContentDir, kind + "s", "everything-filled-in.md");

        var lines = File.ReadAllLines(path);
        var optional = Array.FindIndex(lines, l => l.StartsWith("# Optional fields", StringComparison.Ordinal));
        var end = Array.LastIndexOf(lines, "---");
        for (var i = optional + 1; i < end; i++)
        {
            Assert.StartsWith("# ", lines[i]);
            lines[i] = lines[i][2..];
        }

        File.WriteAllLines(path, lines);

        site.Build(drafts: true).Succeeded();
        Assert.True(site.Exists($"{kind}s/everything-filled-in/index.html"));
    }

    [Fact]
    public void RefusesToOverwriteAnExistingFile()
    {
        using var site = new TempSite().Article("sitting-well", body: "The editor's own words.");

        var (code, _, error) = New(site, "article", "Sitting well");

        Assert.Equal(ExitCodes.Failed, code);
        Assert.Contains("sitting-well.md already exists", error);
        Assert.Contains("The editor's own words.", File.ReadAllText(Path.Combine(site.ContentDir, "articles/sitting-well.md")));
    }

    [Theory]
    [InlineData("page", "About")]
    [InlineData("article")]
    public void AnUnknownKindOrAMissingTitleIsAUsageError(params string[] args)
    {
        using var site = new TempSite();

        var (code, _, error) = New(site, args);

        Assert.Equal(ExitCodes.Usage, code);
        Assert.Contains("new", error);
        Assert.Empty(Directory.EnumerateFiles(site.ContentDir, "*.md", SearchOption.AllDirectories));
    }
}
