namespace BackCareSite.BrowserTests.Support;

/// <summary>
/// A test that needs Chromium. Where <c>/usr/bin/chromium</c> is missing it is
/// skipped with the reason, except in CI (<c>CI=true</c>), where it runs and
/// fails: CI installs the browser, so a missing one is a broken CI.
/// </summary>
public sealed class BrowserFactAttribute : FactAttribute
{
    public BrowserFactAttribute()
    {
        if (!Chromium.IsAvailable && !Chromium.IsCi)
        {
            Skip = $"Chromium is not installed at {Chromium.ExecutablePath}; install Debian's `chromium` package to run browser tests";
        }
    }
}

/// <summary>Where the browser is, and whether this run is CI.</summary>
public static class Chromium
{
    public const string ExecutablePath = "/usr/bin/chromium";

    public static bool IsAvailable => File.Exists(ExecutablePath);

    public static bool IsCi => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    /// <summary>Launch flags for a headless Chromium run as root on a machine with no network but loopback.</summary>
    public static readonly string[] Args =
    [
        "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic",
    ];
}
