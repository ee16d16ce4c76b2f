using System.Text;
using System.Xml;
using BackCareSite.Content;
using BackCareSite.Rendering;

namespace BackCareSite.Output;

/// <summary>
/// The site-wide files that are not pages: <c>sitemap.xml</c>, the Atom feed
/// <c>feed.xml</c> and <c>robots.txt</c>. Every URL in them is absolute.
/// This is the one place such files are made.
/// </summary>
internal static class SiteFiles
{
    public const string FeedPath = "feed.xml";
    public const string SitemapPath = "sitemap.xml";

    /// <summary>Articles in the feed, newest first.</summary>
    public const int FeedEntryCount = 20;

    /// <param name="sitemap">False: the sitemap is left out (<c>serve</c> serves it from a <see cref="SitemapMemo"/>, before these).</param>
    public static IEnumerable<OutputFile> Create(SiteContent content, RenderedSite rendered, SiteUrls urls, bool sitemap = true)
    {
        if (sitemap)
        {
            yield return new OutputFile(SitemapPath, Sitemap(rendered.Pages));
        }

        yield return new OutputFile(FeedPath, Feed(content.Settings, rendered.Articles, urls));
        yield return new OutputFile("robots.txt", $"User-agent: *\nAllow: /\n\nSitemap: {urls.Absolute("/" + SitemapPath)}\n");
        yield return RedirectsFile.Create(content, urls);
    }

    /// <summary>Every indexable page (not the 404 page), with its last change when known.</summary>
    public static string Sitemap(IReadOnlyList<PageMeta> pages)
    {
        const string ns = "http://www.sitemaps.org/schemas/sitemap/0.9";
        return Xml(w =>
        {
            w.WriteStartElement("urlset", ns);
            foreach (var page in pages.Where(p => !p.NoIndex))
            {
                w.WriteStartElement("url", ns);
                w.WriteElementString("loc", ns, page.CanonicalUrl);
                if (page.LastModified is { } modified)
                {
                    w.WriteElementString("lastmod", ns, modified.Iso);
                }

                w.WriteEndElement();
            }

            w.WriteEndElement();
        });
    }

    /// <summary>
    /// An Atom feed of the newest articles. Its <c>updated</c> is the latest
    /// change of any article, never the time of the build, so output is reproducible.
    /// </summary>
    public static string Feed(SiteSettings settings, IReadOnlyList<ArticleView> articles, SiteUrls urls)
    {
        const string ns = "http://www.w3.org/2005/Atom";
        var entries = articles.Take(FeedEntryCount).ToList();
        var updated = entries.Count == 0 ? "1970-01-01" : entries.Max(a => a.LastChanged.Iso)!;
        return Xml(w =>
        {
            w.WriteStartElement("feed", ns);
            w.WriteAttributeString("xml", "lang", null, settings.Language);
            w.WriteElementString("title", ns, settings.Title);
            w.WriteElementString("subtitle", ns, $"Articles on back care from {settings.ClinicName}.");
            w.WriteElementString("id", ns, urls.Absolute("/"));
            Link(w, ns, "self", urls.Absolute("/" + FeedPath), "application/atom+xml");
            Link(w, ns, "alternate", urls.Absolute("/"), "text/html");
            w.WriteElementString("updated", ns, Timestamp(updated));
            w.WriteStartElement("author", ns);
            w.WriteElementString("name", ns, settings.ClinicName);
            w.WriteElementString("uri", ns, urls.Absolute("/"));
            w.WriteEndElement();
            foreach (var article in entries)
            {
                var url = urls.Absolute($"/articles/{article.Slug}/");
                w.WriteStartElement("entry", ns);
                w.WriteElementString("title", ns, article.Title);
                w.WriteElementString("id", ns, url);
                Link(w, ns, "alternate", url, "text/html");
                w.WriteElementString("published", ns, Timestamp(article.Date.Iso));
                w.WriteElementString("updated", ns, Timestamp(article.LastChanged.Iso));
                if (article.Author is { } author)
                {
                    w.WriteStartElement("author", ns);
                    w.WriteElementString("name", ns, author);
                    w.WriteEndElement();
                }

                foreach (var tag in article.Tags)
                {
                    w.WriteStartElement("category", ns);
                    w.WriteAttributeString("term", tag.Name);
                    w.WriteEndElement();
                }

                w.WriteElementString("summary", ns, article.Description);
                w.WriteEndElement();
            }

            w.WriteEndElement();
        });
    }

    private static void Link(XmlWriter w, string ns, string rel, string href, string type)
    {
        w.WriteStartElement("link", ns);
        w.WriteAttributeString("rel", rel);
        w.WriteAttributeString("type", type);
        w.WriteAttributeString("href", href);
        w.WriteEndElement();
    }

    /// <summary>An ISO date as an Atom timestamp (midnight UTC).</summary>
    private static string Timestamp(string isoDate) => isoDate + "T00:00:00Z";

    private static string Xml(Action<XmlWriter> write)
    {
        var text = new StringBuilder();
        var settings = new XmlWriterSettings
        {
            Encoding = new UTF8Encoding(false), Indent = true, IndentChars = "  ", NewLineChars = "\n", OmitXmlDeclaration = false,
        };
        using (var writer = XmlWriter.Create(new StringWriterUtf8(text), settings))
        {
            writer.WriteStartDocument();
            write(writer);
            writer.WriteEndDocument();
        }

        return text.Append('\n').ToString();
    }

