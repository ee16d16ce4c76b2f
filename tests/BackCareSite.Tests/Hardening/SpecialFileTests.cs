using System.Diagnostics;
using BackCareSite.Content;
using BackCareSite.Tests.Support;

namespace BackCareSite.Tests.Hardening;

/// <summary>
/// Issue #20: a named pipe in the site's folders is an error at the pipe, never read:
/// opening it would wait for a writer that never comes and hang the build.
/// </summary>
public sealed class SpecialFileTests
{
    [Fact]
    public async Task APipeInContentMediaOrTemplatesIsAnErrorAtThePipeAndTheBuildEnds()
    {
        if (!OperatingSystem.IsLinux())
        {
            return;
        }

        using var site = new TempSite().Article("one").Write("media/leaflet.pdf", "%PDF-1.4");
        var templates = Path.Combine(site.Root, "templates");
        HardeningSite.CopyFolder(RepoPaths.Templates, templates);
        site.TemplatesDir = templates;
        MakeFifo(Path.Combine(site.ContentDir, "articles", "pipe.md"));
        MakeFifo(Path.Combine(site.ContentDir, "media", "pipe.pdf"));
        MakeFifo(Path.Combine(site.ContentDir, "site.yml.new"));
        MakeFifo(Path.Combine(templates, "partials", "pipe.html"));
        MakeFifo(Path.Combine(templates, "assets", "pipe.css"));

        // Run on the thread pool with a deadline: the failure this guards against is a hang.
        var build = Task.Run(() => site.Build());
        var finished = await Task.WhenAny(build, Task.Delay(TimeSpan.FromMinutes(2)));
        Assert.True(finished == build, "the build did not finish: it is reading a named pipe");
        var result = await build;

        result.HasError("BCS0116", "content/articles/pipe.md", 1);
        result.HasError("BCS0116", "content/media/pipe.pdf", 1);
        result.HasError("BCS0116", "templates/partials/pipe.html", 1);
        result.HasError("BCS0116", "templates/assets/pipe.css", 1);
        Assert.False(result.Published);
        Assert.DoesNotContain(result.Diagnostics, d => d.Message.Contains("internal error", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task ADataFileThatIsAPipeIsAnErrorAtItNotAHang()
    {
        if (!OperatingSystem.IsLinux())
        {
            return;
        }

        using var site = new TempSite().Article("one");
        var path = Path.Combine(site.ContentDir, "reviewers.yml");
        File.Delete(path);
        MakeFifo(path);

        var build = Task.Run(() => site.Build());
        var finished = await Task.WhenAny(build, Task.Delay(TimeSpan.FromMinutes(2)));
        Assert.True(finished == build, "the build did not finish: it is reading a named pipe");

        (await build).HasError("BCS0116", "content/reviewers.yml", 1);
    }

    [Fact]
    public void RegularFilesFoldersAndEmptyFilesAreNotSpecial()
    {
        using var site = new TempSite().Write("empty.txt", "").Write("full.txt", "text");

        Assert.False(FileTree.IsSpecial(Path.Combine(site.ContentDir, "empty.txt")));
        Assert.False(FileTree.IsSpecial(Path.Combine(site.ContentDir, "full.txt")));
        Assert.False(FileTree.IsSpecial(site.ContentDir));
        if (OperatingSystem.IsLinux())
        {
            Assert.True(FileTree.IsSpecial("/dev/null"));
            var fifo = Path.Combine(site.ContentDir, "pipe");
            MakeFifo(fifo);
            Assert.True(FileTree.IsSpecial(fifo));
        }
    }

    private static void MakeFifo(string path)
    {
        using var process = Process.Start(new ProcessStartInfo("mkfifo", [path]) { UseShellExecute = false })!;
        process.WaitForExit();
        Assert.Equal(0, process.ExitCode);
    }
}
