namespace BackCareSite.Rendering;

/// <summary>
/// Unsigned LEB128 numbers, seven bits a byte, the high bit set while more follow: how serve's render traces and kept
/// link scans store their numbers (most fit in one byte).
/// </summary>
internal static class Varint
{
    /// <summary>The most bytes one <see cref="uint"/> takes.</summary>
    public const int MaxLength = 5;

    /// <summary>Writes <paramref name="value"/> at the start of <paramref name="into"/>; returns how many bytes it took.</summary>
    public static int Write(uint value, Span<byte> into)
    {
        var length = 0;
        while (value >= 0x80)
        {
            into[length++] = (byte)(value | 0x80);
            value >>= 7;
        }

        into[length++] = (byte)value;
        return length;
    }

    /// <summary>Reads the number at <paramref name="at"/> and moves <paramref name="at"/> past it.</summary>
    public static uint Read(byte[] code, ref int at)
    {
        uint value = 0;
        var shift = 0;
        byte b;
        do
        {
            b = code[at++];
            value |= (uint)(b & 0x7F) << shift;
            shift += 7;
        }
        while (b >= 0x80);
        return value;
    }
}
