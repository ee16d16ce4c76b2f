using System.Diagnostics;
using BackCareSite.Search;
using BackCareSite.Serve;
using BackCareSite.Tests.Support;

namespace BackCareSite.Tests.Serve;

/// <summary>
/// Stopping <c>serve</c> (Ctrl+C, or SIGTERM from a process manager) is prompt and leaves nothing
/// behind: not while a large site's first build runs, and not while Pagefind indexes the preview.
/// </summary>
public sealed class ServeStopTests
{
    [Fact]
    public async Task SigtermDuringTheFirstBuildStopsServeAtOnce()
    {
        // Large enough that its first build takes seconds even on a fast machine; the signal is sent
        // as soon as serve says it is building, so a stop that waited for the build would print its report.
        using var site = new TempSite();
        for (var i = 0; i < 2000; i++)
        {
            site.Article($"article-{i:0000}", body: $"Paragraph {i} about moving gently.\n\nAnother paragraph, with [a link](article-{(i + 1) % 2000:0000}.md).");
        }

        // Its own working directory: a child started without one inherits the test process's, which
        // a test running beside this one may have set to its own temporary site (InProcess.RunIn) and
        // deleted before serve starts its web host there ("cannot listen on 127.0.0.1:0: Unable to
        // find the specified file", seen once in a clean-clone run).
        var start = new ProcessStartInfo("dotnet")
        {
            ArgumentList =
            {
                Path.Combine(AppContext.BaseDirectory, "backcaresite.dll"), "serve", "--port", "0",
                "--content", site.ContentDir, "--templates", site.TemplatesDir,
            },
            WorkingDirectory = site.Root,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync();
        // Before it builds, serve may say that search is skipped (no Node or Pagefind on a fresh machine).
        string? line;
        do
        {
            line = await process.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromMinutes(2));
        }
        while (line is not null && !line.StartsWith("Building ", StringComparison.Ordinal));

        if (line is null)
        {
            // Serve ended before it said it was building: what it said on standard error is the reason.
            Assert.Fail($"serve ended before its first build began (exit {(process.WaitForExit(10_000) ? process.ExitCode : -1)}):\n{await stderr}");
        }

        Signal("TERM", process.Id);
        var rest = await process.StandardOutput.ReadToEndAsync().WaitAsync(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(1));

        Assert.Equal(0, process.ExitCode);
        Assert.Equal("Stopped before the first build ended.", rest.Trim());
        Assert.DoesNotContain("internal error", await stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StoppingThePreviewEndsAPagefindRunAndDeletesItsFolders()
    {
        // A stand-in for Pagefind that never ends by itself and starts a child of its own, as
        // Pagefind's node runner starts its native indexer. It says where it runs and its processes' ids.
        using var site = new TempSite(withDefaults: false);
        var started = Path.Combine(site.Root, "started");
        var runner = Path.Combine(site.Root, "pagefind-stand-in.sh");
        File.WriteAllText(runner, $"sleep 600 &\necho \"$$ $! $2\" > '{started}.tmp' && mv '{started}.tmp' '{started}'\nwait\n");
        var preview = new SearchPreview(new SearchOptions(Enabled: true, new PagefindTool("/bin/sh", runner), Required: false));
        var reports = 0;
        preview.Indexed += _ => Interlocked.Increment(ref reports);

        preview.Refresh(new SiteSnapshot(new Dictionary<string, ServedFile> { ["index.html"] = ServedFile.Text("<main>Hello</main>") }, [], 1, Building: false));
        for (var deadline = DateTime.UtcNow.AddMinutes(1); !File.Exists(started) && DateTime.UtcNow < deadline;)
        {
            await Task.Delay(50);
        }

        var parts = File.ReadAllText(started).Trim().Split(' ', 3);
        var (shell, child, folder) = (int.Parse(parts[0]), int.Parse(parts[1]), parts[2]);
        Assert.True(Alive(shell) && Alive(child) && Directory.Exists(folder));

        preview.Dispose();

        Assert.False(Alive(shell), "the stand-in for Pagefind still runs after the preview stopped");
        for (var deadline = DateTime.UtcNow.AddSeconds(30); Alive(child) && DateTime.UtcNow < deadline;)
        {
            await Task.Delay(50);
        }

        Assert.False(Alive(child), "the stand-in's child process still runs after the preview stopped");
        Assert.False(Directory.Exists(Path.GetDirectoryName(folder)), "the preview's index folders were left behind");
        Assert.Equal(0, Volatile.Read(ref reports));
    }

    private static void Signal(string signal, int pid)
    {
        using var kill = Process.Start("kill", ["-" + signal, pid.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        kill.WaitForExit();
        Assert.Equal(0, kill.ExitCode);
    }

    /// <summary>Running: it exists and is not a zombie waiting for its parent to read its exit.</summary>
    private static bool Alive(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            return stat[(stat.LastIndexOf(')') + 2)..][0] != 'Z';
        }
        catch (IOException)
        {
            return false;
        }
    }
}
