namespace BackCareSite.Pictures;

/// <summary>
/// Says in plain words why a picture libvips could not decode is unusable, from the file's own
/// bytes: not a picture at all, cut short (its format's end marker is missing), or damaged inside.
/// libvips's own message is not used: its error buffer is shared by the whole process, so with
/// pictures decoded in parallel one picture's message can be read by another's error, and the
/// report would change from run to run.
/// </summary>
internal static class PictureDamage
{
    private static ReadOnlySpan<byte> PngSignature => [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    private static ReadOnlySpan<byte> PngEnd => [0x00, 0x00, 0x00, 0x00, 0x49, 0x45, 0x4E, 0x44, 0xAE, 0x42, 0x60, 0x82];

    /// <summary>The reason, for "cannot be read as a picture (...)".</summary>
    public static string Describe(string fullPath)
    {
        byte[] head;
        byte[] tail;
        long length;
        try
        {
            using var stream = new FileStream(fullPath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, 1, FileOptions.None);
            length = stream.Length;
            head = new byte[(int)Math.Min(length, 16)];
            stream.ReadExactly(head);
            tail = new byte[(int)Math.Min(length, 64)];
            stream.Seek(length - tail.Length, SeekOrigin.Begin);
            stream.ReadExactly(tail);
        }
        catch (IOException ex)
        {
            return $"the file cannot be read: {ex.Message}";
        }
        catch (UnauthorizedAccessException)
        {
            return "the file cannot be read: permission denied";
        }

        return Describe(head, tail, length);
    }

    /// <summary>The reason from the file's first 16 and last 64 bytes and its length.</summary>
    internal static string Describe(ReadOnlySpan<byte> head, ReadOnlySpan<byte> tail, long length)
    {
        const string CutShort = "the file ends before the picture does: it was cut short, perhaps while it was copied or uploaded";
        const string Damaged = "the picture's data is damaged";
        if (length == 0)
        {
            return "the file is empty";
        }

        if (head.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xD8, 0xFF]))
        {
            // A JPEG ends with FF D9; some cameras pad a few bytes after it.
            return tail.LastIndexOf((ReadOnlySpan<byte>)[0xFF, 0xD9]) >= 0 ? Damaged : CutShort;
        }

        if (head.StartsWith(PngSignature))
        {
            return tail.EndsWith(PngEnd) ? Damaged : CutShort;
        }

        if (head.Length >= 12 && head[..4].SequenceEqual("RIFF"u8) && head[8..12].SequenceEqual("WEBP"u8))
        {
            var declared = 8L + BitConverter.ToUInt32(head[4..8]);
            return declared > length ? CutShort : Damaged;
        }

        if (head.StartsWith("GIF87a"u8) || head.StartsWith("GIF89a"u8))
        {
            return tail[^1] == 0x3B ? Damaged : CutShort;
        }

        if (head.Length >= 12 && head[4..8].SequenceEqual("ftyp"u8))
        {
            return Damaged;
        }

        return "the file holds no picture: it is not a JPEG, PNG, WebP, GIF or AVIF file";
    }
}
