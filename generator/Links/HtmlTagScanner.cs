using AngleSharp.Html.Parser;

namespace BackCareSite.Links;

/// <summary>
/// Reads a page's start tags straight from its characters, for <see cref="PageScanner"/>: the
/// standard's tokenization (tags, attributes with character references, comments, doctype, the text
/// of <c>script</c>, <c>style</c>, <c>title</c> and the like read past) for the markup generators
/// write, without the copying and per-character bookkeeping of a general tokenizer. It gives up
/// (returns null, and the page is read by AngleSharp) on anything whose handling it does not copy
/// exactly: a NUL or carriage return, a CDATA section, a doctype with quoted identifiers, a page that
/// ends inside a tag, a quote, <c>&lt;</c> or <c>=</c> inside an attribute name, <c>&lt;!--</c> in a
/// script, and any character reference other than <c>&amp;amp;</c>, <c>&amp;lt;</c>, <c>&amp;gt;</c>,
/// <c>&amp;quot;</c>, <c>&amp;apos;</c>, <c>&amp;nbsp;</c> and plain numeric ones. So a page is read
/// the same way whichever reads it; <c>PageScannerTests</c> compares the two.
/// </summary>
internal sealed class HtmlTagScanner : ITagAttributes
{
    private const int MaxAttributes = 16;

    private readonly ReadOnlyMemory<char> _html;
    private readonly StringPool? _pool;
    // Whether attribute values come from the pool too (not only element names): false for a scan whose links are let go.
    private readonly bool _poolValues;
    private readonly string?[] _names = new string?[MaxAttributes];
    private readonly int[] _starts = new int[MaxAttributes];
    private readonly int[] _lengths = new int[MaxAttributes];
    private readonly bool[] _references = new bool[MaxAttributes];
    private int _count;
    private int _line = 1;
    private int _lineStart;
    private int _counted;

    private HtmlTagScanner(ReadOnlyMemory<char> html, StringPool? pool, bool poolValues)
    {
        _html = html;
        _pool = pool;
        _poolValues = poolValues;
    }

    /// <summary>The page's scan, or null when the page holds something only AngleSharp reads exactly.</summary>
    /// <param name="linksInPool">Whether the scan's links are kept, their URLs in the pool (else only its ids and element names are the pool's).</param>
    public static PageScan? TryScan(string path, string html, StringPool? pool, bool linksInPool = true) =>
        TryScan(path, html.AsMemory(), pool, linksInPool);

    /// <summary>The scan of a page's characters wherever they are (a renderer's reused buffer), or null as above.</summary>
    public static PageScan? TryScan(string path, ReadOnlyMemory<char> html, StringPool? pool, bool linksInPool = true)
    {
        if (html.Span.IndexOfAny('\0', '\r') >= 0)
        {
            return null;
        }

        return new HtmlTagScanner(html, pool, linksInPool).Run(path, linksInPool);
    }

    public int Count => _count;

    public bool Has(string name) => IndexOf(name) >= 0;

    public string? Get(string name)
    {
        var i = IndexOf(name);
        if (i < 0)
        {
            return null;
        }

        if (_references[i] && name == "alt")
        {
            throw new InvalidOperationException("the value of `alt` was not checked for character references this scanner resolves");
        }

        var raw = _html.Span.Slice(_starts[i], _lengths[i]);
        return _references[i] ? Decode(raw) : (_poolValues ? _pool?.Get(raw) : null) ?? raw.ToString();
    }

    private int IndexOf(string name)
    {
        for (var i = 0; i < _count; i++)
        {
            if (ReferenceEquals(_names[i], name) || string.Equals(_names[i], name, StringComparison.Ordinal))
            {
                return i;
            }
        }

        return -1;
    }

