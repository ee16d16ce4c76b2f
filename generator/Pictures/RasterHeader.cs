using NetVips;

namespace BackCareSite.Pictures;

/// <summary>A problem with a picture file, reported at every line that uses it.</summary>
internal sealed record PictureProblem(string Code, string Message, bool IsError = true);

/// <summary>
/// What a raster file's header says: the size of the upright picture (its EXIF
/// orientation applied), the format libvips found in the bytes, and any problem.
/// </summary>
internal sealed record RasterHeader(int Width, int Height, string Format)
{
    /// <summary>Formats published as responsive pictures; other raster formats are copied as they are.</summary>
    public static bool IsResponsive(string path) =>
        Path.GetExtension(path).ToLowerInvariant() is ".jpg" or ".jpeg" or ".png" or ".webp";

    /// <summary>Formats a browser shows in an <c>&lt;img&gt;</c>.</summary>
    public static bool IsWebImage(string path) =>
        Path.GetExtension(path).ToLowerInvariant() is ".svg" or ".png" or ".gif" or ".jpg" or ".jpeg" or ".webp" or ".avif";

    /// <summary>Reads the header only (libvips loads lazily); the pixels are decoded when a variant is made.</summary>
    public static (RasterHeader? Header, PictureProblem? Problem) Read(string fullPath)
    {
        Vips.Configure();
        try
        {
            using var image = Image.NewFromFile(fullPath, access: Enums.Access.Sequential);
            var loader = image.Contains("vips-loader") ? (string)image.Get("vips-loader") : "";
            var format = loader switch
            {
                "jpegload" => "jpeg",
                "pngload" => "png",
                "webpload" => "webp",
                "gifload" => "gif",
                "heifload" => "avif",
                _ => loader.Replace("load", "", StringComparison.Ordinal),
            };
            var orientation = image.Contains("orientation") ? Convert.ToInt32(image.Get("orientation"), System.Globalization.CultureInfo.InvariantCulture) : 1;
            var sideways = orientation is >= 5 and <= 8;
            var header = new RasterHeader(sideways ? image.Height : image.Width, sideways ? image.Width : image.Height, format);
            var expected = Path.GetExtension(fullPath).ToLowerInvariant() switch
            {
                ".jpg" or ".jpeg" => "jpeg",
                ".png" => "png",
                ".webp" => "webp",
                ".gif" => "gif",
                ".avif" => "avif",
                _ => null,
            };
            if (expected is not null && expected != format)
            {
                return (null, new PictureProblem(Diagnostics.ErrorCodes.PictureUnsupported,
                    $"is named as {expected.ToUpperInvariant()} but holds {(format.Length == 0 ? "an unknown format" : format.ToUpperInvariant())}; save it as a JPEG, PNG or WebP file with the matching extension"));
            }

            return (header, null);
        }
        catch (VipsException)
        {
            return (null, Unreadable(fullPath));
        }
    }

    /// <summary>The problem for a file libvips could not decode, the same on every run (<see cref="PictureDamage"/>).</summary>
    public static PictureProblem Unreadable(string fullPath) =>
        new(Diagnostics.ErrorCodes.PictureUnreadable,
            $"cannot be read as a picture ({PictureDamage.Describe(fullPath)}); export it again as JPEG or PNG");

    public long Pixels => (long)Width * Height;
}
