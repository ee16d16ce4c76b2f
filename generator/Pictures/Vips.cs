using BackCareSite.Diagnostics;
using NetVips;

namespace BackCareSite.Pictures;

/// <summary>libvips set up once for a build: no operation cache (files change between <c>serve</c> rebuilds).</summary>
internal static class Vips
{
    /// <summary>The shared library NetVips loads, published beside the program (<c>NetVips.Native.linux-x64</c>).</summary>
    public const string Library = "libvips.so.42";

    private static readonly Lazy<bool> Configured = new(() =>
    {
        // The operation cache is keyed by file name: a picture edited while `serve` runs would
        // come back stale. Each variant is made once anyway.
        Cache.Max = 0;
        Cache.MaxFiles = 0;

        // libvips also writes its warnings about a damaged file ("error in tile 0 x 296") straight
        // to the terminal; the build reports the problem itself, at the line that uses the file.
        Log.SetLogHandler("VIPS", Enums.LogLevelFlags.Warning, Ignore);
        return true;
    });

    /// <summary>Why libvips could not be loaded (the loader's first line), or null when it is loaded.</summary>
    private static readonly Lazy<string?> Unavailable = new(() =>
    {
        try
        {
            return ModuleInitializer.VipsInitialized ? null
                : FirstSentence(ModuleInitializer.Exception?.Message ?? "it did not start");
        }
        catch (Exception ex) when (ex is DllNotFoundException or TypeInitializationException or EntryPointNotFoundException)
        {
            return FirstSentence(ex.Message);
        }
    });

    private static string FirstSentence(string message) => message.Split(['\n', '.'], 2)[0].Trim();

    /// <summary>Held here, so that the handler libvips calls is never collected.</summary>
    private static readonly Log.LogDelegate Ignore = (_, _, _) => { };

    public static void Configure() => _ = Configured.Value;

    /// <summary>
    /// True when libvips is loaded; otherwise one error saying where it belongs (every page's social
    /// card and every photo needs it, and publishing a photo as it is would publish its GPS position).
    /// </summary>
    public static bool Check(DiagnosticBag diagnostics)
    {
        if (Unavailable.Value is not { } reason)
        {
            return true;
        }

        diagnostics.Error(ErrorCodes.PictureLibraryMissing, diagnostics.Display(Path.Combine(AppContext.BaseDirectory, Library)), 1, 1,
            $"the picture library libvips cannot be loaded ({reason}); it must be beside the program: publish the native executable with scripts/publish-native.sh, which puts {Library} next to it, and copy both together");
        return false;
    }

    /// <summary>The libvips version, part of the cache key: another encoder may give other bytes.</summary>
    public static string Version => $"{NetVips.NetVips.Version(0)}.{NetVips.NetVips.Version(1)}.{NetVips.NetVips.Version(2)}";
}
