using System.Diagnostics;

namespace BackCareSite.Tests.Support;

/// <summary>
/// A test that runs an npm package from the repository's <c>node_modules</c>
/// (installed by <c>npm ci</c> from package-lock.json). Where Node or the
/// package is missing it is skipped with the reason, except in CI
/// (<c>CI=true</c>), where it runs and fails: .ci/run installs both.
/// </summary>
public sealed class NpmToolFactAttribute : FactAttribute
{
    public NpmToolFactAttribute(string package)
    {
        if (NpmTools.IsCi)
        {
            return;
        }

        if (!NpmTools.HasNode)
        {
            Skip = "Node is not installed (apt-get install nodejs npm); it runs the npm tools in package.json";
        }
        else if (!NpmTools.IsInstalled(package))
        {
            Skip = $"npm package `{package}` is not installed; run `npm ci` at the top of the repository";
        }
    }
}

/// <summary>Node and the npm packages of the repository's package.json.</summary>
public static class NpmTools
{
    public static bool IsCi => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    public static bool HasNode { get; } = FindOnPath("node") is not null;

    public static bool IsInstalled(string package) =>
        File.Exists(Path.Combine(RepoPaths.Root, "node_modules", package, "package.json"));

    /// <summary>Runs <c>node</c> with the arguments in the repository's root; returns the exit code and what it printed.</summary>
    public static (int ExitCode, string Output) RunNode(params string[] args)
    {
        var start = new ProcessStartInfo("node")
        {
            WorkingDirectory = RepoPaths.Root,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("node did not start");
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = process.StandardOutput.ReadToEnd();
        if (!process.WaitForExit(TimeSpan.FromMinutes(2)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"node {string.Join(' ', args)} did not finish in 2 minutes");
        }

        return (process.ExitCode, stdout + stderr.Result);
    }

    private static string? FindOnPath(string name) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "")
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(dir => Path.Combine(dir, name))
            .FirstOrDefault(File.Exists);
}
