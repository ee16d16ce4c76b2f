namespace BackCareSite.Markdown;

/// <summary>
/// The elements, attributes and URL schemes raw HTML in content may use: text-level
/// and structural markup a health article needs (tables, figures, details, keyboard
/// keys, abbreviations). Nothing that runs script (<c>script</c>, <c>on*</c>, script
/// URLs), loads another document (<c>iframe</c>, <c>object</c>, <c>embed</c>), styles
/// inline (blocked by the site's security policy) or changes the page around it
/// (<c>base</c>, <c>meta</c>, <c>form</c>, <c>html</c>, <c>body</c>).
/// </summary>
internal static class RawHtmlAllowList
{
    public static readonly IReadOnlySet<string> Elements = new HashSet<string>(StringComparer.Ordinal)
    {
        "a", "abbr", "address", "article", "aside", "b", "bdi", "bdo", "blockquote", "br", "caption", "cite", "code",
        "col", "colgroup", "dd", "del", "details", "dfn", "div", "dl", "dt", "em", "figcaption", "figure", "footer",
        "h2", "h3", "h4", "h5", "h6", "header", "hr", "i", "img", "ins", "kbd", "li", "mark", "ol", "p", "picture",
        "pre", "q", "rp", "rt", "ruby", "s", "samp", "section", "small", "source", "span", "strong", "sub", "summary",
        "sup", "table", "tbody", "td", "tfoot", "th", "thead", "time", "tr", "u", "ul", "var", "wbr",
    };

    private static readonly IReadOnlySet<string> Global = new HashSet<string>(StringComparer.Ordinal)
    {
        "id", "class", "title", "lang", "dir", "role", "translate",
    };

    private static readonly IReadOnlyDictionary<string, IReadOnlySet<string>> PerElement = new Dictionary<string, IReadOnlySet<string>>(StringComparer.Ordinal)
    {
        ["a"] = new HashSet<string>(StringComparer.Ordinal) { "href", "hreflang", "rel", "type" },
        ["img"] = new HashSet<string>(StringComparer.Ordinal) { "src", "srcset", "sizes", "alt", "width", "height", "loading", "decoding" },
        ["source"] = new HashSet<string>(StringComparer.Ordinal) { "srcset", "sizes", "type", "media", "width", "height" },
        ["td"] = new HashSet<string>(StringComparer.Ordinal) { "colspan", "rowspan", "headers" },
        ["th"] = new HashSet<string>(StringComparer.Ordinal) { "colspan", "rowspan", "headers", "scope", "abbr" },
        ["col"] = new HashSet<string>(StringComparer.Ordinal) { "span" },
        ["colgroup"] = new HashSet<string>(StringComparer.Ordinal) { "span" },
        ["ol"] = new HashSet<string>(StringComparer.Ordinal) { "start", "reversed", "type" },
        ["li"] = new HashSet<string>(StringComparer.Ordinal) { "value" },
        ["time"] = new HashSet<string>(StringComparer.Ordinal) { "datetime" },
        ["del"] = new HashSet<string>(StringComparer.Ordinal) { "cite", "datetime" },
        ["ins"] = new HashSet<string>(StringComparer.Ordinal) { "cite", "datetime" },
        ["blockquote"] = new HashSet<string>(StringComparer.Ordinal) { "cite" },
        ["q"] = new HashSet<string>(StringComparer.Ordinal) { "cite" },
        ["details"] = new HashSet<string>(StringComparer.Ordinal) { "open" },
    };

    /// <summary>Attributes that hold addresses; each must pass <see cref="IsAllowedUrls"/>.</summary>
    public static readonly IReadOnlySet<string> UrlAttributes = new HashSet<string>(StringComparer.Ordinal) { "href", "src", "srcset", "cite" };

    private static readonly string[] Schemes = ["https:", "http:", "mailto:", "tel:"];

    public static bool IsAllowedAttribute(string element, string attribute) =>
        Global.Contains(attribute)
        || (attribute.StartsWith("aria-", StringComparison.Ordinal) && attribute.Length > 5 && attribute[5..].All(char.IsAsciiLetterLower))
        || (PerElement.TryGetValue(element, out var own) && own.Contains(attribute));

    /// <summary>True when every address in the value (each candidate of a <c>srcset</c>) is allowed.</summary>
    public static bool IsAllowedUrls(string attribute, string value) =>
        attribute == "srcset"
            ? value.Split(',').All(candidate => IsAllowedUrl(candidate.Trim().Split(' ', 2)[0]))
            : IsAllowedUrl(value);

    /// <summary>
    /// A relative address, or one of the allowed schemes. A browser drops tabs and line breaks
    /// anywhere in an address and spaces and controls around it, so they are dropped here too.
    /// </summary>
    public static bool IsAllowedUrl(string url)
    {
        var compact = new string(url.Where(c => c > ' ' && c != '\u007F').ToArray());
        var colon = compact.IndexOf(':', StringComparison.Ordinal);
        if (colon < 0 || compact.IndexOfAny(['/', '?', '#']) is var end && end >= 0 && end < colon)
        {
            return true; // no scheme: an address inside the site
        }

        return Schemes.Any(s => compact.StartsWith(s, StringComparison.OrdinalIgnoreCase));
    }

    public static string ElementMessage(string element) => element switch
    {
        "script" => "raw `<script>` is not allowed in content: scripts belong in templates/assets, and the red-flag checker has its own embed `{% red-flag-checker %}`",
        "iframe" or "frame" or "frameset" or "object" or "embed" or "applet" =>
            $"`<{element}>` is not allowed in content: it loads another document; use `{{% video https://... \"Title\" %}}` for videos",
        "style" => "`<style>` is not allowed in content: the site's security policy blocks inline styles; ask for a class in the stylesheet",
        _ => $"`<{element}>` is not in the list of HTML elements content may use (see docs/security.md); write it in Markdown or use an allowed element",
    };

    public static string AttributeMessage(string element, string attribute) => attribute switch
    {
        _ when attribute.StartsWith("on", StringComparison.Ordinal) =>
            $"event attributes such as `{attribute}=` are not allowed in content: they run script",
        "style" => "the `style` attribute is not allowed in content: the site's security policy blocks inline styles; use a class",
        _ => $"the attribute `{attribute}` is not allowed on <{element}> in content (see the list in docs/security.md); remove it",
    };
}
