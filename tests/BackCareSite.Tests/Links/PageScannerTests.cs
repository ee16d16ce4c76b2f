using BackCareSite.Links;
using BackCareSite.Tests.Support;

namespace BackCareSite.Tests.Links;

/// <summary>
/// The span scanner (<see cref="HtmlTagScanner"/>) against AngleSharp's tokenizer, the oracle: for every page it
/// reads, the same links, ids and problems at the same lines and columns; a page it does not read exactly is left
/// to AngleSharp (it returns null), never read differently.
/// </summary>
public sealed class PageScannerTests(SampleSite sample) : IClassFixture<SampleSite>
{
    [Fact]
    public void Every_page_of_the_sample_site_is_read_by_the_span_scanner_with_the_oracles_result()
    {
        var files = sample.HtmlFiles().Concat(Directory.EnumerateFiles(Path.Combine(sample.OutDir, "admin"), "*.html")
            .Select(f => Path.GetRelativePath(sample.OutDir, f))).ToList();
        Assert.True(files.Count > 10);
        foreach (var file in files)
        {
            var html = sample.Read(file);
            var fast = HtmlTagScanner.TryScan(file, html, pool: null);
            Assert.True(fast is not null, $"{file} was left to AngleSharp");
            AssertSame(PageScanner.ScanWithAngleSharp(file, html), fast, file);
        }
    }

    public static TheoryData<string, bool> Pages => new()
    {
        // Attributes: quoting, case, spacing, duplicates, character references, unread attributes with anything in them.
        { "<p><a href=/a/ id=one>x</a><A HREF=\"/b/\" ID='two'>y</A><a\thref\n=\n'/c/'\fname=three>z</a></p>", true },
        { "<a href=\"/first/\" href=\"/second/\" id=x id=y>a</a><img src=a.png alt alt=b>", true },
        { "<a href=\"/a/?x=1&amp;y=2&lt;&gt;&quot;&apos;&#38;&#x26;&#233;&nbsp;\">a</a>", true },
        { "<a title=\"&copy; &bogus; & &#; &#x;\" href=/ok/>a</a>", true },
        { "<img src=\"a.png\" alt=\"Tom &amp; Jerry &mdash; x\"><img src=b.png>", true },
        { "<a href=\"/a/\"title=x>a</a><a href='/b/'/><br/><img/src=c.png/alt=d>", true },
        { "<a href=>x</a><img src= alt=\"\"><img src=\"\" alt=''><video poster=\" \"></video><object data=''></object>", true },
        { "<a href=\"/a/\" data-x=\"<b>\" class='a>b'>x</a><div title=\"--> <!-- </script>\" id=\"d\"></div>", true },
        { "<a HREF=/UPPER/ Id=MiXeD>x</a><SCRIPT SRC=/s.js></SCRIPT><Img Src=p.png Alt=\"\">", true },
        { "<img srcset=\"a.png 1x, b.png 2x\" src=a.png alt=\"\"><source srcset=\"\"><img srcset=\"a.png 1q\" alt=\"\">", true },
        { "<meta http-equiv=\"Refresh\" content=\"0; url='/next/'\"><meta http-equiv=refresh content=5><link rel=\"preconnect dns-prefetch\" href=https://x.example><link rel=stylesheet href=/s.css>", true },
        { "<svg><a xlink:href=\"#one\"><use xlink:href=\"/sprite.svg#i\"/></a></svg><area href=/m/ alt=m><iframe src=/f/></iframe>", true },
        { "<a href=\"/a/\" id=\"a\">a</a><p id=\"a\">dup</p><a name=\"n\" id=\"\">x</a><a name=''>y</a>", true },

        // Comments, doctype, bogus comments, stray `<`.
        { "<!DOCTYPE html><!-- <a href=/no/> --><a href=/yes/>x</a><!----><!--><a href=/y2/><!---><a href=/y3/>", true },
        { "<!-- a -- b --!> <a href=/after-bang/> <!-- c ---> <a href=/after-dashes/> <!-- d --- e -->", true },
        { "<!x <a href=/in-bogus/> --><a href=/after/>a</a><? also <a href=/pi/> ><a href=/after-pi/>", true },
        { "<p>1 < 2 and 3<4, a <-arrow, </ p>, </>, </3 <a href=/a/>x</a> <! <a href=/b/></p>", true },
        { "<!doctype HTML><html lang=en><body><p>x</body></html>", true },

        // Text that is not markup: script, style, title, textarea, xmp, iframe, noembed, noframes, plaintext.
        { "<script>var a = '<a href=/no1/>'; if (a < b) {}</script><a href=/yes1/>x</a>", true },
        { "<script type=application/ld+json>{\"u\":\"</scriptx>\"}</SCRIPT ><a href=/yes2/>x</a>", true },
        { "<style>a::after { content: '<a href=/no/>'; }</style><title>A <b href=/no/> title</title><a href=/yes/>x</a>", true },
        { "<textarea><a href=/no/></textarea><xmp><a href=/no/></xmp><noembed><img src=no.png></noembed><noframes><a href=/no/></noframes><a href=/yes/>", true },
        { "<title>never closed <a href=/no/>", true },
        { "<style>a{}</style x=\">\" id=s><a href=/after-end-tag-attributes/>x</a>", true },
        { "<p>x</p><plaintext><a href=/no/></plaintext><a href=/no2/>", true },
        { "<noscript><a href=/noscript/>x</a></noscript>", true },

        // Lines and columns: tabs, astral characters, many lines.
        { "\n\t<a href=/tab/>x</a>\n😀 <a href=/astral/>y</a>\n\n\n      <img src=/no-alt.png>", true },

        // Left to AngleSharp: the scanner must give up on these rather than guess.
        { "<a href=\"/a/?x=1&b=2\">a</a>", false },
        { "<a href=\"/a/&copy;\">a</a>", false },
        { "<a href=\"/a/&#x80;\">a</a>", false },
        { "<a href=\"/a/&#0;\">a</a>", false },
        { "<a href=\"/a/&#65\">a</a>", false },
        { "<script><!-- <script> </script> <a href=/x/> --></script><a href=/y/>", false },
        { "<p><![CDATA[ <a href=/x/> ]]></p><a href=/y/>", false },
        { "<a href=/x/>a</a>\r\n<a href=/y/>b</a>", false },
        { "<a href=/x/>\0</a>", false },
        { "<a href=\"/x/\" \"oops\"=1>a</a>", false },
        { "<a href=/x/ =y>a</a>", false },
        { "<a href=/x/>a</a><img src=\"never-closed", false },
        { "<a href=/x/>a</a><img src=x", false },
        { "<a" + string.Concat(Enumerable.Repeat(" href=/x/", 17)) + ">a</a>", false },
        { "<a" + string.Concat(Enumerable.Repeat(" class=c", 40)) + " href=/many-unread/>a</a>", true },
        { "<!DOCTYPE html PUBLIC \"-//W3C//DTD HTML 4.01//EN\" \"x>y\"><a href=/x/>", false },
    };

