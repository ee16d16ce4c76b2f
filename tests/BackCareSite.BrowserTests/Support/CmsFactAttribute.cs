namespace BackCareSite.BrowserTests.Support;

/// <summary>
/// A test that drives the CMS in Chromium: it needs the browser, Node and the npm
/// packages <c>decap-cms</c> and <c>decap-server</c> (<c>npm ci</c>). Where one is
/// missing it is skipped with the reason, except in CI (<c>CI=true</c>), which installs
/// them all, so there a missing one fails the test.
/// </summary>
public sealed class CmsFactAttribute : FactAttribute
{
    public CmsFactAttribute()
    {
        if (Chromium.IsCi)
        {
            return;
        }

        if (!Chromium.IsAvailable)
        {
            Skip = $"Chromium is not installed at {Chromium.ExecutablePath}; install Debian's `chromium` package to run browser tests";
        }
        else if (Node.Path is null)
        {
            Skip = "Node is not installed (apt-get install nodejs npm); decap-server needs it";
        }
        else if (!Node.HasPackage("decap-cms") || !Node.HasPackage("decap-server"))
        {
            Skip = "npm packages `decap-cms` and `decap-server` are not installed; run `npm ci` at the top of the repository";
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
