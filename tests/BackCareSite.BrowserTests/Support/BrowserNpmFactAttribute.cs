namespace BackCareSite.BrowserTests.Support;

/// <summary>
/// A browser test that also runs npm packages of the repository (<c>npm ci</c>): the CMS
/// (<c>decap-cms</c>, <c>decap-server</c>) or search (<c>pagefind</c>). It needs Chromium,
/// Node and the packages. Where one is missing it is skipped with the reason, except in CI
/// (<c>CI=true</c>), which installs them all, so there a missing one fails the test.
/// </summary>
public sealed class BrowserNpmFactAttribute : FactAttribute
{
    public BrowserNpmFactAttribute(params string[] packages)
    {
        if (Chromium.IsCi)
        {
            return;
        }

        var missing = packages.Where(p => !Node.HasPackage(p)).Select(p => $"`{p}`").ToList();
        if (!Chromium.IsAvailable)
        {
            Skip = $"Chromium is not installed at {Chromium.ExecutablePath}; install Debian's `chromium` package to run browser tests";
        }
        else if (Node.Path is null)
        {
            Skip = $"Node is not installed (apt-get install nodejs npm); it runs {string.Join(" and ", packages)}";
        }
        else if (missing.Count > 0)
        {
            Skip = $"npm package {string.Join(" and ", missing)} is not installed; run `npm ci` at the top of the repository";
        }
    }
}

/// <summary>Node and the repository's npm packages.</summary>
public static class Node
{
    public static string? Path { get; } = (Environment.GetEnvironmentVariable("PATH") ?? "")
        .Split(System.IO.Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
        .Select(dir => System.IO.Path.Combine(dir, "node"))
        .FirstOrDefault(File.Exists);

    public static string Modules => System.IO.Path.Combine(RepoPaths.Root, "node_modules");

    public static bool HasPackage(string name) => File.Exists(System.IO.Path.Combine(Modules, name, "package.json"));
}
