using System.Security.Cryptography;
using BackCareSite.Output;
using NetVips;

namespace BackCareSite.Pictures;

/// <summary>
/// Makes a picture's files with libvips: upright (EXIF orientation applied), in sRGB,
/// every metadata block dropped, resized to the planned sizes. Results are kept in a
/// cache folder by the source's content hash and the settings, so a picture that did
/// not change is never encoded again. Safe to use from many threads at once.
/// </summary>
internal sealed class PictureEncoder(PictureSettings settings, string cacheRoot)
{
    /// <summary>Changes when the way files are made changes, so older cache entries are not reused.</summary>
    private const string Recipe = "bcs-pictures-1";

    private int _encoded;
    private int _reused;

    /// <summary>Files encoded by this encoder (cache misses).</summary>
    public int Encoded => _encoded;

    /// <summary>Files taken from the cache.</summary>
    public int Reused => _reused;

    /// <summary>The planned files, from the cache or newly encoded into it, as copies into the output.</summary>
    /// <exception cref="VipsException">The picture cannot be decoded (damaged or cut short).</exception>
    public IReadOnlyList<CopiedFile> Make(PicturePlan plan)
    {
        var folder = CacheFolder(plan);
        var files = plan.Files.Select(v => new CopiedFile(v.Path, Path.Combine(folder, CacheName(v)))).ToList();
        if (Directory.Exists(folder))
        {
            Interlocked.Add(ref _reused, files.Count);
            return files;
        }

        // Written under a temporary name, then renamed: a cache entry is complete or absent,
        // also when two builds run at once or one is stopped half-way.
        Vips.Configure();
        var temporary = folder + ".tmp-" + Guid.NewGuid().ToString("N");
        Directory.CreateDirectory(temporary);
        try
        {
            foreach (var variant in plan.Files)
            {
                File.WriteAllBytes(Path.Combine(temporary, CacheName(variant)), Encode(plan.Source.FullPath, variant));
            }

            try
            {
                Directory.Move(temporary, folder);
            }
            catch (IOException) when (Directory.Exists(folder))
            {
                // Another build made the same entry first; its files are the same bytes.
            }
        }
        finally
        {
            if (Directory.Exists(temporary))
            {
                Directory.Delete(temporary, recursive: true);
            }
        }

        Interlocked.Add(ref _encoded, files.Count);
        return files;
    }

    /// <summary>One file: the source decoded (failing on a damaged or cut-short file), sized, encoded.</summary>
    internal byte[] Encode(string source, PictureVariant variant)
    {
        using var resized = variant.Cover
            ? Image.Thumbnail(source, variant.Width, height: variant.Height, size: Enums.Size.Both, crop: Enums.Interesting.Centre,
                outputProfile: "srgb", failOn: Enums.FailOn.Truncated)
            : Image.Thumbnail(source, variant.Width, height: variant.Height, size: Enums.Size.Force,
                outputProfile: "srgb", failOn: Enums.FailOn.Truncated);
        using var srgb = ToSrgb8(resized);

        // JPEG has no transparency: a drawing's transparent parts become white.
        using var image = variant.Format == "jpeg" && srgb.HasAlpha() ? srgb.Flatten(background: [255, 255, 255]) : srgb.Copy();
        var quality = settings.Quality(variant.Format);
        return variant.Format switch
        {
            "avif" => image.HeifsaveBuffer(q: quality, bitdepth: 8, compression: Enums.ForeignHeifCompression.Av1, effort: 4, keep: Enums.ForeignKeep.None),
            "webp" => image.WebpsaveBuffer(q: quality, effort: 4, keep: Enums.ForeignKeep.None),
            "png" => image.PngsaveBuffer(compression: 9, keep: Enums.ForeignKeep.None),
            _ => image.JpegsaveBuffer(q: quality, optimizeCoding: true, interlace: true, keep: Enums.ForeignKeep.None),
        };
    }

    /// <summary>8-bit sRGB (a 16-bit PNG, a grey or CMYK picture are converted), alpha kept.</summary>
    private static Image ToSrgb8(Image image)
    {
        var converted = image.Interpretation == Enums.Interpretation.Srgb && image.Format == Enums.BandFormat.Uchar
            ? image.Copy()
            : image.Colourspace(Enums.Interpretation.Srgb);
        if (converted.Format == Enums.BandFormat.Uchar)
        {
            return converted;
        }

        using (converted)
        {
            return converted.Cast(Enums.BandFormat.Uchar);
        }
    }

    private string CacheFolder(PicturePlan plan)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        using (var stream = File.OpenRead(plan.Source.FullPath))
        {
            var buffer = new byte[81920];
            int read;
            while ((read = stream.Read(buffer)) > 0)
            {
                hash.AppendData(buffer, 0, read);
            }
        }

        hash.AppendData(System.Text.Encoding.UTF8.GetBytes($"\n{Recipe}\n{Vips.Version}\n{settings.Key}\n{string.Join(',', plan.Files.Select(CacheName))}"));
        var key = Convert.ToHexStringLower(hash.GetHashAndReset());
        return Path.Combine(cacheRoot, key[..2], key);
    }

    private static string CacheName(PictureVariant variant) =>
        $"{variant.Width}x{variant.Height}{(variant.Cover ? "-cover" : "")}.{variant.Format}";
}