    [Theory]
    [MemberData(nameof(Pages))]
    public void Tricky_html_is_read_as_the_oracle_reads_it_or_left_to_it(string html, bool read)
    {
        var fast = HtmlTagScanner.TryScan("index.html", html, pool: null);

        Assert.Equal(read, fast is not null);
        var oracle = PageScanner.ScanWithAngleSharp("index.html", html);
        AssertSame(oracle, fast ?? PageScanner.Scan("index.html", html), html);

        // A build scans each page where the renderer wrote it, in a buffer that holds other pages' characters before and
        // after it: only the page's own are read, at the same lines and columns.
        const string before = "<a href=/junk-before/ id=junk1>\n", after = "<a href=/junk-after/ id=junk2><img src=x";
        var inBuffer = (before + html + after).ToCharArray().AsMemory(before.Length, html.Length);
        var fromBuffer = HtmlTagScanner.TryScan("index.html", inBuffer, pool: null);
        Assert.Equal(read, fromBuffer is not null);
        AssertSame(oracle, fromBuffer ?? PageScanner.Scan("index.html", inBuffer), html);
    }

    [Fact]
    public void A_shared_pool_gives_the_same_scan()
    {
        var html = sample.Read("index.html");
        var pool = new StringPool();

        var first = PageScanner.Scan("index.html", html, pool);
        var second = PageScanner.Scan("index.html", html, pool);

        AssertSame(PageScanner.ScanWithAngleSharp("index.html", html), first, "index.html");
        Assert.All(first.Links.Zip(second.Links), pair => Assert.Same(pair.First.Url, pair.Second.Url));
    }

    private static void AssertSame(PageScan expected, PageScan actual, string what)
    {
        Assert.True(expected.Anchors.ToHashSet().SetEquals(actual.Anchors), $"ids differ in {what}: [{string.Join(' ', expected.Anchors.Order())}] vs [{string.Join(' ', actual.Anchors.Order())}]");
        Assert.Equal(expected.Links, actual.Links);
        Assert.Equal(expected.Problems, actual.Problems);
    }
}
