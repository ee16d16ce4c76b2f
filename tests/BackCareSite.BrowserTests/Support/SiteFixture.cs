using BackCareSite.Build;
using BackCareSite.Search;
using Microsoft.Playwright;

namespace BackCareSite.BrowserTests.Support;

/// <summary>
/// Builds the repository's sample site once into a temporary folder, serves it
/// on 127.0.0.1 with the headers from netlify.toml, and opens pages in the run's
/// one Chromium (<see cref="SharedChromium"/>). Shared by the browser test classes
/// through <see cref="SiteCollection"/>.
/// </summary>
public sealed class SiteFixture : IAsyncLifetime
{
    private readonly List<IBrowserContext> _contexts = [];

    public string OutDir { get; } = Path.Combine(Path.GetTempPath(), "bcs-browser-" + Guid.NewGuid().ToString("N")[..10], "public");

    public StaticSiteServer? Server { get; private set; }

    public IBrowser? Browser { get; private set; }

    public string BaseUrl => Server?.BaseUrl ?? throw new InvalidOperationException("the site is not served");

    public async Task InitializeAsync()
    {
        if (!Chromium.IsAvailable)
        {
            // BrowserFact skips outside CI; in CI each test fails with this message.
            return;
        }

        var root = RepoPaths.Root;
        var result = SiteBuilder.Build(new BuildOptions
        {
            ContentDir = Path.Combine(root, "content"),
            TemplatesDir = Path.Combine(root, "templates"),
            OutDir = OutDir,
            BaseUrl = "http://127.0.0.1",
            // The search index, as CI and Netlify build it; locally it is skipped without `npm ci`.
            Search = SearchOptions.Find(root, required: Chromium.IsCi),
        });
        if (!result.Published)
        {
            throw new InvalidOperationException("the sample site did not build:\n" + string.Join('\n', result.Diagnostics));
        }

        Server = await StaticSiteServer.StartAsync(OutDir, Path.Combine(root, "netlify.toml"));
        Browser = await SharedChromium.GetAsync();
    }

    /// <summary>A new page at phone width (375 px), with JavaScript on or off.</summary>
    public async Task<IPage> NewPageAsync(bool javaScript = true, int width = 375)
    {
        if (Browser is null)
        {
            throw new InvalidOperationException($"Chromium is not installed at {Chromium.ExecutablePath}; CI must install Debian's `chromium` package");
        }

        var context = await SharedChromium.NewContextAsync(new BrowserNewContextOptions
        {
            JavaScriptEnabled = javaScript,
            ViewportSize = new ViewportSize { Width = width, Height = 800 },
        });
        lock (_contexts)
        {
            _contexts.Add(context);
        }

        return await context.NewPageAsync();
    }

    public async Task DisposeAsync()
    {
        // The browser stays for the run's other tests; the pages this fixture opened go.
        foreach (var context in _contexts)
        {
            await context.CloseAsync();
        }

        if (Server is not null)
        {
            await Server.DisposeAsync();
        }

        var parent = Path.GetDirectoryName(OutDir)!;
        if (Directory.Exists(parent))
        {
            Directory.Delete(parent, recursive: true);
        }
    }
}

[CollectionDefinition(Name)]
public sealed class SiteCollection : ICollectionFixture<SiteFixture>
{
    public const string Name = "built sample site in Chromium";
}

internal static class RepoPaths
{
    public static string Root { get; } = Find();

    private static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "BackCareSite.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("cannot find BackCareSite.sln above the test binaries");
    }
}
