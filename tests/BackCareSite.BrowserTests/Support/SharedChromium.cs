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
            });
            return _browser;
        }
        finally
        {
            Gate.Release();
        }
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
