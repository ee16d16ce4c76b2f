using System.Text.RegularExpressions;
using Tomlyn;
using Tomlyn.Model;
using Tomlyn.Serialization;

namespace BackCareSite.Serve;

/// <summary>
/// The <c>[[headers]]</c> rules of netlify.toml, matched and merged as Netlify does:
/// <c>*</c> matches any run of characters (slashes included), a trailing slash is
/// optional, every matching rule applies, and a header set by two rules gets both
/// values joined with ", " (the later rule does not win). <c>serve</c> and the browser
/// tests' server send exactly these, so a Content-Security-Policy problem shows before deploy.
/// One rule is ours, not Netlify's: <see cref="PublishedPattern"/> holds the headers of every
/// path the build publishes except the CMS under <see cref="CmsPath"/>, because a <c>/*</c>
/// Content-Security-Policy would bind the CMS too (Netlify enforces every CSP it sends). The
/// build writes that rule into <c>_headers</c> once per published top-level path
/// (<c>Output/HeadersFile</c>); here it matches any path outside <see cref="CmsPath"/>.
/// </summary>
internal sealed class NetlifyHeaders
{
    /// <summary>The <c>for</c> of the rule for every published path but the CMS; no real path starts with <c>/_</c>.</summary>
    public const string PublishedPattern = "/_published/*";

    /// <summary>Where the CMS lives, with its own headers.</summary>
    public const string CmsPath = "/admin/";

    /// <summary>What Netlify sends as Cache-Control when no rule sets one: revalidate every time.</summary>
    public const string DefaultCacheControl = "public, max-age=0, must-revalidate";

    private readonly IReadOnlyList<(string For, Regex Pattern, IReadOnlyList<(string Name, string Value)> Headers)> _rules;

    private NetlifyHeaders(IReadOnlyList<(string, Regex, IReadOnlyList<(string, string)>)> rules) => _rules = rules;

    public static readonly NetlifyHeaders None = new([]);

    public int RuleCount => _rules.Count;

    /// <summary>Each rule's <c>for</c> pattern and the headers it sets, in file order.</summary>
    public IEnumerable<(string For, IReadOnlyList<(string Name, string Value)> Headers)> Rules => _rules.Select(r => (r.For, r.Headers));

    /// <summary>Reads the rules; none when the file does not exist. Throws <see cref="TomlException"/> on invalid TOML.</summary>
    public static NetlifyHeaders Load(string path) => File.Exists(path) ? Parse(File.ReadAllText(path)) : None;

    public static NetlifyHeaders Parse(string toml)
    {
        var model = TomlSerializer.Deserialize(toml, NetlifyTomlContext.Default.TomlTable) ?? new TomlTable();
        var rules = new List<(string, Regex, IReadOnlyList<(string, string)>)>();
        if (model.TryGetValue("headers", out var value) && value is TomlTableArray tables)
        {
            foreach (var table in tables)
            {
                var pattern = table.TryGetValue("for", out var p) ? p?.ToString() ?? "/*" : "/*";
                var headers = table.TryGetValue("values", out var v) && v is TomlTable values
                    ? values.Select(kv => (kv.Key, kv.Value?.ToString() ?? "")).ToList()
                    : [];
                rules.Add((pattern, PatternRegex(pattern), headers));
            }
        }

        return new NetlifyHeaders(rules);
    }

    /// <summary>Whether a <c>for</c> pattern matches a request path.</summary>
    public static bool Matches(string pattern, string path) =>
        pattern == PublishedPattern ? IsPublished(path) : PatternRegex(pattern).IsMatch(path);

    /// <summary>The headers of the <see cref="PublishedPattern"/> rule, in file order (none without it).</summary>
    public IReadOnlyList<(string Name, string Value)> Published =>
        _rules.Where(r => r.For == PublishedPattern).SelectMany(r => r.Headers).ToList();

    private static bool IsPublished(string path) =>
        !(path + "/").StartsWith(CmsPath, StringComparison.OrdinalIgnoreCase);

    /// <summary>The headers the rules give a request path (no defaults), merged as Netlify merges them.</summary>
    public IReadOnlyList<(string Name, string Value)> For(string path)
    {
        var result = new List<(string Name, string Value)>();
        foreach (var (pattern, regex, headers) in _rules)
        {
            if (pattern == PublishedPattern ? !IsPublished(path) : !regex.IsMatch(path))
            {
                continue;
            }

            foreach (var (name, value) in headers)
            {
                var at = result.FindIndex(h => string.Equals(h.Name, name, StringComparison.OrdinalIgnoreCase));
                if (at < 0)
                {
                    result.Add((name, value));
                }
                else
                {
                    result[at] = (result[at].Name, result[at].Value + ", " + value);
                }
            }
        }

        return result;
    }

    /// <summary>The headers of a response: the rules' headers, and Netlify's Cache-Control when no rule sets one.</summary>
    public IReadOnlyList<(string Name, string Value)> ForResponse(string path)
    {
        var headers = For(path);
        return headers.Any(h => string.Equals(h.Name, "Cache-Control", StringComparison.OrdinalIgnoreCase))
            ? headers
            : [.. headers, ("Cache-Control", DefaultCacheControl)];
    }

    private static Regex PatternRegex(string pattern) =>
        new("^" + Regex.Escape(pattern.TrimEnd('/')).Replace("\\*", ".*", StringComparison.Ordinal) + "/?$",
            RegexOptions.CultureInvariant | RegexOptions.IgnoreCase);
}

/// <summary>Source-generated TOML metadata for the untyped model: no reflection, so the native build reads netlify.toml too.</summary>
[TomlSerializable(typeof(TomlTable))]
internal sealed partial class NetlifyTomlContext : TomlSerializerContext;