    /// <summary>A StringWriter that declares UTF-8, so the XML declaration says encoding="utf-8".</summary>
    private sealed class StringWriterUtf8(StringBuilder builder) : StringWriter(builder, System.Globalization.CultureInfo.InvariantCulture)
    {
        public override Encoding Encoding => new UTF8Encoding(false);
    }
}

/// <summary>
/// What a one-off build keeps of each page for the sitemap, from its render to the end of the build: its canonical URL as
/// UTF-8 (without the base URL when it starts with it), its last change (a date view the views share) and whether it is
/// indexed; about 90 bytes a page, where a kept <see cref="PageMeta"/> with its URL and output path took about 330. The
/// pages are read as <see cref="PageMeta"/>s made when read, holding only what <see cref="SiteFiles.Sitemap"/> reads.
/// Each page is set once, from any thread; read once every page is set. With <paramref name="written"/>, the set of the
/// files written (the build's writer's), a page whose URL is its file's folder under the base URL (<c>articles/x/</c> for
/// <c>articles/x/index.html</c>, nearly every page) is kept as its file's number there, with no copy of its URL.
/// </summary>
internal sealed class SitemapPages(int count, string baseUrl, Links.Utf8Set? written = null) : IReadOnlyList<PageMeta>
{
    private const string Index = "index.html";

    private readonly Links.Utf8Set _urls = new();
    // Each page's URL: times four, its number in _urls (plus one when kept without the base URL), or with
    // FromFile its file's number in `written`; -1: no page set.
    private const int FromFile = 2;
    private readonly int[] _url = CreateUnset(count);
    private readonly DateView?[] _modified = new DateView?[count];
    private readonly bool[] _noIndex = new bool[count];

    public int Count => count;

    /// <summary>How many URLs are kept as text (not as a file's number; for tests).</summary>
    internal int UrlsKept => _urls.Count;

    public PageMeta this[int index] => _url[index] < 0
        ? throw new InvalidOperationException($"page {index} of the sitemap was not set")
        : new PageMeta("", "", "", Url(index), "", "") { LastModified = _modified[index], NoIndex = _noIndex[index] };

    /// <summary>Keeps what the sitemap reads of the page at <paramref name="index"/> in the plan.</summary>
    public void Set(int index, PageMeta meta)
    {
        var url = meta.CanonicalUrl;
        var relative = baseUrl.Length > 0 && url.StartsWith(baseUrl, StringComparison.Ordinal);
        var file = meta.OutputPath;
        if (relative && written is not null && file.EndsWith(Index, StringComparison.Ordinal)
            && url.AsSpan(baseUrl.Length).SequenceEqual(file.AsSpan(0, file.Length - Index.Length))
            && written.IndexOf(file) is var fileNumber and >= 0)
        {
            _url[index] = (fileNumber * 4) + FromFile;
        }
        else
        {
            var number = _urls.Add(relative ? url.AsSpan(baseUrl.Length) : url);
            _url[index] = (number * 4) + (relative ? 1 : 0);
        }

        _modified[index] = meta.LastModified;
        _noIndex[index] = meta.NoIndex;
    }

    public IEnumerator<PageMeta> GetEnumerator()
    {
        for (var i = 0; i < count; i++)
        {
            yield return this[i];
        }
    }

    System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();

    private string Url(int index)
    {
        var code = _url[index];
        if ((code & FromFile) != 0)
        {
            var file = written![code >> 2];
            return string.Concat(baseUrl, file.AsSpan(0, file.Length - Index.Length));
        }

        var kept = _urls[code >> 2];
        return (code & 1) == 1 ? baseUrl + kept : kept;
    }

    private static int[] CreateUnset(int count)
    {
        var numbers = new int[count];
        Array.Fill(numbers, -1);
        return numbers;
    }
}

/// <summary>
/// The last sitemap <see cref="SiteFiles.Sitemap"/> made and the pages it was made from (<c>serve</c>): the same
/// text while every page is listed the same (its address, its last change, whether it is indexed). The text is kept
/// only compressed (in serve's temporary file; at 10,000 articles it is 3 MB as a string), the same object while the
/// text is the same, which serve serves as it is.
/// </summary>
internal sealed class SitemapMemo
{
    private IReadOnlyList<PageMeta>? _pages;

    private Rendering.CompressedText? _packed;

    /// <summary>
    /// The sitemap of <paramref name="pages"/> (<see cref="SiteFiles.Sitemap"/>), compressed: the same object as last time
    /// while the pages are listed the same, so it is neither made, compressed nor compared again.
    /// </summary>
    public Rendering.CompressedText Sitemap(IReadOnlyList<PageMeta> pages)
    {
        if (_pages is not { } last || _packed is null || !Same(last, pages))
        {
            _packed = Rendering.CompressedText.Of(SiteFiles.Sitemap(pages));
        }

        _pages = pages;
        return _packed;
    }

    private static bool Same(IReadOnlyList<PageMeta> before, IReadOnlyList<PageMeta> now)
    {
        if (before.Count != now.Count)
        {
            return false;
        }

        for (var i = 0; i < now.Count; i++)
        {
            var (a, b) = (before[i], now[i]);
            if (!ReferenceEquals(a, b) && (a.NoIndex != b.NoIndex || a.CanonicalUrl != b.CanonicalUrl || a.LastModified?.Iso != b.LastModified?.Iso))
            {
                return false;
            }
        }

        return true;
    }
}
