using AngleSharp.Dom;
using AngleSharp.Html.Parser;
using AngleSharp.Html.Parser.Tokens.Struct;
using BackCareSite.Diagnostics;

namespace BackCareSite.Links;

/// <summary>A URL found in a page: the attribute's value, the element and attribute, and the element's position.</summary>
internal readonly record struct LinkRef(string Url, string Element, string Attribute, int Line, int Column)
{
    /// <summary>How a message names the link: <c>link</c>, <c>image</c>, or <c>&lt;video poster&gt;</c>.</summary>
    public string What => (Element, Attribute) switch
    {
        ("a" or "area", "href") => "link",
        ("img", "src" or "srcset") => "image",
        ("link", "href") => "<link href>",
        _ => $"<{Element} {Attribute}>",
    };
}

/// <summary>A problem found while scanning one page, before any link is resolved.</summary>
internal readonly record struct PageProblem(string Code, int Line, int Column, string Message);

/// <summary>What one page holds for the checker: its ids, its links, and its own problems. The DOM is not kept.</summary>
internal sealed class PageScan(string path)
{
    public string Path { get; } = path;

    /// <summary>Every <c>id</c>, and every <c>name</c> of an <c>&lt;a&gt;</c> (browsers scroll to both).</summary>
    public HashSet<string> Anchors { get; } = new(StringComparer.Ordinal);

    public List<LinkRef> Links { get; } = [];

    public List<PageProblem> Problems { get; } = [];
}

/// <summary>
/// Parses a page once with AngleSharp (keeping source positions) and collects every URL a browser
/// would load or follow: <c>href</c>, <c>src</c>, each <c>srcset</c> candidate, <c>poster</c>,
/// <c>&lt;object data&gt;</c>, <c>&lt;meta http-equiv=refresh&gt;</c>; every id; and the page's own
/// problems (an image without <c>alt</c>, a duplicate id, an empty <c>src</c>, a malformed <c>srcset</c>).
/// </summary>
internal static class PageScanner
{
    /// <summary>
    /// A parser that keeps source positions and, for speed, builds no text, comment or script nodes and
    /// keeps only the attributes the checker reads (a third less work per page, measured on the benchmark).
    /// One per thread: a parser is not thread-safe.
    /// </summary>
    public static HtmlParser CreateParser() => new(new HtmlParserOptions
    {
        IsKeepingSourceReferences = true,
        SkipDataText = true,
        SkipComments = true,
        SkipScriptText = true,
        SkipRawText = true,
        SkipRCDataText = true,
        SkipCDATA = true,
        SkipPlaintext = true,
        SkipProcessingInstructions = true,
        ShouldEmitAttribute = IsReadAttribute,
    });

    /// <summary>The attributes <see cref="Scan"/> reads; the parser drops every other one.</summary>
    private static bool IsReadAttribute(ref StructHtmlToken token, ReadOnlyMemory<char> name)
    {
        var s = name.Span;
        return s.Length switch
        {
            2 => s.SequenceEqual("id"),
            3 => s.SequenceEqual("src") || s.SequenceEqual("alt") || s.SequenceEqual("rel"),
            4 => s.SequenceEqual("href") || s.SequenceEqual("name") || s.SequenceEqual("data"),
            6 => s.SequenceEqual("srcset") || s.SequenceEqual("poster"),
            7 => s.SequenceEqual("content"),
            10 => s.SequenceEqual("http-equiv") || s.SequenceEqual("xlink:href"),
            _ => false,
        };
    }

