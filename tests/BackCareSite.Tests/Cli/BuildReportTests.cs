using BackCareSite.Build;
using BackCareSite.Cli;
using BackCareSite.Diagnostics;

namespace BackCareSite.Tests.Cli;

/// <summary><c>build</c> prints its diagnostics in batches (one write per batch): every line still comes out whole, once, in order.</summary>
public sealed class BuildReportTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(3_000)]
    public void PrintsEveryDiagnosticOnItsOwnLineInOrder(int count)
    {
        var diagnostics = Enumerable.Range(0, count)
            .Select(i => Diagnostic.Warning("BCS0214", $"content/articles/a-{i}.md", i + 1, 3, $"the review was due {i} day(s) ago; have it reviewed (\u001b[2J)"))
            .ToList();
        var stdout = new StringWriter();
        var stderr = new CountingWriter();

        var code = BuildCommand.Report(new BuildResult(diagnostics, 5, true, TimeSpan.FromSeconds(1)), new BuildOptions { OutDir = "public" }, stdout, stderr);

        Assert.Equal(ExitCodes.Ok, code);
        Assert.Equal(string.Concat(diagnostics.Select(d => d + "\n")), stderr.ToString());
        Assert.DoesNotContain('\u001b', stderr.ToString());
        Assert.StartsWith("Built 5 pages into public/", stdout.ToString());
        // 3,000 lines of about 120 characters in writes of 32 K: a dozen writes, not 3,000.
        Assert.InRange(stderr.Writes, 0, Math.Max(count / 100, 1));
    }

    [Fact]
    public void AFailedBuildPrintsItsDiagnosticsBeforeWhyItFailed()
    {
        var diagnostics = new[] { Diagnostic.Error("BCS0111", "content/a.md", 1, 1, "bad"), Diagnostic.Warning("BCS0214", "content/b.md", 2, 1, "due") };
        var stderr = new StringWriter();

        var code = BuildCommand.Report(new BuildResult(diagnostics, 0, false, TimeSpan.Zero), new BuildOptions { OutDir = "public" }, new StringWriter(), stderr);

        Assert.Equal(ExitCodes.Failed, code);
        Assert.Equal(
            "content/a.md:1:1: error BCS0111: bad\ncontent/b.md:2:1: warning BCS0214: due\nBuild failed: 1 error(s), 1 warning(s). public/ was left as it was.\n",
            stderr.ToString());
    }

    private sealed class CountingWriter : StringWriter
    {
        public int Writes { get; private set; }

        public override void Write(string? value)
        {
            Writes++;
            base.Write(value);
        }

        public override void WriteLine(string? value)
        {
            Writes++;
            base.WriteLine(value);
        }

        public override void WriteLine(object? value)
        {
            Writes++;
            base.WriteLine(value);
        }
    }
}
