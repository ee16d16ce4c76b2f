using System.Text.Json;
using BackCareSite.Cli;
using BackCareSite.Tests.Support;

namespace BackCareSite.Tests.Cli;

/// <summary>
/// The governance report: golden text and JSON for a small site with one page in each
/// state (tests/golden/report/; BCS_UPDATE_GOLDEN=1 rewrites them, review the diff),
/// its exit code, and every page of the sample site.
/// </summary>
public sealed class ReportCommandTests
{
    private static readonly DateOnly Today = new(2026, 6, 1);

    private static TempSite Site() => new TempSite()
        .Article("reviewed", title: "Reviewed and sourced")
        .Article("due-soon", "review:\n  reviewed_on: 2025-06-20\n  reviewed_by: test-physio\n  next_review: 2026-06-20\n", title: "Review due soon")
        .Article("news", "health: false\n", title: "Clinic news")
        .Exercise("bridge")
        .Write("articles/unfinished.md", "---\ntitle: Unfinished\ndraft: true\ndescription: \"[FILL IN: a description]\"\ndate: 2026-05-01\n---\n\n[FILL IN: the article]\n");

    private static (int Code, string Out) Report(TempSite site, params string[] args)
    {
        var stdout = new StringWriter();
        var code = WorkingDirectory.In(site.Root, () => ReportCommand.Run(args, stdout, new StringWriter(), Today));
        return (code, stdout.ToString());
    }

    [Theory]
    [InlineData("report.txt")]
    [InlineData("report.json")]
    public void MatchesItsGoldenFile(string golden)
    {
        using var site = Site();

        var (code, output) = Report(site, golden.EndsWith(".json", StringComparison.Ordinal) ? ["--format", "json"] : []);

        var path = Path.Combine(RepoPaths.Root, "tests", "golden", "report", golden);
        if (Environment.GetEnvironmentVariable("BCS_UPDATE_GOLDEN") == "1")
        {
            File.WriteAllText(path, output);
        }

        Assert.Equal(1, code);
        Assert.Equal(File.ReadAllText(path).ReplaceLineEndings("\n"), output.ReplaceLineEndings("\n"));
    }

    [Fact]
    public void TheJsonListsEveryPageWhatNeedsAttentionFirst()
    {
        using var site = Site();

        using var json = JsonDocument.Parse(Report(site, "--format", "json").Out);

        var pages = json.RootElement.GetProperty("pages").EnumerateArray().ToList();
        Assert.Equal(
            ["content/articles/due-soon.md", "content/articles/unfinished.md", "content/articles/reviewed.md", "content/exercises/bridge.md", "content/articles/news.md"],
            pages.Select(p => p.GetProperty("source").GetString()));
        Assert.Equal(["warning", "draft", "ok", "ok", "ok"], pages.Select(p => p.GetProperty("status").GetString()));
        Assert.Equal(19, pages[0].GetProperty("days_left").GetInt32());
        Assert.Equal(2, pages[1].GetProperty("placeholders").GetInt32());
        Assert.False(json.RootElement.GetProperty("passes_strict_build").GetBoolean());
    }

    [Fact]
    public void ExitsZeroWhenEveryPageWouldPassAStrictBuild()
    {
        using var site = new TempSite().Article("reviewed").Exercise("bridge");

        var (code, output) = Report(site);

        Assert.Equal(0, code);
        Assert.Contains("build --strict would pass.", output);
    }

    [Fact]
    public void ListsEveryPageOfTheSampleSite()
    {
        var content = Path.Combine(RepoPaths.Root, "content");
        var files = Directory.EnumerateFiles(content, "*.md", SearchOption.AllDirectories).Count();
        var stdout = new StringWriter();

        var code = ReportCommand.Run(["--content", content, "--format", "json"], stdout, new StringWriter(), new DateOnly(2026, 12, 1));

        using var json = JsonDocument.Parse(stdout.ToString());
        Assert.Equal(0, code);
        var pages = json.RootElement.GetProperty("pages").EnumerateArray().ToList();
        Assert.Equal(files, pages.Count);
        Assert.All(pages.Where(p => p.GetProperty("health").GetBoolean()), p =>
        {
            Assert.Equal("ok", p.GetProperty("status").GetString());
            Assert.StartsWith("HCPC", p.GetProperty("reviewer").GetProperty("registration").GetString());
            Assert.NotEqual(0, p.GetProperty("sources").GetArrayLength());
        });
        Assert.All(json.RootElement.GetProperty("red_flags").GetProperty("signs").EnumerateArray(),
            s => Assert.NotEqual(0, s.GetProperty("sources").GetArrayLength()));
    }

    [Fact]
    public void ThePreviewPageEscapesEverythingFromContent()
    {
        using var site = new TempSite().Article("odd", title: "<script>alert(1)</script>");

        var html = ReportFormats.Html(BackCareSite.Content.GovernanceReport.Create(Path.Combine(site.Root, "content"), Today, site.Root));

        Assert.DoesNotContain("<script", html);
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt;", html);
        Assert.Contains("<meta name=\"robots\" content=\"noindex\">", html);
    }
}
