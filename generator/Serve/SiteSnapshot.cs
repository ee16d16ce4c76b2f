using BackCareSite.Diagnostics;

namespace BackCareSite.Serve;

/// <summary>
/// A file the preview serves: rendered text held in memory, or a file copied as it is (media, assets).
/// Text is held Brotli-compressed (at the fastest setting): on a large site the pages are most of what
/// <c>serve</c> holds, and HTML compresses about tenfold; a request decompresses its one page.
/// </summary>
internal sealed class ServedFile
{
    private const int Quality = 1;
    private const int Window = 22;

    private readonly byte[]? _compressed;
    private readonly int _length;

    private ServedFile(byte[]? compressed, int length, string? sourcePath)
    {
        _compressed = compressed;
        _length = length;
        SourcePath = sourcePath;
    }

    /// <summary>The text's UTF-8 bytes (decompressed at each call); null for a file served from <see cref="SourcePath"/>.</summary>
    public byte[]? Bytes
    {
        get
        {
            if (_compressed is null)
            {
                return null;
            }

            var bytes = new byte[_length];
            if (!System.IO.Compression.BrotliDecoder.TryDecompress(_compressed, bytes, out var written) || written != _length)
            {
                throw new InvalidOperationException("a page held in memory did not decompress to its length");
            }

            return bytes;
        }
    }

    /// <summary>The file on disk to serve, for a copied file.</summary>
    public string? SourcePath { get; }

    public static ServedFile Text(string text)
    {
        var bytes = System.Text.Encoding.UTF8.GetBytes(text);
        var buffer = new byte[System.IO.Compression.BrotliEncoder.GetMaxCompressedLength(bytes.Length)];
        if (!System.IO.Compression.BrotliEncoder.TryCompress(bytes, buffer, out var written, Quality, Window))
        {
            throw new InvalidOperationException("a page could not be compressed into a buffer of its maximum compressed length");
        }

        return new ServedFile(buffer.AsSpan(0, written).ToArray(), bytes.Length, null);
    }

    public static ServedFile Copy(string sourcePath) => new(null, 0, sourcePath);
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
