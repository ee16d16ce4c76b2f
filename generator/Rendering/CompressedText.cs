using System.IO.Compression;

namespace BackCareSite.Rendering;

/// <summary>
/// A text held as Brotli-compressed UTF-8 (quality 1: fast, about a quarter of the UTF-16 size for HTML),
/// for what <c>serve</c> keeps between rebuilds but reads rarely: its pages, and the bodies' HTML that only
/// their own page's render reads. The same text always compresses to the same bytes, so two compressed
/// texts are equal exactly when their bytes are. In <c>serve</c> the compressed bytes are kept in a temporary file
/// (<see cref="TextSpill"/>) rather than in memory.
/// </summary>
internal abstract class CompressedText : IEquatable<CompressedText>
{
    private const int Quality = 1;
    private const int Window = 22;

    private CompressedText(int length) => Length = length;

    /// <summary>How many bytes the text has as UTF-8.</summary>
    public int Length { get; }

    // How many compressed bytes there are.
    private protected abstract int CompressedLength { get; }

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
        return TextSpill.TryKeep(compressed, out var segment, out var offset)
            ? new Spilled(segment, offset, compressed.Length, bytes.Length)
            : new InMemory(compressed.ToArray(), bytes.Length);
    }

    /// <summary>The text's UTF-8 bytes, decompressed at each call.</summary>
    public byte[] Bytes()
    {
        var bytes = new byte[Length];
        Decompress(bytes);
        return bytes;
    }

    /// <summary>
    /// The text, decompressed into <paramref name="chars"/> (a buffer from <see cref="System.Buffers.ArrayPool{T}.Shared"/>,
    /// of the text's length or more, which the caller gives back); returns how many characters it holds. No array or
    /// string is made: a build writes each exercise card, held compressed, into every page that shows it.
    /// </summary>
    public int Decode(out char[] chars)
    {
        var bytes = System.Buffers.ArrayPool<byte>.Shared.Rent(Length);
        try
        {
            Decompress(bytes.AsSpan(0, Length));
            // A UTF-8 text has at most as many UTF-16 characters as bytes.
            chars = System.Buffers.ArrayPool<char>.Shared.Rent(Math.Max(Length, 1));
            return System.Text.Encoding.UTF8.GetChars(bytes.AsSpan(0, Length), chars);
        }
        finally
        {
            System.Buffers.ArrayPool<byte>.Shared.Return(bytes);
        }
    }

    // Decompresses into bytes, which has Length bytes.
    private void Decompress(Span<byte> bytes)
    {
        bool done;
        int written;
        if (this is InMemory memory)
        {
            done = BrotliDecoder.TryDecompress(memory.Held, bytes, out written);
        }
        else
        {
            var compressed = System.Buffers.ArrayPool<byte>.Shared.Rent(CompressedLength);
            try
            {
                ((Spilled)this).Read(compressed);
                done = BrotliDecoder.TryDecompress(compressed.AsSpan(0, CompressedLength), bytes, out written);
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
    }

    /// <summary>The text, decompressed at each call.</summary>
    public string Text() => System.Text.Encoding.UTF8.GetString(Bytes());

    public bool Equals(CompressedText? other)
    {
        if (other is null || Length != other.Length || CompressedLength != other.CompressedLength)
        {
            return false;
        }

        if (this is InMemory a && other is InMemory b)
        {
            return a.Held.AsSpan().SequenceEqual(b.Held);
        }

        return Compressed().AsSpan().SequenceEqual(other.Compressed());
    }

    private byte[] Compressed()
    {
        if (this is InMemory memory)
        {
            return memory.Held;
        }

        var bytes = new byte[CompressedLength];
        ((Spilled)this).Read(bytes);
        return bytes;
    }

    public override bool Equals(object? obj) => Equals(obj as CompressedText);

    public override int GetHashCode() => HashCode.Combine(Length, CompressedLength);

    /// <summary>The compressed bytes in memory (<c>build</c>, and short texts in <c>serve</c>).</summary>
    private sealed class InMemory(byte[] compressed, int length) : CompressedText(length)
    {
        public byte[] Held => compressed;

        private protected override int CompressedLength => compressed.Length;
    }

    /// <summary>
    /// The compressed bytes in one of serve's temporary files (<see cref="TextSpill"/>), given back when the collector finds
    /// the text unreachable. Where the bytes are is held in the text itself (40 bytes a text), not in an object of its own
    /// beside it: serve holds about 68,000 such texts at 10,000 articles (docs/serve.md, "Seventeenth session").
    /// </summary>
    private sealed class Spilled(TextSpill.Segment segment, long offset, int compressedLength, int length) : CompressedText(length)
    {
        private protected override int CompressedLength => compressedLength;

        /// <summary>Reads the bytes into <paramref name="into"/>, which has <see cref="CompressedLength"/> bytes or more.</summary>
        public void Read(Span<byte> into)
        {
            var read = 0;
            while (read < compressedLength)
            {
                var n = RandomAccess.Read(segment.Handle, into[read..compressedLength], offset + read);
                if (n <= 0)
                {
                    throw new IOException("a text kept in serve's temporary file ended early");
                }

                read += n;
            }

            // The file must stay open until the read is done, though the caller may hold nothing else of this text.
            GC.KeepAlive(this);
        }

        ~Spilled() => segment.Release(compressedLength);
    }
}
