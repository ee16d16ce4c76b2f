using BackCareSite.Build;
using BackCareSite.Pictures;
using BackCareSite.Serve;
using BackCareSite.Tests.Support;

namespace BackCareSite.Tests.Serve;

/// <summary>
/// A picture's cache key hashes its bytes. The preview reads each picture for it once, not at every save,
/// and reads it again (and serves the new picture) once the file changes.
/// </summary>
public sealed class PreviewPictureTests
{
    private const string PhotoArticle = "![A physiotherapist shows the stretch](../media/photo.jpg)\n\nAfter the picture.";

    [Fact]
    public void ASaveReadsNoUnchangedPictureAndAChangedPictureIsReadAndServedAnew()
    {
        using var site = new TempSite().Write("site.yml", TempSite.SiteYml + "\npictures:\n  widths: [120, 240]\n")
            .WriteBytes("media/photo.jpg", PictureFixtures.Jpeg(360, 240))
            .Article("stretch", body: PhotoArticle);
        var photo = Path.Combine(site.ContentDir, "media", "photo.jpg");
        var article = Path.Combine(site.ContentDir, "articles", "stretch.md");
        var preview = new PreviewSite(new BuildOptions { ContentDir = site.ContentDir, TemplatesDir = RepoPaths.Templates, Today = new DateOnly(2026, 6, 1) });

        var first = preview.Rebuild(ChangeSet.Everything);
        Assert.True(first.Succeeded, string.Join('\n', first.Diagnostics));
        var reads = PictureEncoder.KeyReads.GetValueOrDefault(photo);
        Assert.True(reads > 0);
        var before = File.ReadAllBytes(preview.Snapshot.Files["media/photo-240w.webp"].SourcePath!);

        site.Article("stretch", body: PhotoArticle + "\n\nA new last line.");
        var edit = preview.Rebuild(ChangeSet.Of(article));
        Assert.True(edit.Succeeded, string.Join('\n', edit.Diagnostics));
        Assert.Equal(reads, PictureEncoder.KeyReads.GetValueOrDefault(photo));

        site.WriteBytes("media/photo.jpg", PictureFixtures.Jpeg(480, 240));
        var picture = preview.Rebuild(ChangeSet.Of(photo));
        Assert.True(picture.Succeeded, string.Join('\n', picture.Diagnostics));
        Assert.True(PictureEncoder.KeyReads.GetValueOrDefault(photo) > reads);
        Assert.NotEqual(before, File.ReadAllBytes(preview.Snapshot.Files["media/photo-240w.webp"].SourcePath!));
    }
}
