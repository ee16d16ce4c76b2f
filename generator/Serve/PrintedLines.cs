using System.Security.Cryptography;
using System.Text;

namespace BackCareSite.Serve;

/// <summary>
/// The lines the terminal has printed, so that a warning is printed once per session, not at every rebuild that
/// makes it again (an edited file's warnings are new objects with the same text). Each line is kept as the first
/// 16 bytes of its SHA-256, not as its text: on the 10,000-article site the 24,000 warnings' texts were 12 MB of
/// what serve held (docs/serve.md, "Session 11"), their digests are under 1 MB. Two different lines with the same
/// 128-bit digest would be needed for a warning to be left out.
/// </summary>
internal sealed class PrintedLines
{
    private readonly HashSet<UInt128> _digests = [];

    public int Count => _digests.Count;

    /// <summary>True the first time a line with this text is added, false after.</summary>
    public bool Add(string line)
    {
        var bytes = Encoding.UTF8.GetByteCount(line) <= 1024 ? stackalloc byte[1024] : new byte[Encoding.UTF8.GetByteCount(line)];
        var length = Encoding.UTF8.GetBytes(line, bytes);
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(bytes[..length], hash);
        return _digests.Add(System.Buffers.Binary.BinaryPrimitives.ReadUInt128LittleEndian(hash));
    }
}
