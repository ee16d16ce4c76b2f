using BackCareSite.Build;
using BackCareSite.Tests.Support;

namespace BackCareSite.Tests.Output;

public sealed class OutputFolderGuardTests
{
    [Theory]
    [InlineData("content")]
    [InlineData("content/articles")]
    [InlineData(".")]
    [InlineData("..")]
    public void RefusesAnOutputFolderThatIsOrHoldsItsSources(string output)
    {
        using var site = new TempSite().Article("one");
        var marker = Path.Combine(site.ContentDir, "articles", "one.md");

        var result = SiteBuilder.Build(new BuildOptions { ContentDir = "content", TemplatesDir = RepoPaths.Templates, OutDir = output, DisplayRoot = site.Root });

        Assert.False(result.Published);
        Assert.Contains(result.Diagnostics, d => d.Code == "BCS0601");
        Assert.True(File.Exists(marker), "the content was touched");
    }

    [Fact]
    public void NeverWritesOutsideTheOutputFolder()
    {
        var staging = Path.Combine(Path.GetTempPath(), "bcs-guard-" + Guid.NewGuid().ToString("N"));
        try
        {
            var ex = Assert.Throws<InvalidOperationException>(() =>
                new BackCareSite.Output.OutputWriter(staging).Write(new BackCareSite.Output.OutputFile("../escaped.html", "x")));
            Assert.Contains("outside the output folder", ex.ToString());
            Assert.False(File.Exists(Path.Combine(Path.GetDirectoryName(staging)!, "escaped.html")));
        }
        finally
        {
            if (Directory.Exists(staging))
            {
                Directory.Delete(staging, true);
            }
        }
    }
}

public sealed class OutputWriteFailureTests
{
    [Fact]
    public void ReportsAFailedWriteAsAnErrorAndKeepsTheOldOutput()
    {
        using var site = new TempSite().Article("one");
        site.Build().Succeeded();
        var before = site.Snapshot();
        site.Article("two");

        // A file where publishing moves the old output aside makes the swap fail.
        var blocker = Path.Combine(site.Root, ".public.old");
        File.WriteAllText(blocker, "not a folder");
        var result = site.Build();
        File.Delete(blocker);

        Assert.False(result.Published);
        var error = Assert.Single(result.Diagnostics, d => d.IsError);
        Assert.Equal("BCS0602", error.Code);
        Assert.Equal(before.Keys, site.Snapshot().Keys);
    }
}
