using BackCareSite.Content;
using BackCareSite.Diagnostics;
using BackCareSite.Tests.Support;

namespace BackCareSite.Tests.Content;

/// <summary>
/// Issue #19: every item keeps its file for the whole build, so a file keeps one path (the one diagnostics show) and
/// makes its path relative to the content folder and its full path from it when they are read.
/// </summary>
public sealed class SourceFileTests
{
    [Fact]
    public void AFileReadFromTheContentFolderGivesItsThreePaths()
    {
        using var site = new TempSite().Article("one");
        var full = Path.Combine(site.ContentDir, "articles", "one.md");
        var diagnostics = new DiagnosticBag(site.Root);

        var file = SourceReader.Read(full, "articles/one.md", diagnostics)!;

        Assert.Equal("articles/one.md", file.RelativePath);
        Assert.Equal("content/articles/one.md", file.DisplayPath);
        Assert.Equal(full, file.FullPath);
    }

    [Fact]
    public void TheRelativeAndFullPathsAreNotKeptButMadeFromTheShownOne()
    {
        var file = new SourceFile("articles/one.md", "content/articles/one.md", "/site/content/articles/one.md", "text");
        var other = new SourceFile("articles/two.md", "content/articles/two.md", "/site/content/articles/two.md", "text");

        Assert.Equal("articles/one.md", file.RelativePath);
        Assert.Equal("/site/content/articles/one.md", file.FullPath);
        Assert.Equal("/site/content/articles/two.md", other.FullPath);
        // Made at each read: no string of them is kept by the file.
        Assert.NotSame(file.RelativePath, file.RelativePath);
        Assert.NotSame(file.FullPath, file.FullPath);
        Assert.Equal(file, new SourceFile("articles/one.md", "content/articles/one.md", "/site/content/articles/one.md", "text"));
        Assert.NotEqual(file, other);
    }

    [Theory]
    // relative, shown, full
    [InlineData("articles/one.md", "articles/one.md", "/site/articles/one.md")] // shown from the content folder itself
    [InlineData("articles/one.md", "/site/articles/one.md", "/site/articles/one.md")] // shown in full
    [InlineData("articles/one.md", "x-articles/one.md", "/site/articles/one.md")] // the shown path ends with it, but not at a folder
    [InlineData("articles/one.md", "content\\articles\\one.md", "C:\\site\\content\\articles\\one.md")] // other separators
    [InlineData("articles/one.md", "content/articles/one.md", "")] // no full path (tests)
    [InlineData("", "", "")]
    public void PathsOfAnyOtherShapeAreKeptAsGiven(string relative, string shown, string full)
    {
        var file = new SourceFile(relative, shown, full, "text");

        Assert.Equal(relative, file.RelativePath);
        Assert.Equal(shown, file.DisplayPath);
        Assert.Equal(full, file.FullPath);
        Assert.Equal("", (file with { Text = "" }).Text);
        Assert.Equal(relative, (file with { Text = "" }).RelativePath);
    }
}
