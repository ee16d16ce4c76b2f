using System.Globalization;
using NetVips;

namespace BackCareSite.Bench;

/// <summary>
/// The picture benchmark's corpus: COUNT synthetic phone photographs (JPEG, every third one stored
/// on its side with EXIF orientation 6), each used by one article of our site and by one page
/// bundle of a small Hugo site, so both tools process the same pictures. Deterministic.
/// </summary>
internal static class Photos
{
    public static int Write(int count, int width, int height, string dir)
    {
        var ours = Path.Combine(dir, "site");
        var hugo = Path.Combine(dir, "hugo", "content", "photos");
        new Corpus(count, 3, seed: 1).Write(ours);
        Directory.CreateDirectory(Path.Combine(ours, "media", "photos"));
        for (var i = 0; i < count; i++)
        {
            var name = string.Create(CultureInfo.InvariantCulture, $"photo-{i:D3}");
            var bytes = Photo(width, height, seed: i, sideways: i % 3 == 0);
            File.WriteAllBytes(Path.Combine(ours, "media", "photos", name + ".jpg"), bytes);
            var bundle = Path.Combine(hugo, name);
            Directory.CreateDirectory(bundle);
            File.WriteAllBytes(Path.Combine(bundle, "photo.jpg"), bytes);
            File.WriteAllText(Path.Combine(bundle, "index.md"), $"---\ntitle: Photo {i}\n---\n");
        }

        // One photo per article, after its first paragraph.
        var articles = Directory.EnumerateFiles(Path.Combine(ours, "articles"), "*.md").Order(StringComparer.Ordinal).ToList();
        for (var i = 0; i < articles.Count; i++)
        {
            File.AppendAllText(articles[i], string.Create(CultureInfo.InvariantCulture, $"\n![A physiotherapist shows an exercise](../media/photos/photo-{i:D3}.jpg)\n"));
        }

        return count;
    }

    /// <summary>A photo-like picture: smooth light with fine grain, which encoders cannot shrink to nothing.</summary>
    private static byte[] Photo(int width, int height, int seed, bool sideways)
    {
        using var xyz = Image.Xyz(width, height);
        using var x = xyz[0];
        using var y = xyz[1];
        using var red = x * (200.0 / width) + (seed * 7 % 50);
        using var green = y * (180.0 / height) + 30;
        using var blue = (x + y) * (120.0 / (width + height)) + (seed * 13 % 80);
        using var light = red.Bandjoin(green, blue);
        using var grain = Image.Gaussnoise(width, height, sigma: 12, mean: 0, seed: seed);
        using var photo = (light + grain).Cast(Enums.BandFormat.Uchar).Copy(interpretation: Enums.Interpretation.Srgb);
        if (!sideways)
        {
            return photo.JpegsaveBuffer(q: 90);
        }

        using var tagged = photo.Mutate(m => m.Set(GValue.GIntType, "orientation", 6));
        return tagged.JpegsaveBuffer(q: 90, keep: Enums.ForeignKeep.All);
    }
}