    private PageScan? Run(string path, bool linksInPool)
    {
        var scan = new PageScan(path, _pool, linksInPool);
        Dictionary<string, int>? firstIdLine = null;
        var html = _html.Span;
        var i = 0;
        while (true)
        {
            var lt = i >= html.Length ? -1 : html[i..].IndexOf('<');
            if (lt >= 0)
            {
                lt += i;
            }

            if (lt < 0 || lt + 1 >= html.Length)
            {
                return scan;
            }

            var c = html[lt + 1];
            if (char.IsAsciiLetter(c))
            {
                var nameEnd = TagNameEnd(lt + 1);
                var end = Attributes(nameEnd, keep: true);
                if (end < 0)
                {
                    return null;
                }

                var name = Name(lt + 1, nameEnd);
                var (line, column) = At(lt);
                PageScanner.Tag(scan, name, this, line, column, ref firstIdLine);
                i = PageScanner.TextModeAfter(name) switch
                {
                    null => end,
                    HtmlParseMode.Plaintext => html.Length,
                    HtmlParseMode.Script => ScriptEnd(end, name),
                    _ => TextEnd(end, name),
                };
                if (i < 0)
                {
                    return null;
                }
            }
            else if (c == '/')
            {
                if (lt + 2 >= html.Length)
                {
                    return scan;
                }

                if (char.IsAsciiLetter(html[lt + 2]))
                {
                    // An end tag: its attributes are read (a quoted `>` does not end it) and dropped.
                    i = Attributes(TagNameEnd(lt + 2), keep: false);
                    if (i < 0)
                    {
                        return null;
                    }
                }
                else
                {
                    // `</>` is nothing; anything else is a bogus comment up to the next `>`.
                    i = BogusCommentEnd(lt + 2);
                }
            }
            else if (c == '!')
            {
                i = Declaration(lt + 2);
                if (i < 0)
                {
                    return null;
                }
            }
            else if (c == '?')
            {
                i = BogusCommentEnd(lt + 1);
            }
            else
            {
                // A `<` that starts no tag is text.
                i = lt + 1;
            }
        }
    }

    /// <summary>Where a tag name that starts at <paramref name="start"/> ends (whitespace, `/`, `>` or the end).</summary>
    private int TagNameEnd(int start)
    {
        var i = start;
        var html = _html.Span;
        while (i < html.Length && !IsSpace(html[i]) && html[i] is not ('/' or '>'))
        {
            i++;
        }

        return i;
    }

    private string Name(int start, int end)
    {
        var raw = _html.Span[start..end];
        return raw.ContainsAnyInRange('A', 'Z') ? Keep(LowerAscii(raw)) : KnownElement(raw) ?? _pool?.Get(raw) ?? raw.ToString();
    }

    // The elements the site's templates and Markdown write, as one string each without a look-up in the pool (each page
    // has hundreds of tags).
    private static string? KnownElement(ReadOnlySpan<char> name) => name switch
    {
        "a" => "a",
        "p" => "p",
        "li" => "li",
        "ul" => "ul",
        "ol" => "ol",
        "div" => "div",
        "span" => "span",
        "img" => "img",
        "link" => "link",
        "meta" => "meta",
        "script" => "script",
        "section" => "section",
        "article" => "article",
        "header" => "header",
        "footer" => "footer",
        "nav" => "nav",
        "main" => "main",
        "h1" => "h1",
        "h2" => "h2",
        "h3" => "h3",
        "h4" => "h4",
        "strong" => "strong",
        "em" => "em",
        "button" => "button",
        "svg" => "svg",
        "path" => "path",
        "source" => "source",
        "picture" => "picture",
        "figure" => "figure",
        "figcaption" => "figcaption",
        "details" => "details",
        "summary" => "summary",
        "label" => "label",
        "input" => "input",
        "form" => "form",
        "fieldset" => "fieldset",
        "legend" => "legend",
        "time" => "time",
        "html" => "html",
        "head" => "head",
        "body" => "body",
        "title" => "title",
        "table" => "table",
        "tr" => "tr",
        "td" => "td",
        "th" => "th",
        "br" => "br",
        "dl" => "dl",
        "dt" => "dt",
        "dd" => "dd",
        "aside" => "aside",
        "small" => "small",
        "noscript" => "noscript",
        _ => null,
    };

    private string Keep(string value) => _pool?.Get(value) ?? value;

    private static string LowerAscii(ReadOnlySpan<char> raw)
    {
        var chars = raw.ToArray();
        for (var i = 0; i < chars.Length; i++)
        {
            if (char.IsAsciiLetterUpper(chars[i]))
            {
                chars[i] = (char)(chars[i] + 32);
            }
        }

        return new string(chars);
    }

