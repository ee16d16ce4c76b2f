using System.Diagnostics;
using BackCareSite.Tests.Support;

namespace BackCareSite.Tests.Cli;

/// <summary>
/// Paths shown to the user come from the options, never from the working directory deep in a
/// stage: a build started in a folder that was then deleted still builds, and shows full paths.
/// (Last session's CI failure was a working directory that vanished under a running preview.)
/// </summary>
public sealed class VanishedWorkingDirectoryTests
{
    [Fact]
    public async Task ABuildWhoseWorkingDirectoryWasDeletedStillBuildsAndShowsFullPaths()
    {
        using var site = new TempSite().Article("one").Article("two", body: "A [broken link](missing.md).");
        var gone = Path.Combine(site.Root, "gone");
        Directory.CreateDirectory(gone);
        var generator = Path.Combine(AppContext.BaseDirectory, "backcaresite.dll");

        // The shell enters the folder and deletes it; the generator starts in a working directory that no longer exists.
        var start = new ProcessStartInfo("/bin/sh")
        {
            ArgumentList =
            {
                "-c", "cd \"$1\" && rmdir \"$1\" && exec dotnet \"$2\" build --content \"$3\" --templates \"$4\" --out \"$5\"", "sh",
                gone, generator, site.ContentDir, RepoPaths.Templates, Path.Combine(site.Root, "public"),
            },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(5));

        Assert.DoesNotContain("internal error", stderr, StringComparison.Ordinal);
        Assert.Equal(1, process.ExitCode);
        Assert.Contains($"{Path.Combine(site.ContentDir, "articles", "two.md")}:", stderr, StringComparison.Ordinal);
        Assert.Contains("BCS0301", stderr, StringComparison.Ordinal);
        Assert.False(Directory.Exists(gone));
        Assert.DoesNotContain("Built ", await stdout, StringComparison.Ordinal);
    }
}
