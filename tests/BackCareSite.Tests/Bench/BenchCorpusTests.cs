using BackCareSite.Bench;
using BackCareSite.Tests.Support;

namespace BackCareSite.Tests.Bench;

/// <summary>The benchmark's corpus must stay a valid site in the content schema, and be the same every time.</summary>
public sealed class BenchCorpusTests
{
    [Fact]
    public void ASmallCorpusBuildsWithoutASingleError()
    {
        using var site = new TempSite(withDefaults: false);
        new Corpus(articles: 60, exercises: 12, seed: 1).Write(site.ContentDir);

        var result = site.Build();

        result.Succeeded();
        Assert.True(result.PageCount > 72, $"only {result.PageCount} pages");
        Assert.True(File.Exists(Path.Combine(site.OutDir, "articles", "page", "2", "index.html")), "the article index should paginate");
    }

    [Fact]
    public void TheSameSizeAndSeedGiveTheSameBytes()
    {
        var a = Directory.CreateTempSubdirectory("bcs-corpus-a-").FullName;
        var b = Directory.CreateTempSubdirectory("bcs-corpus-b-").FullName;
        try
        {
            new Corpus(30, 8, seed: 7).Write(a);
            new Corpus(30, 8, seed: 7).Write(b);

            var files = Directory.EnumerateFiles(a, "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(a, f)).Order().ToList();
            Assert.Equal(30 + 8 + 3 + 3, files.Count);
            foreach (var file in files)
            {
                Assert.Equal(File.ReadAllBytes(Path.Combine(a, file)), File.ReadAllBytes(Path.Combine(b, file)));
            }
        }
        finally
        {
            Directory.Delete(a, recursive: true);
            Directory.Delete(b, recursive: true);
        }
    }
}
