using BackCareSite.Cli;
using BackCareSite.Tests.Support;

namespace BackCareSite.Tests.Cli;

public sealed class CommandLineTests
{
    private static (int Code, string Out, string Err) Run(params string[] args) => InProcess.Run(args);

    [Theory]
    [InlineData("--help")]
    [InlineData("build", "--help")]
    public void PrintsHelpAndExitsZero(params string[] args)
    {
        var (code, output, _) = Run(args);

        Assert.Equal(0, code);
        Assert.Contains("Usage:", output);
    }

    [Theory]
    [InlineData("biuld")]
    [InlineData("build", "--otu", "x")]
    [InlineData("build", "--out")]
    [InlineData("build", "--base-url", "not-a-url")]
    [InlineData("build", "extra")]
    public void ReportsAUsageErrorOnOneLineWithExitCodeTwo(params string[] args)
    {
        var (code, _, error) = Run(args);

        Assert.Equal(2, code);
        Assert.StartsWith("usage error: ", error);
        Assert.Single(error.TrimEnd().Split('\n'));
    }

    [Fact]
    public void SuggestsTheCommandMeant()
    {
        Assert.Contains("did you mean `build`?", Run("biuld").Err);
    }

    [Fact]
    public void BuildExitsOneWithEveryErrorAndACount()
    {
        using var site = new TempSite()
            .Write("articles/a.md", "---\ntitel: A\ndescription: D.\ndate: 2026-01-01\n---\n\nText.\n")
            .Write("articles/b.md", "---\ntitle: B\ndescription: D.\ndate: someday\n---\n\nText.\n");

        var (code, _, error) = InProcess.RunIn(site.Root, "build", "--templates", RepoPaths.Templates);

        Assert.Equal(1, code);
        Assert.Contains("content/articles/a.md:2:1: error BCS0202: unknown field `titel`: did you mean `title`?", error);
        Assert.Contains("content/articles/b.md:4:7: error BCS0204:", error);
        Assert.Contains("Build failed: 3 error(s)", error);
        Assert.DoesNotContain("   at ", error);
    }

    [NpmToolFact("pagefind")]
    public void NoSearchSkipsTheIndexWithoutANote()
    {
        using var site = new TempSite().Article("first");

        var (indexed, _, _) = InProcess.RunIn(site.Root, "build", "--templates", RepoPaths.Templates);
        Assert.Equal(0, indexed);
        Assert.True(site.Exists("pagefind/pagefind-entry.json"), "a build with Pagefind installed should index");

        var (code, output, error) = InProcess.RunIn(site.Root, "build", "--templates", RepoPaths.Templates, "--no-search");

        Assert.Equal(0, code);
        Assert.False(Directory.Exists(Path.Combine(site.OutDir, "pagefind")));
        Assert.DoesNotContain("Search was skipped", output + error);
    }
}
