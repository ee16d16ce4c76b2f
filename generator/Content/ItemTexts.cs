using System.Text;
using BackCareSite.Rendering;

namespace BackCareSite.Content;

/// <summary>
/// An article's title, description and slug as one UTF-8 array (the two first lengths as varints, then the three texts),
/// for a one-off build, which keeps every article and its view while every page renders: about half the memory of the
/// three strings (22 bytes each and two bytes a character). Each read makes the string again; an article's texts are
/// read on its own page and on the few list pages that show it.
/// </summary>
internal static class ItemTexts
{
    // Throws on a lone surrogate, which UTF-8 cannot hold: such texts stay strings (Pack gives null).
    private static readonly UTF8Encoding Strict = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>The three texts packed, or null when one of them is not valid UTF-16 (it would not read back the same).</summary>
    public static byte[]? Pack(string title, string description, string slug)
    {
        int t, d, s;
        try
        {
            (t, d, s) = (Strict.GetByteCount(title), Strict.GetByteCount(description), Strict.GetByteCount(slug));
        }
        catch (EncoderFallbackException)
        {
            return null;
        }

        Span<byte> head = stackalloc byte[2 * Varint.MaxLength];
        var h = Varint.Write((uint)t, head);
        h += Varint.Write((uint)d, head[h..]);
        var packed = new byte[h + t + d + s];
        head[..h].CopyTo(packed);
        Strict.GetBytes(title, packed.AsSpan(h, t));
        Strict.GetBytes(description, packed.AsSpan(h + t, d));
        Strict.GetBytes(slug, packed.AsSpan(h + t + d, s));
        return packed;
    }

    public static string Title(byte[] packed)
    {
        var (at, t, _) = Head(packed);
        return Encoding.UTF8.GetString(packed, at, t);
    }

    public static string Description(byte[] packed)
    {
        var (at, t, d) = Head(packed);
        return Encoding.UTF8.GetString(packed, at + t, d);
    }

    public static string Slug(byte[] packed)
    {
        var (at, t, d) = Head(packed);
        return Encoding.UTF8.GetString(packed, at + t + d, packed.Length - at - t - d);
    }

    private static (int At, int TitleLength, int DescriptionLength) Head(byte[] packed)
    {
        var at = 0;
        var t = (int)Varint.Read(packed, ref at);
        var d = (int)Varint.Read(packed, ref at);
        return (at, t, d);
    }
}
