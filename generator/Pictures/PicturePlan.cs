using System.Globalization;
using BackCareSite.Content;

namespace BackCareSite.Pictures;

/// <summary>One file made from a picture: its path in the output, format and exact size.</summary>
internal sealed record PictureVariant(string Path, string Format, int Width, int Height)
{
    /// <summary>Fill the size and crop what is left over (a social card), rather than resize to it.</summary>
    public bool Cover { get; init; }

    public string MimeType => "image/" + Format;
}

/// <summary>
/// What a raster picture becomes, known from its header before anything is encoded:
/// the modern formats at each width, and the fallback in its own format (upright,
/// no metadata, no wider than the largest width) published at the source's own path.
/// </summary>
internal sealed record PicturePlan(MediaFile Source, PictureVariant Fallback, IReadOnlyList<PictureVariant> Variants)
{
    /// <summary>Every file to make, the fallback last.</summary>
    public IEnumerable<PictureVariant> Files => Variants.Append(Fallback);

    /// <summary>True when the original is narrower than the smallest width: published as it is, smaller than asked for.</summary>
    public bool TooSmall { get; init; }

    /// <summary>Equal when the same source gives the same files (the preview reuses a body whose pictures are equal).</summary>
    public bool Equals(PicturePlan? other) =>
        other is not null && Source == other.Source && Fallback == other.Fallback && TooSmall == other.TooSmall
        && Variants.SequenceEqual(other.Variants);

    public override int GetHashCode() => HashCode.Combine(Source, Fallback, Variants.Count);

    /// <summary>Plans every JPEG, PNG and WebP of the media folder whose header could be read.</summary>
    public static IReadOnlyDictionary<string, PicturePlan> ForMedia(IEnumerable<MediaFile> media, PictureSettings settings)
    {
        var plans = new Dictionary<string, PicturePlan>(StringComparer.Ordinal);
        foreach (var file in media)
        {
            if (file.Raster is { } header && RasterHeader.IsResponsive(file.RelativePath) && settings.Check(file) is not { IsError: true })
            {
                plans[file.RelativePath] = For(file, header, settings);
            }
        }

        return plans;
    }

    public static PicturePlan For(MediaFile source, RasterHeader header, PictureSettings settings)
    {
        // Never wider than the original: the widths below it, then the original's width
        // itself when it is narrower than the largest width asked for.
        var widest = settings.Widths[^1];
        var widths = settings.Widths.Where(w => w < header.Width).Append(Math.Min(header.Width, widest)).Distinct().Order().ToList();
        var stem = source.RelativePath[..^Path.GetExtension(source.RelativePath).Length];
        PictureVariant Variant(string path, string format, int width) =>
            new(path, format, width, Math.Max(1, (int)Math.Round((double)header.Height * width / header.Width, MidpointRounding.AwayFromZero)));
        var variants = settings.Formats
            .SelectMany(format => widths.Select(w => Variant(string.Create(CultureInfo.InvariantCulture, $"{stem}-{w}w.{format}"), format, w)))
            .ToList();
        return new PicturePlan(source, Variant(source.RelativePath, header.Format, widths[^1]), variants)
        {
            TooSmall = header.Width < settings.Widths[0],
        };
    }
}
