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

    /// <summary>An entry no build has used for this long is deleted by <see cref="Prune"/>.</summary>
    public static readonly TimeSpan MaxAge = TimeSpan.FromDays(30);

    /// <summary>A temporary folder this old was left by a build that was stopped; a running build's is minutes old.</summary>
    private static readonly TimeSpan AbandonedAfter = TimeSpan.FromHours(6);

    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, byte> _used = new(StringComparer.Ordinal);
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
        _used.TryAdd(Path.GetFileName(folder), 0);
        if (Directory.Exists(folder))
        {
            MarkUsed(folder);
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

    /// <summary>
    /// Deletes the cache entries no build has used for <see cref="MaxAge"/> (a picture removed or
    /// changed, old settings) and temporary folders left by stopped builds, so the cache (kept by
    /// Netlify between deploys) does not grow for ever. Only folders named as this encoder names
    /// them are touched: a <c>--cache-dir</c> given by mistake loses nothing. Returns how many
    /// entries were deleted.
    /// </summary>
    public int Prune(DateTime utcNow)
    {
        if (!Directory.Exists(cacheRoot))
        {
            return 0;
        }

        var pruned = 0;
        foreach (var shard in Directory.EnumerateDirectories(cacheRoot))
        {
            var prefix = Path.GetFileName(shard);
            if (!IsHex(prefix, 2))
            {
                continue;
            }

            foreach (var entry in Directory.EnumerateDirectories(shard))
            {
                var name = Path.GetFileName(entry);
                var key = name.Split(".tmp-", 2);
                var isEntry = key.Length == 1 && IsHex(name, 64) && name.StartsWith(prefix, StringComparison.Ordinal);
                var isTemporary = key.Length == 2 && IsHex(key[0], 64) && IsHex(key[1], 32);
                if ((!isEntry && !isTemporary) || _used.ContainsKey(name) || new FileInfo(entry).LinkTarget is not null)
                {
                    continue;
                }

                if (utcNow - Directory.GetLastWriteTimeUtc(entry) > (isEntry ? MaxAge : AbandonedAfter))
                {
                    try
                    {
                        Directory.Delete(entry, recursive: true);
                        pruned += isEntry ? 1 : 0;
                    }
                    catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
                    {
                        // Another build is using or deleting it; the next build tries again.
                    }
                }
            }
        }

        return pruned;
    }

    /// <summary>Records that an entry was used today (its folder's time), for <see cref="Prune"/>.</summary>
    private static void MarkUsed(string folder)
    {
        try
        {
            Directory.SetLastWriteTimeUtc(folder, DateTime.UtcNow);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // A read-only cache still serves its files; it is only never pruned.
        }
    }

    private static bool IsHex(string text, int length) =>
        text.Length == length && text.All(c => c is (>= '0' and <= '9') or (>= 'a' and <= 'f'));

    private string CacheFolder(PicturePlan plan)
    {
        // The key hashes the file's bytes, so working it out reads the whole picture. `serve` keeps a media file's
        // MediaFile while the file is unchanged (ParseCache drops it when the watcher reports a change), so each
        // picture is read once, not at every save: the key is remembered per MediaFile object and recipe.
        var recipe = $"\n{Recipe}\n{Vips.Version}\n{settings.Key}\n{string.Join(',', plan.Files.Select(CacheName))}";
        var keys = Keys.GetValue(plan.Source, _ => new System.Collections.Concurrent.ConcurrentDictionary<string, string>(StringComparer.Ordinal));
        var key = keys.GetOrAdd(recipe, r => KeyOf(plan.Source.FullPath, r));
        return Path.Combine(cacheRoot, key[..2], key);
    }

    // Cache keys worked out, per media file object (let go with it) and recipe.
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<Content.MediaFile, System.Collections.Concurrent.ConcurrentDictionary<string, string>> Keys = new();

    /// <summary>How many times each picture file was read to work out a cache key (tests: <c>serve</c> reads an unchanged picture once).</summary>
    internal static readonly System.Collections.Concurrent.ConcurrentDictionary<string, int> KeyReads = new(StringComparer.Ordinal);

    private static string KeyOf(string path, string recipe)
    {
        KeyReads.AddOrUpdate(path, 1, (_, n) => n + 1);
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        using (var stream = File.OpenRead(path))
        {
            var buffer = new byte[81920];
            int read;
            while ((read = stream.Read(buffer)) > 0)
            {
                hash.AppendData(buffer, 0, read);
            }
        }

        hash.AppendData(System.Text.Encoding.UTF8.GetBytes(recipe));
        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    private static string CacheName(PictureVariant variant) =>
        $"{variant.Width}x{variant.Height}{(variant.Cover ? "-cover" : "")}.{variant.Format}";
}
