using BackCareSite.Diagnostics;
using BackCareSite.Links;
using BackCareSite.Markdown;
using BackCareSite.Output;

namespace BackCareSite.Tests.Links;

/// <summary>
/// serve's link check keeps every page's scan for later checks, but only the links whose check depends on the site's files
/// or finds something (docs/serve.md, "Session 12"); it finds what checking every link finds, also after the base URL changes.
/// </summary>
public sealed class KeptLinkCheckTests
{
    private const string Page = """
        <!DOCTYPE html><html lang="en"><head><title>A</title></head><body>
        <h2 id="here">Here</h2>
        <a href="https://other.example/page/">other site</a>
        <a href="https://new.example/gone/">the new base URL's</a>
        <a href="mailto:clinic@example.org">mail</a>
        <a href="mailto:">no address</a>
        <a href="tel:+441632960000">call</a>
        <a href="#here">here</a>
        <a href="#nowhere">nowhere</a>
        <a href="/b/">b</a>
        <a href="/b/#there">b, there</a>
        <a href="/missing/">missing</a>
        <img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=" alt="">
        </body></html>
        """;

    private const string Other = """<!DOCTYPE html><html lang="en"><head><title>B</title></head><body><p id="there">B</p></body></html>""";

    private static readonly SiteIndex Files = new(["a/index.html", "b/index.html"]);

    private static List<string> Check(BuildLinkCheck check, string baseUrl)
    {
        var diagnostics = new DiagnosticBag();
        check.Run(Files, "public", baseUrl, new Dictionary<string, IReadOnlyList<LinkOrigin>>(), diagnostics);
        return DiagnosticBag.Sort(diagnostics.Items).Select(d => d.ToString()).ToList();
    }

    private static List<string> CheckEveryLink(string baseUrl)
    {
        var check = new BuildLinkCheck(keepResults: true);
        check.Add(new OutputFile("a/index.html", Page));
        check.Add(new OutputFile("b/index.html", Other));
        return Check(check, baseUrl);
    }

    [Fact]
    public void AKeptScanHoldsOnlyTheLinksWhoseCheckCanFindSomethingAndFindsWhatCheckingEveryLinkFinds()
    {
        var scan = PageScanner.Scan("a/index.html", Page, new StringPool(), linksInPool: false);
        var resolver = new UrlResolver("https://old.example");
        var kept = scan.Links.Where(link => BuildLinkCheck.Matters(scan, link, resolver)).Select(l => l.Url).ToList();
        Assert.Equal(["mailto:", "#nowhere", "/b/", "/b/#there", "/missing/"], kept);

        var check = new BuildLinkCheck(keepResults: true);
        var texts = new Dictionary<string, string> { ["a/index.html"] = Page, ["b/index.html"] = Other };
        check.KeepFor("https://old.example", path => texts.GetValueOrDefault(path));
        check.Add(new OutputFile("a/index.html", Page));
        check.Add(new OutputFile("b/index.html", Other));
        var found = Check(check, "https://old.example");

        Assert.Equal(CheckEveryLink("https://old.example"), found);
        Assert.Equal(3, found.Count); // mailto: without an address, #nowhere, /missing/
    }

    [Fact]
    public void AScanSortedUnderAnotherBaseUrlIsMadeAgainFromItsPage()
    {
        // Under the old base URL, https://new.example/gone/ is another site's (not kept); under the new one it is a missing page.
        var check = new BuildLinkCheck(keepResults: true);
        var texts = new Dictionary<string, string> { ["a/index.html"] = Page, ["b/index.html"] = Other };
        check.KeepFor("https://old.example", path => texts.GetValueOrDefault(path));
        check.Add(new OutputFile("a/index.html", Page));
        check.Add(new OutputFile("b/index.html", Other));
        Assert.Equal(3, Check(check, "https://old.example").Count);

        check.KeepFor("https://new.example", path => texts.GetValueOrDefault(path));
        var found = Check(check, "https://new.example");

        Assert.Equal(CheckEveryLink("https://new.example"), found);
        Assert.Contains(found, d => d.Contains("https://new.example/gone/", StringComparison.Ordinal));
    }

    [Fact]
    public void AKeptScansLinksComeBackAsTheyWereScanned()
    {
        // Far down a long page and far along a long line (numbers over a byte), an image's srcset (two links on one line).
        var lines = Enumerable.Range(0, 300).Select(n => n % 50 == 0 ? $"<p>{new string(' ', n * 3)}<a href=\"/p/{n}/\">{n}</a></p>" : "<p>text</p>");
        var html = $"<!DOCTYPE html><html lang=\"en\"><head><title>A</title></head><body>\n{string.Join('\n', lines)}\n"
            + "<img src=\"/a.png\" srcset=\"/a-480.png 480w, /a-960.png 960w\" alt=\"\"><a href=\"/p/0/\">again</a></body></html>";
        var scan = PageScanner.Scan("a/index.html", html, new StringPool(), linksInPool: false);
        var scanned = scan.Links.ToList();
        Assert.True(scanned.Count >= 9, $"{scanned.Count} links");
        Assert.Contains(scanned, l => l.Line > 200 && l.Column > 300);

        scan.KeepOnly(_ => true, "https://example.org");

        Assert.Equal(scanned, scan.Links.ToList());
        Assert.Equal(scanned.Count, scan.Links.Count);
        Assert.Equal(scanned[4], scan.Links[4]);
    }

    [Fact]
    public void AKeptScansUrlsStayOutOfThePoolAndItsIdsStayIn()
    {
        // serve keeps a pool for the whole session: a kept link's URL is written out with its scan (held compressed), so the
        // pool holds the pages' ids and element names only (docs/serve.md, "Session 14").
        var pool = new StringPool();
        var scan = PageScanner.Scan("a/index.html", Page, pool, linksInPool: false);
        var scanned = scan.Links.ToList();

        scan.KeepOnly(_ => true, "https://old.example");

        Assert.Equal(scanned, scan.Links.ToList());
        Assert.False(pool.TryGetId("/missing/", out _));
        Assert.False(pool.TryGetId("/b/#there", out _));
        Assert.True(pool.TryGetId("here", out _));
        Assert.True(scan.Anchors.Contains("here"));
    }
}
