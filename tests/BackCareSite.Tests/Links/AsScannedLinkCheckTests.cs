using BackCareSite.Diagnostics;
using BackCareSite.Links;
using BackCareSite.Output;

namespace BackCareSite.Tests.Links;

/// <summary>
/// Issue #19: a one-off build resolves each page's links as the page is scanned and keeps its ids only. What it reports
/// must be what checking every kept link reports, and a site that passes must not be read again.
/// </summary>
public sealed class AsScannedLinkCheckTests
{
    private const string BaseUrl = "https://clinic.example/";

    private const string Target = "<h2 id=\"warm-up\">Warm up</h2><a name=\"old\"></a><p>Gently.</p>";

    [Theory]
    [InlineData("<a href=\"/missing/\">x</a>", ErrorCodes.LinkTargetMissing)]
    [InlineData("<a href=\"/Articles/a/\">x</a>", ErrorCodes.LinkTargetMissing)]
    [InlineData("<a href=\"/articles/a/#warmup\">x</a>", ErrorCodes.LinkFragmentMissing)]
    [InlineData("<a href=\"articles/a/index.html#nope\">x</a>", ErrorCodes.LinkFragmentMissing)]
    [InlineData("<a href=\"#nope\">x</a>", ErrorCodes.LinkFragmentMissing)]
    [InlineData("<a href=\"mailto:\">x</a>", ErrorCodes.LinkMalformedMailto)]
    [InlineData("<a href=\"tel:\">x</a>", ErrorCodes.LinkMalformedTel)]
    [InlineData("<a href=\"../../up/\">x</a>", ErrorCodes.LinkOutsideSite)]
    [InlineData("<a href=\"/articles/a/source.md\">x</a>", ErrorCodes.LinkToMarkdownSource)]
    [InlineData("<p id=\"twice\"></p><p id=\"twice\"></p>", null)]
    [InlineData("<img src=\"/media/back.png\">", null)]
    public void Finds_what_checking_every_kept_link_finds(string html, string? code)
    {
        using var folder = new Folder();
        var pages = new[]
        {
            new OutputFile("index.html", Page("<p id=\"here\"></p><a href=\"/articles/a/#warm-up\">fine</a><a href=\"#top\">top</a>" + html)),
            new OutputFile("articles/a/index.html", Page(Target + "<a href=\"/#here\">home</a>")),
        };
        var writer = new OutputWriter(folder.Path);
        foreach (var page in pages)
        {
            writer.Write(page);
        }

        writer.Write(new OutputFile("media/back.png", "not really a picture"));
        writer.Write(new OutputFile("style.css", "p {}"));
        var files = new SiteIndex(writer.Written);

        var kept = Check(new BuildLinkCheck(pool: new StringPool()), pages, files);
        var read = 0;
        var asScanned = Check(
            new BuildLinkCheck(pool: new StringPool(), asScanned: new AsScanned(BaseUrl, path =>
            {
                Interlocked.Increment(ref read);
                return File.ReadAllText(System.IO.Path.Combine(folder.Path, path));
            })),
            pages,
            files);

        // The case's own finding, and only that: the pages around it pass.
        Assert.NotEmpty(kept);
        Assert.All(kept, d => Assert.Equal("public/index.html", d.Path));
        if (code is not null)
        {
            Assert.All(kept, d => Assert.Equal(code, d.Code));
        }

        Assert.Equal(Shown(kept), Shown(asScanned));
        Assert.Equal(pages.Length, read);

        // A build keeps each page's ids by its number in the writer's set of the files written (no set of the pages' own):
        // the same findings, the pages counted without the other files.
        using var again = new Folder();
        var written = new Utf8Set();
        var sharing = new OutputWriter(again.Path, written);
        sharing.Write(new OutputFile("media/back.png", "not really a picture"));
        foreach (var page in pages)
        {
            sharing.Write(page);
        }

        sharing.Write(new OutputFile("style.css", "p {}"));
        var shared = Check(
            new BuildLinkCheck(pool: new StringPool(), asScanned: new AsScanned(BaseUrl, path => File.ReadAllText(System.IO.Path.Combine(again.Path, path))) { Written = written }),
            pages,
            sharing.Index());
        Assert.Equal(Shown(kept), Shown(shared));
        Assert.Equal(4, written.Count);
    }

    [Fact]
    public void A_site_that_passes_is_not_read_again_and_its_scans_keep_no_links()
    {
        var pages = new[]
        {
            new OutputFile("index.html", Page(
                "<a href=\"/articles/a/#warm-up\">fine</a><a href=\"articles/a/#old\">name</a><a href=\"#top\">top</a><a href=\"#\">here</a>"
                + "<a href=\"https://elsewhere.example/x\">out</a><a href=\"https://clinic.example/articles/a/\">own</a>"
                + "<a href=\"mailto:desk@clinic.example\">mail</a><a href=\"tel:+442079460000\">call</a><a href=\"data:text/plain,x\">d</a>"
                + "<img src=\"/media/back.png\" alt=\"A back\">")),
            new OutputFile("articles/a/index.html", Page(Target + "<a href=\"../../#top\">home</a>")),
        };
        var check = new BuildLinkCheck(pool: new StringPool(), asScanned: new AsScanned(BaseUrl, _ => throw new InvalidOperationException("read again")));

        var found = Check(check, pages, new SiteIndex(["index.html", "articles/a/index.html", "media/back.png", "style.css"]));

        Assert.Empty(found);
        Assert.Equal(2, check.Checked);
    }

