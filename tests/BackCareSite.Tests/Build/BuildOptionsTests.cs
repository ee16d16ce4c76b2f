using BackCareSite.Build;
using BackCareSite.Cli;

namespace BackCareSite.Tests.Build;

/// <summary>
/// Folders made full paths when the working directory cannot be read (a shell left in a deleted folder):
/// <c>DisplayRoot</c> is then null. A relative folder used to reach <c>Path.GetFullPath</c>, which reads the
/// working directory: <c>build</c> stopped with "internal error" and <c>serve</c> with "cannot listen on
/// 127.0.0.1:0: Unable to find the specified file".
/// </summary>
public sealed class BuildOptionsTests
{
    private static readonly string Root = Path.GetFullPath(Path.Combine(Path.GetTempPath(), "bcs-options"));

    private static BuildOptions Unreadable(string outDir) => new()
    {
        DisplayRoot = null,
        ContentDir = Path.Combine(Root, "content"),
        TemplatesDir = Path.Combine(Root, "templates"),
        OutDir = outDir,
    };

    [Fact]
    public void ARelativeOutputFolderIsAUsageErrorNamingTheOption()
    {
        var ex = Assert.Throws<UsageException>(() => Unreadable("public").Resolved());
        Assert.Contains("working directory cannot be read", ex.Message);
        Assert.Contains("`public`", ex.Message);
        Assert.Contains("`--out`", ex.Message);
    }

    [Fact]
    public void ARelativeContentFolderNamesItsOwnOption()
    {
        var ex = Assert.Throws<UsageException>(() => (Unreadable(Path.Combine(Root, "public")) with { ContentDir = "content" }).Resolved());
        Assert.Contains("`--content`", ex.Message);
    }

    [Fact]
    public void FullPathsNeedNoWorkingDirectory()
    {
        var resolved = Unreadable(Path.Combine(Root, "public")).Resolved();
        Assert.Equal(Path.Combine(Root, "content"), resolved.ContentDir);
        Assert.Equal(Path.Combine(Root, "public"), resolved.OutDir);
    }

    [Fact]
    public void ServeKeepsARelativeOutputFolderItNeverWrites()
    {
        var resolved = Unreadable("public").Resolved(outDirUsed: false);
        Assert.Equal("public", resolved.OutDir);
        Assert.Equal(Path.Combine(Root, "templates"), resolved.TemplatesDir);

        // With a readable working directory serve resolves it as build does.
        var readable = Unreadable("public") with { DisplayRoot = Root };
        Assert.Equal(Path.Combine(Root, "public"), readable.Resolved(outDirUsed: false).OutDir);
    }
}
