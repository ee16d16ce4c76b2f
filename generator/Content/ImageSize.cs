using System.Globalization;
using System.Text.RegularExpressions;

namespace BackCareSite.Content;

/// <summary>
/// The intrinsic size of an image, so that pages give every image a width and
/// height and nothing shifts as it loads. Raster sizes come from libvips
/// (<see cref="Pictures.RasterHeader"/>); an SVG's from its root element.
/// </summary>
internal sealed partial record ImageSize(int Width, int Height)
{
    /// <summary>The size of an SVG file from its root element; null when it has none or cannot be read.</summary>
    public static ImageSize? ReadSvg(string fullPath)
    {
        try
        {
            return Svg(File.ReadAllText(fullPath));
        }
        catch (IOException)
        {
            return null;
        }
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
