using BackCareSite.Content;
using BackCareSite.Diagnostics;

namespace BackCareSite.Tests.Content;

/// <summary>
/// The preview's listing of a content folder, brought up to date from the changed paths: after every
/// change it is the listing a new walk of the folder gives, with the same diagnostics, and the folder is
/// walked again only for what an update cannot follow (a new folder, a link).
/// </summary>
public sealed class ParseCacheListingTests : IDisposable
{
    private readonly DirectoryInfo _root = Directory.CreateTempSubdirectory("bcs-listing-");
    private readonly ParseCache _cache = new();
    private int _walks;

    public void Dispose() => _root.Delete(recursive: true);

    private string Articles => Path.Combine(_root.FullName, "articles");

    private void Write(string relative)
    {
        var full = Path.Combine(_root.FullName, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        File.WriteAllText(full, "x");
    }

    /// <summary>The cache's listing and a new walk's, with their diagnostics, after <paramref name="changed"/>.</summary>
    private void AssertListedAsANewWalk(params string[] changed)
    {
        foreach (var path in changed)
        {
            _cache.Changed(path);
        }

        var cachedBag = new DiagnosticBag(_root.FullName);
        var cached = _cache.Listing(_root.FullName, "articles", bag =>
        {
            _walks++;
            return FileTree.Files(_root.FullName, Articles, bag);
        }, cachedBag);
        var walkedBag = new DiagnosticBag(_root.FullName);
        var walked = FileTree.Files(_root.FullName, Articles, walkedBag);

        Assert.Equal(walked, cached);
        Assert.Equal(walkedBag.Sorted(), cachedBag.Sorted());
    }

    [Fact]
    public void AddedChangedAndDeletedFilesAreFollowedWithoutWalkingTheFolderAgain()
    {
        Write("articles/a.md");
        Write("articles/b.md");
        Write("articles/sub/c.md");
        AssertListedAsANewWalk();
        Assert.Equal(1, _walks);

        Write("articles/0.md");
        AssertListedAsANewWalk("articles/0.md");
        File.Delete(Path.Combine(Articles, "b.md"));
        AssertListedAsANewWalk("articles/b.md", "articles/a.md");
        Write("articles/.a.md.swp");
        AssertListedAsANewWalk("articles/.a.md.swp");
        Directory.Delete(Path.Combine(Articles, "sub"), recursive: true);
        AssertListedAsANewWalk("articles/sub");
        Write("site.yml");
        AssertListedAsANewWalk("site.yml");

        Assert.Equal(1, _walks);
    }

    [Fact]
    public void ANewFolderOrALinkIsWalkedAgainAndReported()
    {
        Write("articles/a.md");
        Write("articles/sub/c.md");
        AssertListedAsANewWalk();

        Directory.Move(Path.Combine(Articles, "sub"), Path.Combine(Articles, "moved"));
        AssertListedAsANewWalk("articles/sub", "articles/moved");
        Assert.Equal(2, _walks);

        File.CreateSymbolicLink(Path.Combine(Articles, "leak.md"), Path.Combine(_root.FullName, "secret"));
        AssertListedAsANewWalk("articles/leak.md");
        Assert.Equal(3, _walks);

        // A listing that reported something is not kept: the next one walks again, and reports again.
        AssertListedAsANewWalk();
        Assert.Equal(4, _walks);
    }
}