    /// <summary>
    /// Reads a tag's attributes from just after its name to its `>`, keeping those <see cref="PageScanner"/> reads
    /// when <paramref name="keep"/>; returns the index after the `>`, or -1 to give up.
    /// </summary>
    private int Attributes(int i, bool keep)
    {
        _count = 0;
        var html = _html.Span;
        while (true)
        {
            // Before an attribute name.
            while (i < html.Length && IsSpace(html[i]))
            {
                i++;
            }

            if (i >= html.Length)
            {
                return -1;
            }

            var c = html[i];
            if (c == '>')
            {
                return i + 1;
            }

            if (c == '/')
            {
                // Self-closing, or a stray slash that is skipped.
                i++;
                continue;
            }

            if (c is '=' or '"' or '\'' or '<')
            {
                return -1;
            }

            var nameStart = i;
            var upper = false;
            while (i < html.Length && !IsSpace(html[i]) && html[i] is not ('/' or '>' or '='))
            {
                if (html[i] is '"' or '\'' or '<')
                {
                    return -1;
                }

                upper |= char.IsAsciiLetterUpper(html[i]);
                i++;
            }

            var name = html[nameStart..i];

            // After the name.
            while (i < html.Length && IsSpace(html[i]))
            {
                i++;
            }

            if (i >= html.Length)
            {
                return -1;
            }

            var valueStart = i;
            var valueLength = 0;
            var references = false;
            if (html[i] == '=')
            {
                i++;
                while (i < html.Length && IsSpace(html[i]))
                {
                    i++;
                }

                if (i >= html.Length)
                {
                    return -1;
                }

                var quote = html[i];
                if (quote is '"' or '\'')
                {
                    var close = html[(i + 1)..].IndexOf(quote);
                    if (close < 0)
                    {
                        return -1;
                    }

                    close += i + 1;

                    valueStart = i + 1;
                    valueLength = close - valueStart;
                    i = close + 1;
                }
                else if (quote != '>')
                {
                    valueStart = i;
                    while (i < html.Length && !IsSpace(html[i]) && html[i] != '>')
                    {
                        i++;
                    }

                    if (i >= html.Length)
                    {
                        return -1;
                    }

                    valueLength = i - valueStart;
                }

                references = html.Slice(valueStart, valueLength).Contains('&');
            }

            var lowered = upper ? LowerAscii(name) : null;
            if (keep && PageScanner.IsRead(lowered ?? name))
            {
                if (_count == MaxAttributes)
                {
                    return -1;
                }

                // A value is read only when it is needed, but whether it can be is known now: `alt` is only looked for.
                var known = lowered ?? KnownName(name);
                if (references && known != "alt" && !CanDecode(html.Slice(valueStart, valueLength)))
                {
                    return -1;
                }

                _names[_count] = known;
                _starts[_count] = valueStart;
                _lengths[_count] = valueLength;
                _references[_count] = references;
                _count++;
            }
        }
    }

    private static string KnownName(ReadOnlySpan<char> name) => name switch
    {
        "id" => "id",
        "src" => "src",
        "alt" => "alt",
        "rel" => "rel",
        "href" => "href",
        "name" => "name",
        "data" => "data",
        "srcset" => "srcset",
        "poster" => "poster",
        "content" => "content",
        "http-equiv" => "http-equiv",
        "xlink:href" => "xlink:href",
        _ => name.ToString(),
    };

    /// <summary>After the start tag of a raw-text or RCDATA element (`style`, `title`...): the index of its end tag's `&lt;`.</summary>
    private int TextEnd(int i, string name)
    {
        var html = _html.Span;
        while (true)
        {
            var close = html[i..].IndexOf("</", StringComparison.Ordinal);
            if (close < 0)
            {
                return html.Length;
            }

            close += i;
            var after = close + 2 + name.Length;
            if (after < html.Length && html.Slice(close + 2, name.Length).Equals(name, StringComparison.OrdinalIgnoreCase)
                && (IsSpace(html[after]) || html[after] is '/' or '>'))
            {
                return close;
            }

            i = close + 2;
        }
    }

    /// <summary>After a `script` start tag: its end tag, or -1 when the script holds `&lt;!--` (whose escaping rules are not copied here).</summary>
    private int ScriptEnd(int i, string name)
    {
        var end = TextEnd(i, name);
        return _html.Span[i..end].Contains("<!--", StringComparison.Ordinal) ? -1 : end;
    }

    /// <summary>After `&lt;!`: a comment, a doctype or a bogus comment; the index after it, or -1 to give up.</summary>
    private int Declaration(int i)
    {
        var rest = _html.Span[i..];
        if (rest.StartsWith("--", StringComparison.Ordinal))
        {
            return CommentEnd(i + 2);
        }

        if (rest.StartsWith("[CDATA[", StringComparison.Ordinal))
        {
            return -1;
        }

        if (rest.StartsWith("doctype", StringComparison.OrdinalIgnoreCase))
        {
            var close = rest.IndexOf('>');
            if (close < 0 || rest[..close].ContainsAny('"', '\''))
            {
                return -1;
            }

            return i + close + 1;
        }

        return BogusCommentEnd(i);
    }

