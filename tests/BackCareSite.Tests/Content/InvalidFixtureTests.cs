using BackCareSite.Tests.Support;

namespace BackCareSite.Tests.Content;

/// <summary>
/// One invalid site per fault under tests/fixtures/invalid/: each must fail
/// with exit 1, print exactly the diagnostics in its <c>expected.txt</c> (the
/// golden error output: file, line, column, code and message), and leave the
/// previous output untouched. Set BCS_UPDATE_GOLDEN=1 to rewrite the files;
/// review the diff.
/// </summary>
public sealed class InvalidFixtureTests
{
    public static TheoryData<string> Fixtures()
    {
        var data = new TheoryData<string>();
        foreach (var dir in Directory.EnumerateDirectories(Path.Combine(RepoPaths.Fixtures, "invalid")).Order(StringComparer.Ordinal))
        {
            data.Add(Path.GetFileName(dir));
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Fixtures))]
    public void ReportsEveryProblemAtItsFileAndLineAndKeepsTheOldOutput(string fixture)
    {
        var root = Path.Combine(RepoPaths.Fixtures, "invalid", fixture);
        using var site = new TempSite();
        site.Article("existing");
        site.Build().Succeeded();
        var before = site.Snapshot();
        File.Delete(Path.Combine(site.ContentDir, "articles", "existing.md"));
        CopyInto(Path.Combine(root, "content"), site.ContentDir);

        var result = site.Build();

        var actual = string.Join('\n', result.Diagnostics) + "\n";
        var expectedPath = Path.Combine(root, "expected.txt");
        if (Environment.GetEnvironmentVariable("BCS_UPDATE_GOLDEN") == "1")
        {
            File.WriteAllText(expectedPath, actual);
        }

        Assert.False(result.Published);
        Assert.True(result.ErrorCount > 0);
        Assert.Equal(File.ReadAllText(expectedPath).ReplaceLineEndings("\n"), actual);
        Assert.Equal(before.Keys, site.Snapshot().Keys);
        foreach (var (path, bytes) in site.Snapshot())
        {
            Assert.True(bytes.AsSpan().SequenceEqual(before[path]), $"{path} changed after a failed build");
        }
    }

    private static void CopyInto(string from, string to)
    {
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target, overwrite: true);
        }
    }
}
