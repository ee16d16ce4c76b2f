using System.Text.RegularExpressions;
using Tomlyn;
using Tomlyn.Model;

namespace BackCareSite.Serve;

/// <summary>
/// The <c>[[headers]]</c> rules of netlify.toml: a path pattern (<c>*</c> matches any
/// run of characters, slashes included) and the headers Netlify sends for it.
/// <c>serve</c> sends the same headers, so a Content-Security-Policy problem shows in preview.
/// </summary>
internal sealed class NetlifyHeaders
{
    private readonly IReadOnlyList<(Regex Pattern, IReadOnlyList<(string Name, string Value)> Headers)> _rules;

    private NetlifyHeaders(IReadOnlyList<(Regex, IReadOnlyList<(string, string)>)> rules) => _rules = rules;

    public static readonly NetlifyHeaders None = new([]);

    public int RuleCount => _rules.Count;

    /// <summary>Reads the rules; none when the file does not exist. Throws <see cref="TomlException"/> on invalid TOML.</summary>
    public static NetlifyHeaders Load(string path) => File.Exists(path) ? Parse(File.ReadAllText(path)) : None;

    public static NetlifyHeaders Parse(string toml)
    {
        var model = TomlSerializer.Deserialize<TomlTable>(toml) ?? new TomlTable();
        var rules = new List<(Regex, IReadOnlyList<(string, string)>)>();
        if (model.TryGetValue("headers", out var value) && value is TomlTableArray tables)
        {
            foreach (var table in tables)
            {
                var pattern = table.TryGetValue("for", out var p) ? p?.ToString() ?? "/*" : "/*";
                var headers = table.TryGetValue("values", out var v) && v is TomlTable values
                    ? values.Select(kv => (kv.Key, kv.Value?.ToString() ?? "")).ToList()
                    : [];
                rules.Add((new Regex("^" + Regex.Escape(pattern).Replace("\\*", ".*", StringComparison.Ordinal) + "$", RegexOptions.CultureInvariant), headers));
            }
        }

        return new NetlifyHeaders(rules);
    }

    /// <summary>The headers for a request path, later rules overriding earlier ones as on Netlify.</summary>
    public IReadOnlyList<(string Name, string Value)> For(string path)
    {
        var result = new List<(string Name, string Value)>();
        foreach (var (pattern, headers) in _rules)
        {
            if (pattern.IsMatch(path))
            {
                foreach (var header in headers)
                {
                    result.RemoveAll(h => string.Equals(h.Name, header.Name, StringComparison.OrdinalIgnoreCase));
                    result.Add(header);
                }
            }
        }

        return result;
    }
}
