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
    public void WritesAFileWithASlugFromTheTitleThatBuildsAtOnce(string kind, string title, string expectedPath)
    {
        using var site = new TempSite();

        var (code, output, error) = New(site, kind, title);

        Assert.True(code == 0, error);
        Assert.Contains(expectedPath, output);
        var text = File.ReadAllText(Path.Combine(site.ContentDir, expectedPath));
        Assert.Contains("title: " + NewCommand.Quote(title) + "\n", text);
        site.Build().Succeeded();
        var slug = Path.GetFileNameWithoutExtension(expectedPath);
        var page = site.Read($"{Path.GetDirectoryName(expectedPath)}/{slug}/index.html");
        Assert.Contains(title, System.Net.WebUtility.HtmlDecode(page));
    }

    [Fact]
    public void AnArticleHasTodaysDateAndEveryFieldOfTheSchema()
    {
        using var site = new TempSite();

        New(site, "article", "Staying", "active");

        var text = File.ReadAllText(Path.Combine(site.ContentDir, "articles/staying-active.md"));
        Assert.Contains("\ndate: 2026-05-20\n", text);
        Assert.Contains("title: \"Staying active\"", text);
        foreach (var field in new[] { "updated", "author", "tags", "exercises", "review", "reviewed_on", "reviewed_by", "next_review", "image", "image_alt", "draft", "slug", "aliases" })
        {
            Assert.Matches($@"\n# +{field}:", text);
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
