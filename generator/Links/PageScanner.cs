using AngleSharp.Html;
using AngleSharp.Html.Parser;
using AngleSharp.Html.Parser.Tokens;
using AngleSharp.Html.Parser.Tokens.Struct;
using AngleSharp.Text;
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
/// <param name="pool">Shares the strings this scan keeps with other scans, and holds its links and ids as numbers (null: each scan keeps its own strings).</param>
/// <param name="linksInPool">
/// False for a scan whose links are resolved as soon as it is made and then let go (<see cref="AsScanned"/>): its links are
/// kept as they are, and only its ids (and element names) are the pool's, so that no page's own URLs (its address, its
/// feedback <c>mailto:</c>) stay in the pool for the rest of the build.
/// </param>
internal sealed class PageScan(string path, StringPool? pool = null, bool linksInPool = true)
{
    private bool _linksInPool = linksInPool;

    // Without a pool, the links as they are; with one, each as four numbers (its strings are the pool's).
    private List<LinkRef>? _links;
    private List<PackedLink>? _packed;
    // A kept scan's links (KeepOnly), held compressed (in serve's temporary file, Rendering.TextSpill): each link's URL
    // as UTF-8 text, its element's id in the pool and attribute, its line (from the last link's) and column as varints.
    // Serve keeps every page's links for the whole session; its URLs stay out of the pool (docs/serve.md, "Session 14").
    private Rendering.CompressedText? _kept;
    private int _keptCount;

    public string Path { get; } = path;

    /// <summary>Every <c>id</c>, and every <c>name</c> of an <c>&lt;a&gt;</c> (browsers scroll to both).</summary>
    public AnchorSet Anchors { get; } = new(pool);

    public IReadOnlyList<LinkRef> Links =>
        _kept is not null && Pool is not null ? KeptLinks(_kept, _keptCount, Pool)
        : _packed is not null && Pool is not null ? new PackedLinks(_packed, Pool) : _links ?? (IReadOnlyList<LinkRef>)[];

    public List<PageProblem> Problems { get; } = [];

    internal StringPool? Pool { get; } = pool;

    internal string Keep(string value) => Pool?.Get(value) ?? value;

    // A page links about 45 times (a site's header, footer and article): room for 64 at once rather than growing the
    // list through 4, 8, 16, 32 and 64 (each growth a copy); TrimExcess lets the spare room go once the page is scanned.
    private const int FirstRoom = 64;

    internal void AddLink(string url, string element, string attribute, int line, int column)
    {
        if (Pool is null || !_linksInPool)
        {
            (_links ??= new List<LinkRef>(Pool is null ? 4 : FirstRoom)).Add(new LinkRef(url, element, attribute, line, column));
            return;
        }

        (_packed ??= new List<PackedLink>(FirstRoom)).Add(new PackedLink(Pool.Id(url), (Pool.Id(element) << PackedLink.AttributeBits) | PackedLink.AttributeNumber(attribute), line, column));
    }

    /// <summary>
    /// The base URL the links were sorted under when <see cref="KeepOnly"/> let go of those whose check finds nothing
    /// whatever the site's files (serve's kept scans); null when every link is kept.
    /// </summary>
    internal string? SortedFor { get; private set; }

