using System.Security.Cryptography;
using System.Text;

namespace BackCareSite.Serve;

/// <summary>
/// The lines the terminal has printed, so that a warning is printed once per session, not at every rebuild that
/// makes it again (an edited file's warnings are new objects with the same text). Each line is kept as the first
/// 8 bytes of its SHA-256, not as its text: on the 10,000-article site the 24,000 warnings' texts were 12 MB of
/// what serve held (docs/serve.md, "Session 11"). The digests are kept in a sorted array (8 bytes a line; a set of
/// 16-byte digests took 1.2 MB for those lines, "Session 14"), the newest in a small set merged into it once it
/// holds <see cref="Recent"/>. Two of a session's lines with the same 64-bit digest (for 24,000 lines, a chance of
/// about one in 60 billion) would be needed for a warning to be left out.
/// </summary>
internal sealed class PrintedLines
{
    /// <summary>How many digests the set of the newest holds before they are merged into the sorted array.</summary>
    internal const int Recent = 1024;

    private ulong[] _sorted = [];
    private readonly HashSet<ulong> _recent = [];

    public int Count => _sorted.Length + _recent.Count;

    /// <summary>How many digests are in the sorted array (for tests).</summary>
    internal int Merged => _sorted.Length;

    /// <summary>True the first time a line with this text is added, false after.</summary>
    public bool Add(string line)
    {
        var bytes = Encoding.UTF8.GetByteCount(line) <= 1024 ? stackalloc byte[1024] : new byte[Encoding.UTF8.GetByteCount(line)];
        var length = Encoding.UTF8.GetBytes(line, bytes);
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(bytes[..length], hash);
        var digest = System.Buffers.Binary.BinaryPrimitives.ReadUInt64LittleEndian(hash);
        if (Array.BinarySearch(_sorted, digest) >= 0 || !_recent.Add(digest))
        {
            return false;
        }

        if (_recent.Count >= Recent)
        {
            var merged = new ulong[_sorted.Length + _recent.Count];
            _sorted.CopyTo(merged, 0);
            _recent.CopyTo(merged, _sorted.Length);
            Array.Sort(merged);
            _sorted = merged;
            _recent.Clear();
        }

        return true;
    }
}
