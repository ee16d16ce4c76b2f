namespace BackCareSite.Search;

/// <summary>
/// Node and the npm package <c>pagefind</c> (pinned in the repository's package.json,
/// installed by <c>npm ci</c>). Pagefind's runner script picks the binary for this platform.
/// </summary>
internal sealed record PagefindTool(string Node, string Runner)
{
    /// <summary>The runner script inside the npm package.</summary>
    public const string RunnerPath = "node_modules/pagefind/lib/runner/bin.cjs";

    /// <summary>
    /// Node on PATH and Pagefind in <paramref name="directory"/> or a folder above it (none when the working
    /// directory it comes from was deleted), else above the generator's own files (the repository's, when
    /// it runs from a checkout); null when either is missing.
    /// </summary>
    public static PagefindTool? Find(string? directory)
    {
        var node = FindOnPath(OperatingSystem.IsWindows() ? "node.exe" : "node");
        var runner = (directory is null ? null : FindAbove(directory)) ?? FindAbove(AppContext.BaseDirectory);
        return node is null || runner is null ? null : new PagefindTool(node, runner);
    }

    private static string? FindAbove(string directory)
    {
        for (var dir = new DirectoryInfo(Path.GetFullPath(directory)); dir is not null; dir = dir.Parent)
        {
            var runner = Path.Combine(dir.FullName, RunnerPath);
            if (File.Exists(runner))
            {
                return runner;
            }
        }

        return null;
    }

    private static string? FindOnPath(string name) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "")
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(dir => Path.Combine(dir, name))
            .FirstOrDefault(File.Exists);
}
