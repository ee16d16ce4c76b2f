using BackCareSite.Tests.Support;

namespace BackCareSite.Tests.Hardening;

/// <summary>Issue #20: a symbolic link never brings a file from outside the site's folders into it.</summary>
public sealed class SymbolicLinkTests
{
    [Fact]
    public void RefusesAnArticleThatIsALinkToAFileOutsideTheContent()
    {
        using var site = new TempSite().Article("one");
        var secret = site.Secret("---\ntitle: SECRET-TOKEN-1234\ndescription: x.\ndate: 2026-01-01\n---\n\nSECRET-TOKEN-1234\n");
        File.CreateSymbolicLink(Path.Combine(site.ContentDir, "articles", "leak.md"), secret);

        var result = site.Build();

        result.HasError("BCS0108", "content/articles/leak.md", 1);
        Assert.False(result.Published);
        Assert.False(Directory.Exists(site.OutDir));
    }

    [Fact]
    public void RefusesAMediaFileOrFolderThatIsALink()
    {
        using var site = new TempSite().Article("one").WriteBytes("media/ok.pdf", "%PDF-1.4"u8.ToArray());
        var secret = site.Secret();
        File.CreateSymbolicLink(Path.Combine(site.ContentDir, "media", "leak.pdf"), secret);
        Directory.CreateSymbolicLink(Path.Combine(site.ContentDir, "media", "home"), site.Root);

        var result = site.Build();

        result.HasError("BCS0108", "content/media/leak.pdf", 1);
        result.HasError("BCS0108", "content/media/home", 1);
        Assert.False(result.Published);
    }

    [Fact]
    public void ReportsALoopOfLinksInMediaAtTheLinkNotTheOutputFolder()
    {
        using var site = new TempSite().Article("one");
        Directory.CreateDirectory(Path.Combine(site.ContentDir, "media", "a"));
        Directory.CreateSymbolicLink(Path.Combine(site.ContentDir, "media", "a", "loop"), Path.Combine(site.ContentDir, "media", "a"));

        var result = site.Build();

        result.HasError("BCS0108", "content/media/a/loop", 1);
        Assert.DoesNotContain(result.Diagnostics, d => d.Code == "BCS0602");
    }

    [Fact]
    public void RefusesATemplateOrAssetThatIsALink()
    {
        using var site = new TempSite().Article("one");
        var templates = Path.Combine(site.Root, "templates");
        HardeningSite.CopyFolder(RepoPaths.Templates, templates);
        site.TemplatesDir = templates;
        var secret = site.Secret();
        File.CreateSymbolicLink(Path.Combine(templates, "assets", "leak.css"), secret);
        File.Delete(Path.Combine(templates, "404.html"));
        File.CreateSymbolicLink(Path.Combine(templates, "404.html"), secret);

        var result = site.Build();

        result.HasError("BCS0108", "templates/assets/leak.css", 1);
        result.HasError("BCS0108", "templates/404.html", 1);
        Assert.False(result.Published);
    }
}
