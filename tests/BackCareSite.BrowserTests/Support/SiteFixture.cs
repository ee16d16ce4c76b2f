using BackCareSite.Build;
using BackCareSite.Search;
using Microsoft.Playwright;

namespace BackCareSite.BrowserTests.Support;

/// <summary>
/// Serves the repository's sample site, built once for the run (<see cref="SampleSiteBuild"/>),
/// on 127.0.0.1 with the headers from netlify.toml, and opens pages in the run's
/// one Chromium (<see cref="SharedChromium"/>). Shared by the browser test classes
/// through <see cref="SiteCollection"/> and <see cref="SecondSiteCollection"/>.
/// </summary>
public sealed class SiteFixture : IAsyncLifetime
{
    private readonly List<IBrowserContext> _contexts = [];
    private readonly Dictionary<(bool JavaScript, int Width), Task<IBrowserContext>> _shared = [];

    /// <summary>The pages the running test opened, each with its shared context's key, or none if it is not to serve another test.</summary>
    private readonly List<(IPage Page, (bool JavaScript, int Width)? Shared)> _pages = [];

    /// <summary>The pages of the previous test, reset or closed before the next page is handed out.</summary>
    private readonly List<(IPage Page, (bool JavaScript, int Width)? Shared)> _closing = [];

    /// <summary>Open pages of the shared contexts, reset to about:blank, waiting for a test.</summary>
    private readonly Dictionary<(bool JavaScript, int Width), Stack<IPage>> _idle = [];

    /// <summary>The built site this fixture serves (the same folder for both collections; no test writes to it).</summary>
    public string OutDir { get; private set; } = "";

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
        OutDir = SampleSiteBuild.Acquire();
        Server = await StaticSiteServer.StartAsync(OutDir, Path.Combine(root, "netlify.toml"));
        Browser = await SharedChromium.GetAsync();
    }

    /// <summary>
    /// Called by each test class of the collection as xunit makes it, once per test (the tests of a
    /// collection run one at a time): the pages the previous test opened are reset for reuse, or
    /// closed, before this test opens its first one.
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
    /// A page at phone width (375 px), with JavaScript on or off, in the browser context this
    /// fixture keeps for that width and setting: opening a context costs Chromium about twice what
    /// opening a page does, and opening a page about three times what navigating one does
    /// (measured in docs/performance.md), so a page a test has finished with serves the next one,
    /// reset first: its routes removed, media emulation ended, and navigated to about:blank, so
    /// nothing of the previous document is left (no script, no focus, no hover, no scroll). The
    /// site keeps nothing in the browser (no cookies, no storage; a test checks that), so such a
    /// page sees the same site as a new one. The HTTP cache is shared: a test that counts what a
    /// first visit downloads, or listens to every request of its context, asks for a
    /// <paramref name="fresh"/> context. A test that adds to the page what a reset cannot take
    /// away (an init script, as <see cref="PageProblems"/> does) asks for its <paramref name="own"/>
    /// page, closed when it ends.
    /// </summary>
    public async Task<IPage> NewPageAsync(bool javaScript = true, int width = 375, bool fresh = false, bool own = false)
    {
        if (Browser is null)
        {
            throw new InvalidOperationException($"Chromium is not installed at {Chromium.ExecutablePath}; CI must install Debian's `chromium` package");
        }

        List<(IPage Page, (bool JavaScript, int Width)? Shared)> closing;
        lock (_pages)
        {
            closing = [.. _closing];
            _closing.Clear();
        }

        foreach (var (old, shared) in closing)
        {
            await PutAwayAsync(old, shared);
        }

        IPage? page = null;
        if (fresh)
        {
            var context = await NewContextAsync(javaScript, width);
            lock (_contexts)
            {
                _contexts.Add(context);
            }

            page = await context.NewPageAsync();
        }
        else
        {
            if (!own)
            {
                lock (_idle)
                {
                    if (_idle.TryGetValue((javaScript, width), out var idle))
                    {
                        while (page is null && idle.TryPop(out var candidate))
                        {
                            page = candidate.IsClosed ? null : candidate;
                        }
                    }
                }
            }

            if (page is null)
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

                page = await (await shared).NewPageAsync();
            }
        }

        lock (_pages)
        {
            _pages.Add((page, fresh || own ? null : (javaScript, width)));
        }

        return page;
    }

    /// <summary>
    /// The test is done with <paramref name="page"/>: a page of a shared context is reset and kept
    /// for the next <see cref="NewPageAsync"/> (of this test or a later one), any other is closed.
    /// </summary>
    public async Task ReleaseAsync(IPage page)
    {
        (bool JavaScript, int Width)? shared;
        lock (_pages)
        {
            var at = _pages.FindIndex(p => p.Page == page);
            if (at < 0)
            {
                throw new InvalidOperationException("the page was not opened by this fixture for this test");
            }

            shared = _pages[at].Shared;
            _pages.RemoveAt(at);
        }

        await PutAwayAsync(page, shared);
    }

    private async Task PutAwayAsync(IPage page, (bool JavaScript, int Width)? shared)
    {
        if (page.IsClosed)
        {
            return;
        }

        if (shared is not { } key)
        {
            await page.CloseAsync();
            return;
        }

        await page.UnrouteAllAsync(new PageUnrouteAllOptions { Behavior = UnrouteBehavior.Wait });
        await page.EmulateMediaAsync(new PageEmulateMediaOptions { Media = Media.Null });
        await page.GotoAsync("about:blank");
        lock (_idle)
        {
            if (!_idle.TryGetValue(key, out var idle))
            {
                _idle[key] = idle = new Stack<IPage>();
            }

            idle.Push(page);
        }
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

        if (OutDir.Length > 0)
        {
            SampleSiteBuild.Release();
        }
    }
}

