using System.Buffers.Binary;
using System.Globalization;
using System.Text.RegularExpressions;

namespace BackCareSite.Content;

/// <summary>
/// The intrinsic size of an image file, read from its header (PNG, GIF, JPEG,
/// WebP) or its root element (SVG), so that pages give every image a width and
/// height and nothing shifts as it loads.
/// </summary>
internal sealed partial record ImageSize(int Width, int Height)
{
    public static ImageSize? Read(string fullPath)
    {
        var extension = Path.GetExtension(fullPath).ToLowerInvariant();
        try
        {
            return extension switch
            {
                ".svg" => Svg(File.ReadAllText(fullPath)),
                ".png" or ".gif" or ".jpg" or ".jpeg" or ".webp" => Raster(File.ReadAllBytes(fullPath)),
                _ => null,
            };
        }
        catch (IOException)
        {
            return null;
        }
    }

    public static bool IsImage(string path) =>
        Path.GetExtension(path).ToLowerInvariant() is ".svg" or ".png" or ".gif" or ".jpg" or ".jpeg" or ".webp" or ".avif";

    internal static ImageSize? Raster(ReadOnlySpan<byte> b)
    {
        if (b.Length >= 24 && b[..8].SequenceEqual((ReadOnlySpan<byte>)[0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]))
        {
            return new((int)BinaryPrimitives.ReadUInt32BigEndian(b[16..]), (int)BinaryPrimitives.ReadUInt32BigEndian(b[20..]));
        }

        if (b.Length >= 10 && b[0] == 'G' && b[1] == 'I' && b[2] == 'F')
        {
            return new(BinaryPrimitives.ReadUInt16LittleEndian(b[6..]), BinaryPrimitives.ReadUInt16LittleEndian(b[8..]));
        }

        if (b.Length >= 30 && b[..4].SequenceEqual("RIFF"u8) && b[8..12].SequenceEqual("WEBP"u8))
        {
            return WebP(b);
        }

        if (b.Length >= 4 && b[0] == 0xFF && b[1] == 0xD8)
        {
            return Jpeg(b);
        }

        return null;
    }

    private static ImageSize? WebP(ReadOnlySpan<byte> b)
    {
        var chunk = b[12..16];
        if (chunk.SequenceEqual("VP8X"u8))
        {
            return new(1 + (b[24] | b[25] << 8 | b[26] << 16), 1 + (b[27] | b[28] << 8 | b[29] << 16));
        }

        if (chunk.SequenceEqual("VP8L"u8))
        {
            var bits = BinaryPrimitives.ReadUInt32LittleEndian(b[21..]);
            return new((int)(bits & 0x3FFF) + 1, (int)((bits >> 14) & 0x3FFF) + 1);
        }

        if (chunk.SequenceEqual("VP8 "u8))
        {
            return new(BinaryPrimitives.ReadUInt16LittleEndian(b[26..]) & 0x3FFF, BinaryPrimitives.ReadUInt16LittleEndian(b[28..]) & 0x3FFF);
        }

        return null;
    }

    private static ImageSize? Jpeg(ReadOnlySpan<byte> b)
    {
        var i = 2;
        while (i + 9 < b.Length)
        {
            if (b[i] != 0xFF)
            {
                return null;
            }

            var marker = b[i + 1];
            var length = BinaryPrimitives.ReadUInt16BigEndian(b[(i + 2)..]);
            if (marker is >= 0xC0 and <= 0xCF && marker is not 0xC4 and not 0xC8 and not 0xCC)
            {
                return new(BinaryPrimitives.ReadUInt16BigEndian(b[(i + 7)..]), BinaryPrimitives.ReadUInt16BigEndian(b[(i + 5)..]));
            }

            i += 2 + length;
        }

        return null;
    }

    internal static ImageSize? Svg(string text)
    {
        var root = SvgRoot().Match(text);
        if (!root.Success)
        {
            return null;
        }

        var tag = root.Value;
        var width = Number(SvgWidth().Match(tag));
        var height = Number(SvgHeight().Match(tag));
        if (width is not null && height is not null)
        {
            return new((int)Math.Round(width.Value), (int)Math.Round(height.Value));
        }

        var viewBox = SvgViewBox().Match(tag);
        if (viewBox.Success)
        {
            var parts = viewBox.Groups[1].Value.Split([' ', ','], StringSplitOptions.RemoveEmptyEntries);
            if (parts.Length == 4
                && double.TryParse(parts[2], NumberStyles.Float, CultureInfo.InvariantCulture, out var w)
                && double.TryParse(parts[3], NumberStyles.Float, CultureInfo.InvariantCulture, out var h) && w > 0 && h > 0)
            {
                return new((int)Math.Round(w), (int)Math.Round(h));
            }
        }

        return null;
    }

    private static double? Number(Match match) =>
        match.Success && double.TryParse(match.Groups[1].Value, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) && v > 0 ? v : null;

    [GeneratedRegex(@"<svg\b[^>]*>", RegexOptions.IgnoreCase)]
    private static partial Regex SvgRoot();

    [GeneratedRegex(@"\swidth\s*=\s*[""']\s*([0-9.]+)(px)?\s*[""']")]
    private static partial Regex SvgWidth();

    [GeneratedRegex(@"\sheight\s*=\s*[""']\s*([0-9.]+)(px)?\s*[""']")]
    private static partial Regex SvgHeight();

    [GeneratedRegex(@"\sviewBox\s*=\s*[""']([^""']+)[""']")]
    private static partial Regex SvgViewBox();
}
