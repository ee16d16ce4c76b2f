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

        BuildResult result;
        lock (WorkingDirectory.Lock)
        {
            var previous = Directory.GetCurrentDirectory();
            Directory.SetCurrentDirectory(site.Root);
            try
            {
                result = SiteBuilder.Build(new BuildOptions { ContentDir = "content", TemplatesDir = RepoPaths.Templates, OutDir = output });
            }
            finally
            {
                Directory.SetCurrentDirectory(previous);
            }
        }

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
            // Parallel writes wrap the refusal in an AggregateException.
            var ex = Assert.ThrowsAny<Exception>(() =>
                BackCareSite.Output.OutputWriter.Write(staging, [new BackCareSite.Output.OutputFile("../escaped.html", "x")], []));
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