/// <summary>
/// The sample site built once for the test run into a temporary folder, as CI and Netlify build it
/// (with the search index), and served by each <see cref="SiteFixture"/>: the two collections read
/// the same files, so a second build would only repeat the first. Deleted when the last fixture
/// using it is disposed.
/// </summary>
internal static class SampleSiteBuild
{
    private static readonly Lock Gate = new();
    private static string? _outDir;
    private static int _users;

    /// <summary>The built site's folder, built by the first caller.</summary>
    public static string Acquire()
    {
        lock (Gate)
        {
            _outDir ??= Build();
            _users++;
            return _outDir;
        }
    }

    public static void Release()
    {
        lock (Gate)
        {
            if (--_users > 0 || _outDir is null)
            {
                return;
            }

            var parent = Path.GetDirectoryName(_outDir)!;
            _outDir = null;
            if (Directory.Exists(parent))
            {
                Directory.Delete(parent, recursive: true);
            }
        }
    }

    private static string Build()
    {
        var root = RepoPaths.Root;
        var outDir = Path.Combine(Path.GetTempPath(), "bcs-browser-" + Guid.NewGuid().ToString("N")[..10], "public");
        var result = SiteBuilder.Build(new BuildOptions
        {
            ContentDir = Path.Combine(root, "content"),
            TemplatesDir = Path.Combine(root, "templates"),
            OutDir = outDir,
            BaseUrl = "http://127.0.0.1",
            // The search index, as CI and Netlify build it; locally it is skipped without `npm ci`.
            Search = SearchOptions.Find(root, required: Chromium.IsCi),
        });
        if (!result.Published)
        {
            throw new InvalidOperationException("the sample site did not build:\n" + string.Join('\n', result.Diagnostics));
        }

        return outDir;
    }
}

[CollectionDefinition(Name)]
public sealed class SiteCollection : ICollectionFixture<SiteFixture>
{
    public const string Name = "built sample site in Chromium";
}

/// <summary>
/// The same site, served again for a second collection of browser tests: the tests of one
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