    /// <summary>The index after a comment whose text starts at <paramref name="i"/> (just after `&lt;!--`).</summary>
    private int CommentEnd(int i)
    {
        var html = _html.Span;
        // `<!-->` and `<!--->` end at once.
        if (i < html.Length && html[i] == '>')
        {
            return i + 1;
        }

        if (i + 1 < html.Length && html[i] == '-' && html[i + 1] == '>')
        {
            return i + 2;
        }

        while (true)
        {
            var dashes = html[i..].IndexOf("--", StringComparison.Ordinal);
            if (dashes < 0)
            {
                return html.Length;
            }

            dashes += i;

            // After `--`, more dashes keep the comment's end open; `>` or `!>` closes it.
            var j = dashes + 2;
            while (j < html.Length && html[j] == '-')
            {
                j++;
            }

            if (j >= html.Length)
            {
                return html.Length;
            }

            if (html[j] == '>')
            {
                return j + 1;
            }

            if (html[j] == '!' && j + 1 < html.Length && html[j + 1] == '>')
            {
                return j + 2;
            }

            i = j;
        }
    }

    private int BogusCommentEnd(int i)
    {
        var close = _html.Span[i..].IndexOf('>');
        return close < 0 ? _html.Length : i + close + 1;
    }

    /// <summary>The line and column of an index, counting forward from the last asked (tags come in order).</summary>
    private (int Line, int Column) At(int index)
    {
        var html = _html.Span;
        while (true)
        {
            var newline = html[_counted..index].IndexOf('\n');
            if (newline < 0)
            {
                break;
            }

            _line++;
            _lineStart = _counted + newline + 1;
            _counted = _lineStart;
        }

        _counted = index;
        return (_line, index - _lineStart + 1);
    }

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    private static bool IsSpace(char c) => c is ' ' or '\n' or '\t' or '\f';

    /// <summary>True when every `&amp;` of an attribute value is one this scanner resolves exactly as the standard does.</summary>
    private static bool CanDecode(ReadOnlySpan<char> value)
    {
        for (var i = value.IndexOf('&'); i >= 0;)
        {
            if (Reference(value[(i + 1)..], out var length) is null && length < 0)
            {
                return false;
            }

            var next = value[(i + 1)..].IndexOf('&');
            i = next < 0 ? -1 : i + 1 + next;
        }

        return true;
    }

    private string Decode(ReadOnlySpan<char> raw)
    {
        var text = new System.Text.StringBuilder(raw.Length);
        for (var i = 0; i < raw.Length; i++)
        {
            if (raw[i] != '&')
            {
                text.Append(raw[i]);
                continue;
            }

            var value = Reference(raw[(i + 1)..], out var length);
            if (value is null)
            {
                text.Append('&');
                continue;
            }

            text.Append(value);
            i += length;
        }

        var result = text.ToString();
        return (_poolValues ? _pool?.Get(result) : null) ?? result;
    }

    /// <summary>
    /// The text of the character reference after an `&amp;` (<paramref name="length"/>: the characters it takes after
    /// the `&amp;`); null with length 0 when the `&amp;` is plain text, null with length -1 when the reference is one
    /// this scanner does not resolve.
    /// </summary>
    private static string? Reference(ReadOnlySpan<char> after, out int length)
    {
        length = 0;
        if (after.IsEmpty)
        {
            return null;
        }

        if (after[0] == '#')
        {
            var hex = after.Length > 1 && after[1] is 'x' or 'X';
            var start = hex ? 2 : 1;
            var end = start;
            while (end < after.Length && (hex ? char.IsAsciiHexDigit(after[end]) : char.IsAsciiDigit(after[end])))
            {
                end++;
            }

            if (end == start)
            {
                // `&#` without digits is text.
                return null;
            }

            if (end >= after.Length || after[end] != ';' || end - start > 6)
            {
                length = -1;
                return null;
            }

            var code = int.Parse(after[start..end], hex ? System.Globalization.NumberStyles.AllowHexSpecifier : System.Globalization.NumberStyles.None,
                System.Globalization.CultureInfo.InvariantCulture);
            var plain = code is 0x09 or 0x0a or (>= 0x20 and < 0x7f) or (>= 0xa0 and < 0xd800) or (>= 0xe000 and < 0xfdd0) or (> 0xfdef and <= 0x10ffff)
                        && (code & 0xfffe) != 0xfffe;
            if (!plain)
            {
                length = -1;
                return null;
            }

            length = end + 1;
            return char.ConvertFromUtf32(code);
        }

        if (!char.IsAsciiLetterOrDigit(after[0]))
        {
            return null;
        }

        var name = after;
        var semicolon = after.IndexOf(';');
        var word = 0;
        while (word < after.Length && char.IsAsciiLetterOrDigit(after[word]))
        {
            word++;
        }

        if (semicolon == word)
        {
            name = after[..word];
            string? text = name switch
            {
                "amp" => "&",
                "lt" => "<",
                "gt" => ">",
                "quot" => "\"",
                "apos" => "'",
                "nbsp" => "\u00a0",
                _ => null,
            };
            if (text is not null)
            {
                length = word + 1;
                return text;
            }
        }

        length = -1;
        return null;
    }
}
