namespace BackCareSite.BrowserTests.Support;

/// <summary>
/// A browser test of search: it needs Chromium and the npm package <c>pagefind</c>
/// (<c>npm ci</c>), without which the site has no search index. Where either is
/// missing it is skipped with the reason, except in CI, where it runs and fails.
/// </summary>
public sealed class SearchFactAttribute : FactAttribute
{
    public SearchFactAttribute()
    {
        if (Chromium.IsCi)
        {
            return;
        }

        if (!Chromium.IsAvailable)
        {
            Skip = $"Chromium is not installed at {Chromium.ExecutablePath}; install Debian's `chromium` package to run browser tests";
        }
        else if (!File.Exists(Path.Combine(RepoPaths.Root, "node_modules", "pagefind", "package.json")))
        {
            Skip = "npm package `pagefind` is not installed, so the site has no search index; run `npm ci` at the top of the repository";
        }
    }
}