    /// <summary>
    /// Keeps only the links <paramref name="matters"/> keeps, written out and compressed (a scan made with its links out of
    /// the pool, whose links are kept for later checks: <c>serve</c>'s; their URLs are not added to the pool), remembering
    /// the base URL they were sorted under. <see cref="Links"/> then decodes them at each call.
    /// </summary>
    internal void KeepOnly(Func<LinkRef, bool> matters, string baseUrl)
    {
        var links = _links;
        _links = null;
        _packed = null;
        _kept = null;
        SortedFor = baseUrl;
        if (links is null || Pool is null)
        {
            _links = links?.Where(matters).ToList();
            return;
        }

        var code = new List<byte>(links.Count * 32);
        var count = 0;
        var line = 0;
        foreach (var link in links)
        {
            if (matters(link))
            {
                var url = System.Text.Encoding.UTF8.GetByteCount(link.Url);
                Varint(code, (uint)url);
                var start = code.Count;
                System.Runtime.InteropServices.CollectionsMarshal.SetCount(code, start + url);
                System.Text.Encoding.UTF8.GetBytes(link.Url, System.Runtime.InteropServices.CollectionsMarshal.AsSpan(code)[start..]);
                Varint(code, (uint)((Pool.Id(link.Element) << PackedLink.AttributeBits) | PackedLink.AttributeNumber(link.Attribute)));
                Varint(code, (uint)((link.Line - line) << 1) ^ (uint)((link.Line - line) >> 31));
                Varint(code, (uint)link.Column);
                line = link.Line;
                count++;
            }
        }

        _kept = count == 0 ? null : Rendering.CompressedText.OfBytes(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(code));
        _keptCount = count;
        _linksInPool = true;
    }

    private static void Varint(List<byte> code, uint value)
    {
        Span<byte> bytes = stackalloc byte[Rendering.Varint.MaxLength];
        code.AddRange(bytes[..Rendering.Varint.Write(value, bytes)]);
    }

    /// <summary>Lets go of the links once they are resolved (a one-off build: <see cref="AsScanned"/>); the ids stay.</summary>
    internal void ForgetLinks()
    {
        _links = null;
        _packed = null;
        _kept = null;
    }

    /// <summary>Lets go of the lists' spare room, for a scan kept until every page is written.</summary>
    internal void TrimExcess()
    {
        _links?.TrimExcess();
        _packed?.TrimExcess();
        Anchors.TrimExcess();
    }

    /// <summary>A link as numbers: its URL's and its element's in the pool (the attribute in the element's low bits), line and column.</summary>
    private readonly record struct PackedLink(int Url, int ElementAndAttribute, int Line, int Column)
    {
        public const int AttributeBits = 3;

        private static readonly string[] Attributes = ["href", "src", "srcset", "poster", "xlink:href", "data", "http-equiv=refresh"];

        public static int AttributeNumber(string attribute) =>
            Array.IndexOf(Attributes, attribute) is var i and >= 0 ? i : throw new ArgumentException($"not a link attribute: {attribute}", nameof(attribute));

        public static string Attribute(int elementAndAttribute) => Attributes[elementAndAttribute & ((1 << AttributeBits) - 1)];

        public LinkRef Unpack(StringPool pool) =>
            new(pool[Url], pool[ElementAndAttribute >> AttributeBits], Attribute(ElementAndAttribute), Line, Column);
    }

    /// <summary>The links <see cref="KeepOnly"/> kept, decoded in order (a new array at each call).</summary>
    private static LinkRef[] KeptLinks(Rendering.CompressedText kept, int count, StringPool pool)
    {
        var code = kept.Bytes();
        var links = new LinkRef[count];
        var at = 0;
        var line = 0;
        for (var i = 0; i < count; i++)
        {
            var length = (int)Rendering.Varint.Read(code, ref at);
            var url = System.Text.Encoding.UTF8.GetString(code, at, length);
            at += length;
            var element = (int)Rendering.Varint.Read(code, ref at);
            var delta = Rendering.Varint.Read(code, ref at);
            line += (int)(delta >> 1) ^ -(int)(delta & 1);
            var column = (int)Rendering.Varint.Read(code, ref at);
            links[i] = new LinkRef(url, pool[element >> PackedLink.AttributeBits], PackedLink.Attribute(element), line, column);
        }

        return at == code.Length ? links : throw new InvalidOperationException("a kept scan's links did not decode to their length");
    }

    private sealed class PackedLinks(List<PackedLink> links, StringPool pool) : IReadOnlyList<LinkRef>
    {
        public int Count => links.Count;

        public LinkRef this[int index] => links[index].Unpack(pool);

