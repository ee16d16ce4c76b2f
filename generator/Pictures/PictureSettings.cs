using System.Globalization;
using BackCareSite.Content;
using BackCareSite.Diagnostics;

namespace BackCareSite.Pictures;

/// <summary>
/// How raster pictures are published (<c>pictures:</c> in site.yml): the widths made,
/// the modern formats offered beside the original one, their quality, and the largest
/// picture accepted.
/// </summary>
internal sealed record PictureSettings
{
    public static readonly PictureSettings Default = new();

    /// <summary>Widths in pixels, ascending; none is ever wider than the original.</summary>
    public IReadOnlyList<int> Widths { get; init; } = [480, 960, 1440];

    /// <summary>Modern formats offered as <c>&lt;source&gt;</c>s, best first: <c>avif</c>, <c>webp</c>.</summary>
    public IReadOnlyList<string> Formats { get; init; } = ["avif", "webp"];

    public int AvifQuality { get; init; } = 50;

    public int WebpQuality { get; init; } = 75;

    public int JpegQuality { get; init; } = 80;

    /// <summary>Pictures with more pixels than this are refused (a decompression bomb, or a photo to shrink first).</summary>
    public long MaxPixels { get; init; } = 100_000_000;

    /// <summary>What the variants depend on, for the cache key.</summary>
    public string Key => string.Create(CultureInfo.InvariantCulture,
        $"w={string.Join(',', Widths)};f={string.Join(',', Formats)};q={AvifQuality},{WebpQuality},{JpegQuality}");

    public int Quality(string format) => format switch
    {
        "avif" => AvifQuality,
        "webp" => WebpQuality,
        _ => JpegQuality,
    };

    /// <summary>Why a media file cannot be published as a picture, or a warning about it; null when it is fine.</summary>
    public PictureProblem? Check(MediaFile file)
    {
        if (file.Problem is not null || file.Raster is not { } header || !RasterHeader.IsResponsive(file.RelativePath))
        {
            return file.Problem;
        }

        if (header.Pixels > MaxPixels)
        {
            return new PictureProblem(ErrorCodes.PictureTooLarge, string.Create(CultureInfo.InvariantCulture,
                $"is {header.Width}x{header.Height} pixels, more than the {MaxPixels / 1_000_000.0:0.#} million allowed (`pictures.max_megapixels` in site.yml); shrink it before adding it"));
        }

        if (header.Width < Widths[0])
        {
            return new PictureProblem(ErrorCodes.PictureTooSmall, string.Create(CultureInfo.InvariantCulture,
                $"is only {header.Width} pixels wide, narrower than the smallest width ({Widths[0]}); it is published at its own size and may look blurred: use a larger original"), IsError: false);
        }

        return null;
    }

    /// <summary>Reads the optional <c>pictures:</c> group of site.yml; defaults for what it leaves out.</summary>
    public static PictureSettings Read(YamlFields site)
    {
        var f = site.Map("pictures");
        if (f is null)
        {
            return Default;
        }

        var widths = new List<int>();
        foreach (var item in f.StringList("widths", nonEmpty: true))
        {
            if (int.TryParse(item.Value, NumberStyles.None, CultureInfo.InvariantCulture, out var width) && width is >= 16 and <= 8192)
            {
                widths.Add(width);
            }
            else
            {
                f.Error(ErrorCodes.InvalidPictureSetting, item.At, $"each of `pictures.widths` must be a whole number of pixels from 16 to 8192, not `{item.Value}`");
            }
        }

        var formats = new List<string>();
        foreach (var item in f.StringList("formats"))
        {
            var format = item.Value.ToLowerInvariant();
            if (format is "avif" or "webp" && !formats.Contains(format))
            {
                formats.Add(format);
            }
            else
            {
                f.Error(ErrorCodes.InvalidPictureSetting, item.At, $"`pictures.formats` may list `avif` and `webp` (once each), not `{item.Value}`");
            }
        }

        int? Quality(string key)
        {
            var value = f.Int(key, min: 1);
            if (value > 100)
            {
                f.Error(ErrorCodes.InvalidPictureSetting, f.ValuePosition(key), $"`pictures.{key}` must be from 1 to 100");
                return null;
            }

            return value;
        }

        var avif = Quality("avif_quality");
        var webp = Quality("webp_quality");
        var jpeg = Quality("jpeg_quality");
        var megapixels = f.Int("max_megapixels", min: 1);
        f.ReportUnknownKeys();
        return new PictureSettings
        {
            Widths = widths.Count > 0 ? widths.Distinct().Order().ToList() : Default.Widths,
            Formats = f.Has("formats") ? formats : Default.Formats,
            AvifQuality = avif ?? Default.AvifQuality,
            WebpQuality = webp ?? Default.WebpQuality,
            JpegQuality = jpeg ?? Default.JpegQuality,
            MaxPixels = megapixels is { } m ? m * 1_000_000L : Default.MaxPixels,
        };
    }
}
