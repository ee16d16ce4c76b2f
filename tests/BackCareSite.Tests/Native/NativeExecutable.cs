using System.Diagnostics;
using BackCareSite.Tests.Support;

namespace BackCareSite.Tests.Native;

/// <summary>
/// The generator published as one native executable by <c>scripts/publish-native.sh</c>,
/// once for all tests of the collection (it takes a minute or two). Deleted afterwards.
/// </summary>
public sealed class NativeExecutable : IDisposable
{
    private readonly string _dir = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "bcs-native-" + Guid.NewGuid().ToString("N")[..12]);
    private readonly Lazy<string> _path;

    public NativeExecutable() => _path = new Lazy<string>(Publish);

    /// <summary>The executable, published on first use.</summary>
    public string Path => _path.Value;

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

    private string Publish()
    {
        var script = System.IO.Path.Combine(RepoPaths.Root, "scripts", "publish-native.sh");
        var start = Start("bash", RepoPaths.Root, [script, _dir]);

        // This runs inside `dotnet test`: keep the publish independent of the test run's MSBuild
        // (no shared build nodes, no inherited SDK paths), as if started from a shell.
        foreach (var name in start.Environment.Keys.Where(k => k.StartsWith("MSBUILD", StringComparison.OrdinalIgnoreCase)
                     || k.StartsWith("VSTEST", StringComparison.OrdinalIgnoreCase) || k == "DOTNET_HOST_PATH").ToList())
        {
            start.Environment.Remove(name);
        }

        start.Environment["MSBUILDDISABLENODEREUSE"] = "1";
        start.Environment["DOTNET_CLI_USE_MSBUILD_SERVER"] = "0";
        var (code, stdout, stderr) = Execute(start, TimeSpan.FromMinutes(10));
        var executable = System.IO.Path.Combine(_dir, "backcaresite");
        if (code != 0 || !File.Exists(executable))
        {
            throw new InvalidOperationException($"scripts/publish-native.sh failed (exit {code}):\n{stdout}\n{stderr}");
        }

        return executable;
    }

    public void Dispose()
    {
        try
        {
            if (Directory.Exists(_dir))
            {
                Directory.Delete(_dir, recursive: true);
            }
        }
        catch (IOException)
        {
        }
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

    private static bool HasToolchain() =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(System.IO.Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Any(dir => File.Exists(System.IO.Path.Combine(dir, "clang")) || File.Exists(System.IO.Path.Combine(dir, "gcc")));
}

[CollectionDefinition(Name)]
public sealed class NativeCollection : ICollectionFixture<NativeExecutable>
{
    public const string Name = "native executable";
}