        public IEnumerator<LinkRef> GetEnumerator()
        {
            foreach (var link in links)
            {
                yield return link.Unpack(pool);
            }
        }

        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
    }
}

/// <summary>
/// A page's ids and <c>&lt;a name&gt;</c>s. With a pool (a build keeps every page's scan until every file is written),
/// each is its number in the pool, in a sorted array: 4 bytes an id, where a set of strings took about 450 bytes a page.
/// </summary>
internal sealed class AnchorSet(StringPool? pool) : IReadOnlyCollection<string>
{
    private readonly HashSet<string>? _names = pool is null ? new(StringComparer.Ordinal) : null;
    private int[] _ids = [];
    private int _count;

    public int Count => _names?.Count ?? _count;

    /// <summary>Adds a name; false when the page already has it.</summary>
    public bool Add(string name)
    {
        if (_names is not null)
        {
            return _names.Add(name);
        }

        var id = pool!.Id(name);
        var at = Array.BinarySearch(_ids, 0, _count, id);
        if (at >= 0)
        {
            return false;
        }

        at = ~at;
        if (_count == _ids.Length)
        {
            Array.Resize(ref _ids, Math.Max(4, _count * 2));
        }

        Array.Copy(_ids, at, _ids, at + 1, _count - at);
        _ids[at] = id;
        _count++;
        return true;
    }

    public bool Contains(string name) => _names?.Contains(name)
        ?? (_count > 0 && pool!.TryGetId(name, out var id) && Array.BinarySearch(_ids, 0, _count, id) >= 0);

    /// <summary>The ids' numbers in the pool, sorted (a new array; only for a set with a pool).</summary>
    internal int[] Numbers() => _names is null ? _ids.AsSpan(0, _count).ToArray() : throw new InvalidOperationException("ids kept as strings have no numbers");

    /// <summary>Lets go of the spare room, for a scan kept until every page is written.</summary>
    internal void TrimExcess()
    {
        _names?.TrimExcess();
        if (_ids.Length != _count)
        {
            Array.Resize(ref _ids, _count);
        }
    }

    public IEnumerator<string> GetEnumerator()
    {
        if (_names is not null)
        {
            foreach (var name in _names)
            {
                yield return name;
            }

            yield break;
        }

        for (var i = 0; i < _count; i++)
        {
            yield return pool![_ids[i]];
        }
    }

    System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
}

/// <summary>
/// Collects from a page every URL a browser would load or follow: <c>href</c>, <c>src</c>, each
/// <c>srcset</c> candidate, <c>poster</c>, <c>&lt;object data&gt;</c>, <c>&lt;meta http-equiv=refresh&gt;</c>;
/// every id; and the page's own problems (an image without <c>alt</c>, a duplicate id, an empty
/// <c>src</c>, a malformed <c>srcset</c>). Pages are read by <see cref="HtmlTagScanner"/>, a scanner
/// over the page's characters; a page with a construct it does not handle exactly as the standard's
/// tokenizer does is read with AngleSharp's tokenizer instead (<see cref="ScanWithAngleSharp"/>, also
/// the tests' oracle). Both hand each start tag to the same <see cref="Tag"/>, so the findings are the same.
/// </summary>
internal static class PageScanner
{
    /// <param name="pool">Where the scan's URLs, ids and element names come from when many scans are kept at once.</param>
    /// <param name="linksInPool">False when the scan's links are let go once resolved (<see cref="AsScanned"/>): its URLs are not added to the pool.</param>
    public static PageScan Scan(string path, string html, StringPool? pool = null, bool linksInPool = true) =>
        HtmlTagScanner.TryScan(path, html, pool, linksInPool) ?? ScanWithAngleSharp(path, html, pool, linksInPool);

    /// <summary>The scan of a page's characters wherever they are (a renderer's reused buffer); a string is made only for AngleSharp.</summary>
    public static PageScan Scan(string path, ReadOnlyMemory<char> html, StringPool? pool = null, bool linksInPool = true) =>
        HtmlTagScanner.TryScan(path, html, pool, linksInPool) ?? ScanWithAngleSharp(path, html.ToString(), pool, linksInPool);

