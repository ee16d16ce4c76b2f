using BackCareSite.Links;

namespace BackCareSite.Tests.Links;

/// <summary>Issue #19: the index of a site's files, kept as UTF-8 (<c>SiteIndexTests</c> has what it finds).</summary>
public sealed class SiteIndexFilesTests
{
    private static readonly string[] Paths = ["index.html", "articles/a/index.html", "articles/b.html", "media/Back.png", "about/index.html", "media/été.png"];

    [Fact]
    public void Finds_a_path_outside_ASCII()
    {
        Assert.Equal("media/été.png", new SiteIndex(Paths).Find("media/été.png", out var problem));
        Assert.Null(problem);
    }

    [Fact]
    public void Lists_its_files_once_each_and_tells_the_same_files()
    {
        var index = new SiteIndex(Paths.Concat(Paths));
        var same = new SiteIndex(Paths.Reverse());
        var other = new SiteIndex(Paths.Skip(1).Append("media/ete.png"));

        Assert.Equal(Paths.Order(StringComparer.Ordinal), index.Files.Order(StringComparer.Ordinal));
        Assert.Contains("media/été.png", index.Files);
        Assert.True(index.Contains("articles/b.html"));
        Assert.False(index.Contains("articles/b"));
        Assert.True(index.SameFiles(same));
        Assert.False(index.SameFiles(other));
        Assert.False(other.SameFiles(index));
        Assert.False(index.SameFiles(new SiteIndex(Paths.Skip(1))));
    }
}
