using BackCareSite.Diagnostics;

namespace BackCareSite.Serve;

/// <summary>A file the preview serves: rendered text held in memory, or a file copied as it is (media, assets).</summary>
internal sealed record ServedFile(byte[]? Bytes, string? SourcePath)
{
    public static ServedFile Text(string text) => new(System.Text.Encoding.UTF8.GetBytes(text), null);

    public static ServedFile Copy(string sourcePath) => new(null, sourcePath);
}

/// <summary>
/// What the preview serves at one moment: the files of the last good build and,
/// when the latest rebuild failed, its errors (HTML requests then get the error page).
/// <see cref="Version"/> goes up with every rebuild; the live-reload script compares it.
/// </summary>
internal sealed record SiteSnapshot(IReadOnlyDictionary<string, ServedFile> Files, IReadOnlyList<Diagnostic> Errors, long Version, bool Building)
{
    public static readonly SiteSnapshot Empty = new(new Dictionary<string, ServedFile>(), [], 0, Building: true);

    public bool Failed => Errors.Count > 0;
}