    /// <summary>
    /// Reads a page with AngleSharp's HTML tokenizer (the standard's tokenization, with source
    /// positions; no DOM is built, which is most of a full parse's cost).
    /// </summary>
    internal static PageScan ScanWithAngleSharp(string path, string html, StringPool? pool = null, bool linksInPool = true)
    {
        var scan = new PageScan(path, pool, linksInPool);
        Dictionary<string, int>? firstIdLine = null;
        var tokenizer = new HtmlTokenizer(new TextSource(html), HtmlEntityProvider.Resolver)
        {
            // Only tags matter: text and comments are read past without being built.
            SkipDataText = true,
            SkipComments = true,
            SkipRawText = true,
            SkipRCDataText = true,
            SkipScriptText = true,
            SkipPlaintext = true,
            SkipCDATA = true,
            SkipProcessingInstructions = true,
            ShouldEmitAttribute = IsReadAttribute,
        };
        var lines = new LineCounter(html);
        for (var token = tokenizer.Get(); token.Type != HtmlTokenType.EndOfFile; token = tokenizer.Get())
        {
            if (token is not HtmlTagToken { Type: HtmlTokenType.StartTag } tag)
            {
                continue;
            }

            var name = scan.Keep(tag.Name);
            var (line, column) = lines.At(tag.Position);
            tokenizer.State = TextModeAfter(name) ?? tokenizer.State;
            Tag(scan, name, new TokenAttributes(tag), line, column, ref firstIdLine);
        }

        return scan;
    }

    /// <summary>What the tree builder would do after these start tags: their text is not markup.</summary>
    internal static HtmlParseMode? TextModeAfter(string name) => name switch
    {
        "script" => HtmlParseMode.Script,
        "style" or "xmp" or "iframe" or "noembed" or "noframes" => HtmlParseMode.Rawtext,
        "title" or "textarea" => HtmlParseMode.RCData,
        "plaintext" => HtmlParseMode.Plaintext,
        _ => null,
    };

    /// <summary>What one start tag adds to the scan: its id, its links, its own problems.</summary>
    internal static void Tag<TAttributes>(PageScan scan, string name, TAttributes attributes, int line, int column, ref Dictionary<string, int>? firstIdLine)
        where TAttributes : ITagAttributes
    {
        if (attributes.Count == 0)
        {
            if (name == "img")
            {
                scan.Problems.Add(new PageProblem(ErrorCodes.LinkImageWithoutAlt, line, column,
                    "<img> has no alt attribute; describe the picture in alt, or write alt=\"\" when it is only decoration"));
            }

            return;
        }

        var id = attributes.Get("id");
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
                var anchorName = attributes.Get("name");
                if (!string.IsNullOrEmpty(anchorName))
                {
                    scan.Anchors.Add(anchorName);
                }

                break;
            case "img":
                if (!attributes.Has("alt"))
                {
                    scan.Problems.Add(new PageProblem(ErrorCodes.LinkImageWithoutAlt, line, column,
                        "<img> has no alt attribute; describe the picture in alt, or write alt=\"\" when it is only decoration"));
                }

                break;
            case "link":
                var rel = attributes.Get("rel");
                if (rel is not null && (rel.Contains("preconnect", StringComparison.OrdinalIgnoreCase) || rel.Contains("dns-prefetch", StringComparison.OrdinalIgnoreCase)))
                {
                    // An origin to connect to early, not a resource.
                    return;
                }

                break;
            case "meta":
                if (string.Equals(attributes.Get("http-equiv"), "refresh", StringComparison.OrdinalIgnoreCase)
                    && RefreshUrl(attributes.Get("content")) is { } target)
                {
                    scan.AddLink(target, "meta", "http-equiv=refresh", line, column);
                }

                return;
            case "object":
                Add(scan, name, attributes, "data", line, column, emptyIsProblem: true);
                break;
        }

