using System.IO.Compression;

namespace BackCareSite.Rendering;

/// <summary>
/// A text held as Brotli-compressed UTF-8 (quality 1: fast, about a quarter of the UTF-16 size for HTML),
/// for what <c>serve</c> keeps between rebuilds but reads rarely: its pages, and the bodies' HTML that only
/// their own page's render reads. The same text always compresses to the same bytes, so two compressed
/// texts are equal exactly when their bytes are.
/// </summary>
internal sealed class CompressedText : IEquatable<CompressedText>
{
    private const int Quality = 1;
    private const int Window = 22;

    private readonly byte[] _compressed;

    private CompressedText(byte[] compressed, int length)
    {
        _compressed = compressed;
        Length = length;
    }

    /// <summary>How many bytes the text has as UTF-8.</summary>
    public int Length { get; }

    public static CompressedText Of(string text)
    {
        var bytes = System.Text.Encoding.UTF8.GetBytes(text);
        var buffer = new byte[BrotliEncoder.GetMaxCompressedLength(bytes.Length)];
        if (!BrotliEncoder.TryCompress(bytes, buffer, out var written, Quality, Window))
        {
            throw new InvalidOperationException("a text could not be compressed into a buffer of its maximum compressed length");
        }

        return new CompressedText(buffer.AsSpan(0, written).ToArray(), bytes.Length);
    }

    /// <summary>The text's UTF-8 bytes, decompressed at each call.</summary>
    public byte[] Bytes()
    {
        var bytes = new byte[Length];
        if (!BrotliDecoder.TryDecompress(_compressed, bytes, out var written) || written != Length)
        {
            throw new InvalidOperationException("a text held compressed did not decompress to its length");
        }

        return bytes;
    }

    /// <summary>The text, decompressed at each call.</summary>
    public string Text() => System.Text.Encoding.UTF8.GetString(Bytes());

    public bool Equals(CompressedText? other) =>
        other is not null && Length == other.Length && _compressed.AsSpan().SequenceEqual(other._compressed);

    public override bool Equals(object? obj) => Equals(obj as CompressedText);

    public override int GetHashCode() => HashCode.Combine(Length, _compressed.Length);
}
