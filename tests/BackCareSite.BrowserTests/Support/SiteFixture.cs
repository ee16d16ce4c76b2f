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
    private readonly Dictionary<(bool JavaScript, int Width), Task<IBrowserContext>> _shared = [];
    private readonly List<IPage> _pages = [];
    private readonly List<IPage> _closing = [];

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

    /// <summary>
    /// Called by each test class of the collection as xunit makes it, once per test (the tests of a
    /// collection run one at a time): the pages the previous test opened are closed before this
    /// test opens its first one.
    /// </summary>
    public SiteFixture ForTest()
    {
        lock (_pages)
        {
            _closing.AddRange(_pages);
            _pages.Clear();
        }

        return this;
    }

    /// <summary>
    /// A new page at phone width (375 px), with JavaScript on or off, in the browser context this
    /// fixture keeps for that width and setting: opening a context costs Chromium about twice what
    /// opening a page does (measured in docs/performance.md), and the site keeps nothing in the
    /// browser (no cookies, no storage; a test checks that), so pages of one context see the same
    /// site as pages of fresh ones. The HTTP cache is shared: a test that counts what a first visit
    /// downloads, or listens to every request of its context, asks for a <paramref name="fresh"/> one.
    /// </summary>
    public async Task<IPage> NewPageAsync(bool javaScript = true, int width = 375, bool fresh = false)
    {
        if (Browser is null)
        {
            throw new InvalidOperationException($"Chromium is not installed at {Chromium.ExecutablePath}; CI must install Debian's `chromium` package");
        }

        List<IPage> closing;
        lock (_pages)
        {
            closing = [.. _closing];
            _closing.Clear();
        }

        foreach (var old in closing.Where(p => !p.IsClosed))
        {
            await old.CloseAsync();
        }

        IBrowserContext context;
        if (fresh)
        {
            context = await NewContextAsync(javaScript, width);
            lock (_contexts)
            {
                _contexts.Add(context);
            }
        }
        else
        {
            Task<IBrowserContext>? shared;
            lock (_shared)
            {
                if (!_shared.TryGetValue((javaScript, width), out shared))
                {
                    shared = NewSharedContextAsync(javaScript, width);
                    _shared[(javaScript, width)] = shared;
                }
            }

            context = await shared;
        }

        var page = await context.NewPageAsync();
        lock (_pages)
        {
            _pages.Add(page);
        }

        return page;
    }

    private async Task<IBrowserContext> NewSharedContextAsync(bool javaScript, int width)
    {
        var context = await NewContextAsync(javaScript, width);
        // A test that closes its page's context (page.Context.CloseAsync()) ends it for the tests after it too: the next page gets a new one.
        context.Close += (_, _) =>
        {
            lock (_shared)
            {
                _shared.Remove((javaScript, width));
            }
        };
        lock (_contexts)
        {
            _contexts.Add(context);
        }

        return context;
    }

    private static Task<IBrowserContext> NewContextAsync(bool javaScript, int width) =>
        SharedChromium.NewContextAsync(new BrowserNewContextOptions
        {
            JavaScriptEnabled = javaScript,
            ViewportSize = new ViewportSize { Width = width, Height = 800 },
        });

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

/// <summary>
/// The same site, built and served again for a second collection of browser tests: the tests of one
/// collection run one after another, and two collections run side by side (one Chromium, a context
/// per fixture), so this project keeps both cores busy instead of one test at a time.
/// </summary>
[CollectionDefinition(Name)]
public sealed class SecondSiteCollection : ICollectionFixture<SiteFixture>
{
    public const string Name = "built sample site in Chromium, second copy";
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