        Add(scan, name, attributes, "href", line, column, emptyIsProblem: false);
        Add(scan, name, attributes, "src", line, column, emptyIsProblem: true);
        Add(scan, name, attributes, "poster", line, column, emptyIsProblem: true);
        Add(scan, name, attributes, "xlink:href", line, column, emptyIsProblem: false);
        var srcset = attributes.Get("srcset");
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

                scan.AddLink(candidate.Url, name, "srcset", line, column);
            }
        }
    }

    /// <summary>The attributes <see cref="Tag"/> reads; every other one is dropped while tokenizing.</summary>
    internal static bool IsRead(ReadOnlySpan<char> s) => s.Length switch
    {
        2 => s.SequenceEqual("id"),
        3 => s.SequenceEqual("src") || s.SequenceEqual("alt") || s.SequenceEqual("rel"),
        4 => s.SequenceEqual("href") || s.SequenceEqual("name") || s.SequenceEqual("data"),
        6 => s.SequenceEqual("srcset") || s.SequenceEqual("poster"),
        7 => s.SequenceEqual("content"),
        10 => s.SequenceEqual("http-equiv") || s.SequenceEqual("xlink:href"),
        _ => false,
    };

    private static bool IsReadAttribute(ref StructHtmlToken token, ReadOnlyMemory<char> name) => IsRead(name.Span);

    /// <summary>A start tag's attributes from AngleSharp; the first of a repeated name wins, as in the DOM.</summary>
    private readonly struct TokenAttributes(HtmlTagToken tag) : ITagAttributes
    {
        public int Count => tag.Attributes.Count;

        public bool Has(string name) => Get(name) is not null;

        public string? Get(string name)
        {
            foreach (var attribute in tag.Attributes)
            {
                if (attribute.Name.Equals(name))
                {
                    return attribute.Value.ToString();
                }
            }

            return null;
        }
    }

    private static void Add<TAttributes>(PageScan scan, string element, TAttributes attributes, string attribute, int line, int column, bool emptyIsProblem)
        where TAttributes : ITagAttributes
    {
        var value = attributes.Get(attribute);
        if (value is null)
        {
            return;
        }

        if (emptyIsProblem && UrlResolver.Clean(value).Length == 0)
        {
            // An empty src makes the browser request the page itself as an image, script or video.
            scan.Problems.Add(new PageProblem(ErrorCodes.LinkMalformedUrl, line, column,
                $"<{element} {attribute}> is empty; give the file's address or remove the attribute"));
            return;
        }

        scan.AddLink(value, element, attribute, line, column);
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
}

/// <summary>The attributes of one start tag that <see cref="PageScanner.Tag"/> reads (only those are kept).</summary>
internal interface ITagAttributes
{
    /// <summary>How many of the read attributes the tag has.</summary>
    int Count { get; }

    bool Has(string name);

    /// <summary>The value of the first attribute of that name (character references resolved), or null.</summary>
    string? Get(string name);
}

/// <summary>
/// AngleSharp keeps lines and columns in 16 bits, so past line 65,535 they wrap to 0.
/// The tokens' absolute offsets do not wrap: counting line breaks up to each offset
/// (tokens come in order, so the count only moves forward) restores the real line.
/// </summary>
internal sealed class LineCounter(string text)
{
    private int _index;
    private int _line = 1;
    private int _lineStart;

    public (int Line, int Column) At(AngleSharp.Text.TextPosition position)
    {
        var target = Math.Clamp(position.Position, 0, text.Length);
        for (; _index < target; _index++)
        {
            if (text[_index] == '\n')
            {
                _line++;
                _lineStart = _index + 1;
            }
        }

        // Keep AngleSharp's own numbers, only adding back the 65,536s it wrapped away.
        return (Unwrap(position.Line, _line), Unwrap(position.Column, target - _lineStart + 1));
    }

    private static int Unwrap(int wrapped, int counted) =>
        wrapped + (int)Math.Round((counted - wrapped) / 65536.0) * 65536;
}
