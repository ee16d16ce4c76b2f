using System.Diagnostics;
using BackCareSite.Build;
using BackCareSite.Tests.Support;

namespace BackCareSite.Tests.Pictures;

/// <summary>The program copied without libvips (as a native executable copied on its own would be).</summary>
public sealed class PictureLibraryTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("bcs-novips-").FullName;

    [Fact]
    public async Task WithoutLibvipsTheBuildFailsWithOneClearErrorInsteadOfCrashingAndPublishesNothing()
    {
        // The generator's own files, without runtimes/ (where libvips.so.42 is) or the native build's folder.
        var program = Path.Combine(_root, "program");
        Directory.CreateDirectory(program);
        var built = Path.GetDirectoryName(typeof(SiteBuilder).Assembly.Location)!;
        foreach (var file in Directory.EnumerateFiles(built).Where(f => f.EndsWith(".dll", StringComparison.Ordinal) || f.EndsWith(".json", StringComparison.Ordinal)))
        {
            File.Copy(file, Path.Combine(program, Path.GetFileName(file)));
        }

        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = _root, RedirectStandardOutput = true, RedirectStandardError = true,
        };
        foreach (var arg in new[] { Path.Combine(program, "backcaresite.dll"), "build", "--content", RepoPaths.Content, "--templates", RepoPaths.Templates, "--out", "public", "--cache-dir", "cache" })
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = await process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(timeout.Token);

        Assert.True(process.ExitCode == 1, $"exit {process.ExitCode}\n{stderr}");
        Assert.Contains("program/libvips.so.42:1:1: error BCS1007: the picture library libvips cannot be loaded", stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("internal error", stderr + await stdout, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(_root, "public")));
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);
}
