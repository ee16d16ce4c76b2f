using System.Diagnostics;
using BackCareSite.Tests.Support;

namespace BackCareSite.Tests.Native;

/// <summary>
/// The generator published as one native executable, by the README's build command
/// (<c>./backcaresite</c>, which keeps it in <c>.cache/launcher/</c> keyed by the sources):
/// published once per change to the generator, shared by every test and run that needs it
/// (the Netlify build script's tests run the same executable), and kept for the next run.
/// </summary>
public sealed class NativeExecutable
{
    /// <summary>The run's one publish, shared by both native collections.</summary>
    private static readonly Lazy<Task<string>> Published = new(() => Task.Run(Publish));

    /// <summary>
    /// Starts the publish in the background, if it has not started, and returns it: <see cref="NativeTestFramework"/>
    /// does so before any test runs, so that the other tests run on every test thread while it compiles, and starts
    /// the native tests when it is done.
    /// </summary>
    public static Task StartPublishing() => Published.Value;

    /// <summary>The executable, published on first use unless the launcher has it already.</summary>
    public string Path => Published.Value.GetAwaiter().GetResult();

    /// <summary>Runs the executable in <paramref name="workingDirectory"/> and returns its exit code and output.</summary>
    public (int Code, string Out, string Err) Run(string workingDirectory, params string[] args) =>
        Execute(Start(Path, workingDirectory, args), TimeSpan.FromMinutes(2));

    private static (int Code, string Out, string Err) Execute(ProcessStartInfo start, TimeSpan timeout)
    {
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(timeout))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{start.FileName} {string.Join(' ', start.ArgumentList)} did not finish in {timeout.TotalMinutes} minutes");
        }

        return (process.ExitCode, stdout.Result, stderr.Result);
    }

    internal static ProcessStartInfo Start(string file, string workingDirectory, IEnumerable<string> args)
    {
        var start = new ProcessStartInfo(file)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        return start;
    }

    private static string Publish()
    {
        // The launcher starts its publish clean of this test run's MSBuild variables itself.
        // The publish is the run's longest single task (about 2.5 min of CPU on a clean clone) and
        // the native and Netlify tests wait for it, so it runs at a higher priority where the
        // user may raise one (root, as in CI); elsewhere `nice` says it cannot and runs it as
        // usual. It runs in the background while the other tests use both test threads, so the
        // sooner it is done, the sooner the native tests can fill the time beside the browser
        // tests instead of running alone at the end: -15 rather than the -5 it had when its wait
        // held a test thread (then -15 moved work around without shortening the run).
        if (!NativeFactAttribute.HasToolchain())
        {
            throw new InvalidOperationException("no C toolchain (clang or gcc) to link the native executable; apt-get install -y clang");
        }

        var start = Start("nice", RepoPaths.Root, ["-n", "-15", "bash", System.IO.Path.Combine(RepoPaths.Root, "backcaresite")]);
        start.Environment["BCS_LAUNCHER_KIND"] = "native";
        start.Environment["BCS_LAUNCHER_PRINT"] = "1";
        var (code, stdout, stderr) = Execute(start, TimeSpan.FromMinutes(15));
        var executable = stdout.TrimEnd('\n');
        if (code != 0 || !File.Exists(executable))
        {
            throw new InvalidOperationException($"./backcaresite could not publish the native executable (exit {code}):\n{stdout}\n{stderr}");
        }

        return executable;
    }
}

/// <summary>
/// A test of the native executable. Where no C toolchain is installed (clang or gcc, which
/// the native compiler links with) it is skipped with the reason, except in CI
/// (<c>CI=true</c>), where <c>.ci/run</c> installs one and a missing toolchain is a failure.
/// </summary>
public sealed class NativeFactAttribute : FactAttribute
{
    public NativeFactAttribute()
    {
        if (!HasToolchain() && !string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
        {
            Skip = "no C toolchain (clang or gcc) to link the native executable; apt-get install -y clang to run these tests";
        }
    }

    /// <summary>True when clang or gcc is on PATH, so that the launcher publishes a native executable.</summary>
    internal static bool HasToolchain() =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(System.IO.Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Any(dir => File.Exists(System.IO.Path.Combine(dir, "clang")) || File.Exists(System.IO.Path.Combine(dir, "gcc")));
}

[CollectionDefinition(Name)]
public sealed class NativeCollection : ICollectionFixture<NativeExecutable>
{
    public const string Name = "native executable";
}

/// <summary>
/// The Netlify build script's tests, which run the same native executable: a collection of their
/// own, so that once it is published they and the native executable's tests run side by side.
/// </summary>
[CollectionDefinition(Name)]
public sealed class NetlifyScriptCollection : ICollectionFixture<NativeExecutable>
{
    public const string Name = "Netlify build script (native executable)";
}
