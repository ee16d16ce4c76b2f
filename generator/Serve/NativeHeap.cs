using System.Runtime.InteropServices;

namespace BackCareSite.Serve;

/// <summary>
/// The C library's heap settings for <c>serve</c>'s long-lived process (docs/serve.md, "Sixteenth session"). glibc starts
/// with blocks of 128 KB or more mapped on their own (given back when freed) and an arena's free end given back past 128 KB,
/// but raises both thresholds each time it frees a large mapped block. After the first build's compression buffers, blocks
/// up to a few MB came from each thread's arena, whose free end glibc never gives back (<c>malloc_trim</c> trims only the
/// main one): about 8 MB of serve's resident memory after the saves at 10,000 articles, free but held. Setting the two
/// thresholds keeps them where they start. A one-off build ends before that matters; other C libraries are left as they are.
/// </summary>
internal static class NativeHeap
{
    /// <summary>Both thresholds, glibc's starting values.</summary>
    public const int Threshold = 128 * 1024;

    private const int TrimThreshold = -1; // M_TRIM_THRESHOLD
    private const int MmapThreshold = -3; // M_MMAP_THRESHOLD

    /// <summary>Fixes both thresholds; false where the C library has no <c>mallopt</c> or refuses (not Linux, musl's stub).</summary>
    public static bool KeepThresholds()
    {
        if (!OperatingSystem.IsLinux())
        {
            return false;
        }

        try
        {
            return MallOpt(MmapThreshold, Threshold) == 1 && MallOpt(TrimThreshold, Threshold) == 1;
        }
        catch (Exception ex) when (ex is DllNotFoundException or EntryPointNotFoundException)
        {
            return false;
        }
    }

    [DllImport("libc", EntryPoint = "mallopt")]
    private static extern int MallOpt(int param, int value);
}