    [Fact]
    public void Ids_kept_in_the_writers_set_count_the_pages_only_and_find_their_fragments()
    {
        using var folder = new Folder();
        var written = new Utf8Set();
        var writer = new OutputWriter(folder.Path, written);
        writer.Write(new OutputFile("media/back.png", "not really a picture"));
        var pages = new[]
        {
            new OutputFile("index.html", Page("<a href=\"/articles/a/#warm-up\">fine</a><a href=\"/media/back.png#x\">file</a><a href=\"#top\">top</a>")),
            new OutputFile("articles/a/index.html", Page(Target + "<a href=\"../../#top\">home</a>")),
        };
        var check = new BuildLinkCheck(pool: new StringPool(), asScanned: new AsScanned(BaseUrl, _ => throw new InvalidOperationException("read again")) { Written = written });
        foreach (var page in pages)
        {
            writer.Write(page);
            check.Add(page);
        }

        writer.Write(new OutputFile("style.css", "p {}"));
        var diagnostics = new DiagnosticBag();
        check.Run(writer.Index(), "public", BaseUrl, new Dictionary<string, IReadOnlyList<BackCareSite.Markdown.LinkOrigin>>(), diagnostics);

        Assert.Empty(diagnostics.Sorted());
        Assert.Equal(2, check.Checked);
        Assert.Equal(4, written.Count);
    }

    [Fact]
    public void A_page_scanned_and_resolved_leaves_none_of_its_URLs_in_the_pool()
    {
        // A build's pool lives to its end: a page's own URLs (its address, its feedback mailto:) would stay there for every page.
        var pool = new StringPool();
        var check = new BuildLinkCheck(pool: pool, asScanned: new AsScanned(BaseUrl, _ => throw new InvalidOperationException("read again")));

        check.Add(new OutputFile("articles/a/index.html", Page(Target
            + "<a href=\"/articles/b/\">b</a><a href=\"https://clinic.example/articles/a/\">own</a><img src=\"/media/a.png\" alt=\"A\">"
            + "<a href=\"mailto:desk@clinic.example?subject=Feedback%20on%20a\">feedback</a>")));

        foreach (var url in new[] { "/style.css", "/articles/b/", "https://clinic.example/articles/a/", "/media/a.png", "mailto:desk@clinic.example?subject=Feedback%20on%20a" })
        {
            Assert.False(pool.TryGetId(url, out _), url);
        }
    }

    [Fact]
    public void A_missing_file_that_a_link_needs_is_found_once_every_file_is_written()
    {
        // The target is written after the page that links to it was scanned: only the index at the end decides.
        var pages = new[] { new OutputFile("index.html", Page("<a href=\"/sitemap.xml\">map</a><a href=\"/feed.xml\">feed</a>")) };
        using var folder = new Folder();
        var writer = new OutputWriter(folder.Path);
        writer.Write(pages[0]);
        var check = new BuildLinkCheck(pool: new StringPool(), asScanned: new AsScanned(BaseUrl, path => File.ReadAllText(System.IO.Path.Combine(folder.Path, path))));

        var found = Check(check, pages, new SiteIndex(["index.html", "sitemap.xml", "style.css"]));

        var missing = Assert.Single(found);
        Assert.Equal(ErrorCodes.LinkTargetMissing, missing.Code);
        Assert.Contains("feed.xml", missing.Message, StringComparison.Ordinal);
    }

    private static string Page(string body) =>
        "<!doctype html>\n<html lang=\"en\">\n<head><title>t</title><link href=\"/style.css\" rel=\"stylesheet\"></head>\n<body>\n" + body + "\n</body>\n</html>\n";

    private static IReadOnlyList<Diagnostic> Check(BuildLinkCheck check, IEnumerable<OutputFile> pages, SiteIndex files)
    {
        foreach (var page in pages)
        {
            check.Add(page);
        }

        var diagnostics = new DiagnosticBag();
        check.Run(files, "public", BaseUrl, new Dictionary<string, IReadOnlyList<BackCareSite.Markdown.LinkOrigin>>(), diagnostics);
        return diagnostics.Sorted();
    }

    private static string[] Shown(IEnumerable<Diagnostic> diagnostics) => [.. diagnostics.Select(d => d.ToString())];

    private sealed class Folder : IDisposable
    {
        public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "bcs-as-scanned-" + Guid.NewGuid().ToString("N"));

        public void Dispose()
        {
            if (Directory.Exists(Path))
            {
                Directory.Delete(Path, true);
            }
        }
    }
}
