using NetVips;

namespace BackCareSite.Pictures;

/// <summary>libvips set up once for a build: no operation cache (files change between <c>serve</c> rebuilds).</summary>
internal static class Vips
{
    private static readonly Lazy<bool> Configured = new(() =>
    {
        // The operation cache is keyed by file name: a picture edited while `serve` runs would
        // come back stale. Each variant is made once anyway.
        Cache.Max = 0;
        Cache.MaxFiles = 0;
        return true;
    });

    public static void Configure() => _ = Configured.Value;

    /// <summary>The libvips version, part of the cache key: another encoder may give other bytes.</summary>
    public static string Version => $"{NetVips.NetVips.Version(0)}.{NetVips.NetVips.Version(1)}.{NetVips.NetVips.Version(2)}";
}
