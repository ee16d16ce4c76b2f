using System.Text.RegularExpressions;
using BackCareSite.Tests.Support;
using Tomlyn;
using Tomlyn.Model;

namespace BackCareSite.Tests.Deploy;

/// <summary>
/// netlify.toml as Netlify reads it: the build settings and the header rules,
/// with Netlify's matching (<c>*</c> matches anything, a trailing slash is
/// optional) and merging (every matching rule applies; a header two rules set
/// gets both values joined with ", ").
/// </summary>
internal sealed class NetlifyConfig
{
    private NetlifyConfig(TomlTable model) => Model = model;

    public TomlTable Model { get; }

    public static NetlifyConfig Repository { get; } = Load(Path.Combine(RepoPaths.Root, "netlify.toml"));

    public TomlTable Build => (TomlTable)Model["build"];

    public string Publish => (string)Build["publish"];

    public string Command => (string)Build["command"];

    public IReadOnlyList<(string For, IReadOnlyDictionary<string, string> Values)> Rules =>
        Model.TryGetValue("headers", out var value) && value is TomlTableArray tables
            ? tables.Select(t => ((string)t["for"], (IReadOnlyDictionary<string, string>)((TomlTable)t["values"])
                .ToDictionary(kv => kv.Key, kv => kv.Value.ToString()!, StringComparer.OrdinalIgnoreCase))).ToList()
            : [];

    public static NetlifyConfig Load(string path) => Parse(File.ReadAllText(path));

    public static NetlifyConfig Parse(string toml) => new(TomlSerializer.Deserialize<TomlTable>(toml) ?? new TomlTable());

    /// <summary>Every header (lower-case name) Netlify sends for a path, from the rules alone.</summary>
    public IReadOnlyDictionary<string, string> HeadersFor(string path)
    {
        var result = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (pattern, values) in Rules.Where(r => Matches(r.For, path)))
        {
            foreach (var (name, value) in values)
            {
                result[name.ToLowerInvariant()] = result.TryGetValue(name, out var before) ? before + ", " + value : value;
            }
        }

        return result;
    }

    public static bool Matches(string pattern, string path)
    {
        var regex = "^" + Regex.Escape(pattern.TrimEnd('/')).Replace("\\*", ".*", StringComparison.Ordinal) + "/?$";
        return Regex.IsMatch(path, regex, RegexOptions.IgnoreCase);
    }

    /// <summary>A Content-Security-Policy as directive name to its sources.</summary>
    public static IReadOnlyDictionary<string, string[]> Directives(string csp) =>
        csp.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(d => d.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .ToDictionary(parts => parts[0].ToLowerInvariant(), parts => parts[1..], StringComparer.Ordinal);
}
