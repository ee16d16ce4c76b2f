using System.IO.Compression;

namespace BackCareSite.Rendering;

/// <summary>
/// A text held as Brotli-compressed UTF-8 (quality 1: fast, about a quarter of the UTF-16 size for HTML),
/// for what <c>serve</c> keeps between rebuilds but reads rarely: its pages, and the bodies' HTML that only
/// their own page's render reads. The same text always compresses to the same bytes, so two compressed
/// texts are equal exactly when their bytes are. In <c>serve</c> the compressed bytes are kept in a temporary file
/// (<see cref="TextSpill"/>) rather than in memory.
/// </summary>
internal sealed class CompressedText : IEquatable<CompressedText>
{
    private const int Quality = 1;
    private const int Window = 22;

    // One of the two: the compressed bytes in memory, or where they are in serve's temporary file.
    private readonly byte[]? _compressed;
    private readonly SpilledBytes? _spilled;

    private CompressedText(byte[]? compressed, SpilledBytes? spilled, int length)
    {
        _compressed = compressed;
        _spilled = spilled;
        Length = length;
    }

    private int CompressedLength => _compressed?.Length ?? _spilled!.Length;

    /// <summary>How many bytes the text has as UTF-8.</summary>
    public int Length { get; }

    public static CompressedText Of(string text) => OfBytes(System.Text.Encoding.UTF8.GetBytes(text));

    /// <summary>Any bytes held compressed (<see cref="Bytes"/> gives them back).</summary>
    public static CompressedText OfBytes(ReadOnlySpan<byte> bytes)
    {
        var buffer = new byte[BrotliEncoder.GetMaxCompressedLength(bytes.Length)];
        if (!BrotliEncoder.TryCompress(bytes, buffer, out var written, Quality, Window))
        {
            throw new InvalidOperationException("a text could not be compressed into a buffer of its maximum compressed length");
        }

        var compressed = buffer.AsSpan(0, written);
        return TextSpill.TryKeep(compressed) is { } spilled
            ? new CompressedText(null, spilled, bytes.Length)
            : new CompressedText(compressed.ToArray(), null, bytes.Length);
    }

    /// <summary>The text's UTF-8 bytes, decompressed at each call.</summary>
    public byte[] Bytes()
    {
        var bytes = new byte[Length];
        bool done;
        int written;
        if (_compressed is not null)
        {
            done = BrotliDecoder.TryDecompress(_compressed, bytes, out written);
        }
        else
        {
            var compressed = System.Buffers.ArrayPool<byte>.Shared.Rent(_spilled!.Length);
            try
            {
                _spilled.Read(compressed);
                done = BrotliDecoder.TryDecompress(compressed.AsSpan(0, _spilled.Length), bytes, out written);
            }
            finally
            {
                System.Buffers.ArrayPool<byte>.Shared.Return(compressed);
            }
        }

        if (!done || written != Length)
        {
            throw new InvalidOperationException("a text held compressed did not decompress to its length");
        }

        return bytes;
    }

    /// <summary>The text, decompressed at each call.</summary>
    public string Text() => System.Text.Encoding.UTF8.GetString(Bytes());

    public bool Equals(CompressedText? other)
    {
        if (other is null || Length != other.Length || CompressedLength != other.CompressedLength)
        {
            return false;
        }

        if (_compressed is not null && other._compressed is not null)
        {
            return _compressed.AsSpan().SequenceEqual(other._compressed);
        }

        return Compressed().AsSpan().SequenceEqual(other.Compressed());
    }

    private byte[] Compressed()
    {
        if (_compressed is not null)
        {
            return _compressed;
        }

        var bytes = new byte[_spilled!.Length];
        _spilled.Read(bytes);
        return bytes;
    }

    public override bool Equals(object? obj) => Equals(obj as CompressedText);

    public override int GetHashCode() => HashCode.Combine(Length, CompressedLength);
}