    public static PageScan Scan(HtmlParser parser, string path, string html)
    {
        var scan = new PageScan(path);
        var document = parser.ParseDocument(html);
        Dictionary<string, int>? firstIdLine = null;
        foreach (var element in document.All)
        {
            if (element.Attributes.Length == 0)
            {
                if (element.LocalName == "img")
                {
                    var (l, c) = Position(element);
                    scan.Problems.Add(new PageProblem(ErrorCodes.LinkImageWithoutAlt, l, c,
                        "<img> has no alt attribute; describe the picture in alt, or write alt=\"\" when it is only decoration"));
                }

                continue;
            }

            var (line, column) = Position(element);
            var name = element.LocalName;
            var id = element.Id;
            if (!string.IsNullOrEmpty(id))
            {
                firstIdLine ??= new Dictionary<string, int>(StringComparer.Ordinal);
                if (!firstIdLine.TryAdd(id, line))
                {
                    scan.Problems.Add(new PageProblem(ErrorCodes.LinkDuplicateId, line, column,
                        $"id `{id}` is used twice on this page (first on line {firstIdLine[id]}); a link to #{id} always goes to the first, so give each its own id"));
                }

                scan.Anchors.Add(id);
            }

            switch (name)
            {
                case "a":
                    var anchorName = element.GetAttribute("name");
                    if (!string.IsNullOrEmpty(anchorName))
                    {
                        scan.Anchors.Add(anchorName);
                    }

                    break;
                case "img":
                    if (!element.HasAttribute("alt"))
                    {
                        scan.Problems.Add(new PageProblem(ErrorCodes.LinkImageWithoutAlt, line, column,
                            "<img> has no alt attribute; describe the picture in alt, or write alt=\"\" when it is only decoration"));
                    }

                    break;
                case "link":
                    var rel = element.GetAttribute("rel");
                    if (rel is not null && (rel.Contains("preconnect", StringComparison.OrdinalIgnoreCase) || rel.Contains("dns-prefetch", StringComparison.OrdinalIgnoreCase)))
                    {
                        // An origin to connect to early, not a resource.
                        continue;
                    }

                    break;
                case "meta":
                    if (string.Equals(element.GetAttribute("http-equiv"), "refresh", StringComparison.OrdinalIgnoreCase)
                        && RefreshUrl(element.GetAttribute("content")) is { } target)
                    {
                        scan.Links.Add(new LinkRef(target, "meta", "http-equiv=refresh", line, column));
                    }

                    continue;
                case "object":
                    Add(scan, element, "data", line, column, emptyIsProblem: true);
                    break;
            }

            Add(scan, element, "href", line, column, emptyIsProblem: false);
            Add(scan, element, "src", line, column, emptyIsProblem: true);
            Add(scan, element, "poster", line, column, emptyIsProblem: true);
            Add(scan, element, "xlink:href", line, column, emptyIsProblem: false);
            var srcset = element.GetAttribute("srcset");
            if (srcset is not null)
            {
                var candidates = UrlSyntax.ParseSrcset(srcset);
                if (candidates.Count == 0)
                {
                    scan.Problems.Add(new PageProblem(ErrorCodes.LinkMalformedUrl, line, column, $"<{name} srcset> is empty; remove it or list the image files"));
                }

                foreach (var candidate in candidates)
                {
                    if (candidate.Problem is not null)
                    {
                        scan.Problems.Add(new PageProblem(ErrorCodes.LinkMalformedUrl, line, column, $"<{name} srcset>: {candidate.Problem}"));
                    }

                    scan.Links.Add(new LinkRef(candidate.Url, name, "srcset", line, column));
                }
            }
        }

        return scan;
    }

    private static void Add(PageScan scan, IElement element, string attribute, int line, int column, bool emptyIsProblem)
    {
        var value = element.GetAttribute(attribute);
        if (value is null)
        {
            return;
        }

        if (emptyIsProblem && UrlResolver.Clean(value).Length == 0)
        {
            // An empty src makes the browser request the page itself as an image, script or video.
            scan.Problems.Add(new PageProblem(ErrorCodes.LinkMalformedUrl, line, column,
                $"<{element.LocalName} {attribute}> is empty; give the file's address or remove the attribute"));
            return;
        }

        scan.Links.Add(new LinkRef(value, element.LocalName, attribute, line, column));
    }

    /// <summary>The URL of <c>content="5; url=/next/"</c>, or null when the refresh only reloads.</summary>
    internal static string? RefreshUrl(string? content)
    {
        if (content is null)
        {
            return null;
        }

        var separator = content.IndexOfAny([';', ',']);
        if (separator < 0)
        {
            return null;
        }

        var rest = content[(separator + 1)..].Trim();
        if (rest.StartsWith("url", StringComparison.OrdinalIgnoreCase))
        {
            var equals = rest.IndexOf('=');
            if (equals >= 0 && rest[3..equals].Trim().Length == 0)
            {
                rest = rest[(equals + 1)..].Trim();
            }
        }

        if (rest.Length >= 2 && (rest[0] is '\'' or '"') && rest[^1] == rest[0])
        {
            rest = rest[1..^1];
        }

        return rest.Length == 0 ? null : rest;
    }

    private static (int Line, int Column) Position(IElement element)
    {
        var position = element.SourceReference?.Position;
        return position is { Line: > 0 } p ? (p.Line, p.Column) : (1, 1);
    }
}
