using System.Runtime.CompilerServices;
using Microsoft.Playwright;

namespace BackCareSite.BrowserTests.Support;

/// <summary>
/// One Chromium for the whole test run: starting it takes longer than most tests. Each test
/// opens its own browser context (its own cookies, storage, viewport and JavaScript setting),
/// so tests stay independent of one another. Closed when the test process ends.
/// </summary>
public static class SharedChromium
{
    private static readonly SemaphoreSlim Gate = new(1, 1);
    private static IPlaywright? _playwright;
    private static IBrowser? _browser;

    /// <summary>The browser, started on first use (and again if it went away).</summary>
    public static async Task<IBrowser> GetAsync()
    {
        if (!Chromium.IsAvailable)
        {
            throw new InvalidOperationException($"Chromium is not installed at {Chromium.ExecutablePath}; CI must install Debian's `chromium` package");
        }

        await Gate.WaitAsync();
        try
        {
            if (_browser is { IsConnected: true })
            {
                return _browser;
            }

            if (_playwright is null)
            {
                _playwright = await Playwright.CreateAsync();
                AppDomain.CurrentDomain.ProcessExit += (_, _) => Close();
            }

            _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
            {
                ExecutablePath = Chromium.ExecutablePath,
                Headless = true,
                Args = Chromium.Args,
                Timeout = Patience,
            });
            return _browser;
        }
        finally
        {
            Gate.Release();
        }
    }

    /// <summary>
    /// How long a browser step may take before the test fails. CI runs this project beside the unit
    /// tests and the native publish on two cores, often at a load of 10 or more, where pages take
    /// several times longer than on an idle machine: Playwright's own defaults (30 s for an action,
    /// 5 s for an <c>Expect</c>) failed there. Every wait is still for a condition, never a sleep, so
    /// a patient limit costs nothing when the page is quick.
    /// </summary>
    public const float Patience = 90_000;

    [ModuleInitializer]
    internal static void ExpectPatiently() => Assertions.SetDefaultExpectTimeout(Patience);

    /// <summary>A new browser context (its own cookies, storage and viewport) whose steps wait <see cref="Patience"/>.</summary>
    public static async Task<IBrowserContext> NewContextAsync(BrowserNewContextOptions? options = null)
    {
        var context = await (await GetAsync()).NewContextAsync(options ?? new BrowserNewContextOptions());
        context.SetDefaultTimeout(Patience);
        context.SetDefaultNavigationTimeout(Patience);
        return context;
    }

    private static void Close()
    {
        try
        {
            _browser?.CloseAsync().Wait(TimeSpan.FromSeconds(10));
        }
        catch (AggregateException)
        {
            // The driver may already be gone as the process ends; Chromium goes with it.
        }

        _playwright?.Dispose();
    }
}
