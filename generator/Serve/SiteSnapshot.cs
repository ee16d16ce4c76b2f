using BackCareSite.Diagnostics;

namespace BackCareSite.Serve;

/// <summary>
/// A file the preview serves: rendered text held in memory, or a file copied as it is (media, assets).
/// Text is held Brotli-compressed (at the fastest setting): on a large site the pages are most of what
/// <c>serve</c> holds, and HTML compresses about tenfold; a request decompresses its one page.
/// </summary>
internal sealed class ServedFile
{
    private readonly Rendering.CompressedText? _text;

    private ServedFile(Rendering.CompressedText? text, string? sourcePath)
    {
        _text = text;
        SourcePath = sourcePath;
    }

    /// <summary>The text's UTF-8 bytes (decompressed at each call); null for a file served from <see cref="SourcePath"/>.</summary>
    public byte[]? Bytes => _text?.Bytes();

    /// <summary>The file on disk to serve, for a copied file.</summary>
    public string? SourcePath { get; }

    public static ServedFile Text(string text) => new(Rendering.CompressedText.Of(text), null);

    /// <summary>A text already held compressed.</summary>
    public static ServedFile Of(Rendering.CompressedText text) => new(text, null);

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
