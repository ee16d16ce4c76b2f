using BackCareSite.Serve;
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
    private NetlifyConfig(string toml)
    {
        Model = TomlSerializer.Deserialize<TomlTable>(toml) ?? new TomlTable();
        Headers = NetlifyHeaders.Parse(toml);
    }

    public TomlTable Model { get; }

    public static NetlifyConfig Repository { get; } = Load(Path.Combine(RepoPaths.Root, "netlify.toml"));

    public TomlTable Build => (TomlTable)Model["build"];

    public string Publish => (string)Build["publish"];

    public string Command => (string)Build["command"];

    /// <summary>The header rules, read by the generator's own <see cref="NetlifyHeaders"/> (which <c>serve</c> uses).</summary>
    public NetlifyHeaders Headers { get; }

    public IReadOnlyList<(string For, IReadOnlyDictionary<string, string> Values)> Rules =>
        Headers.Rules.Select(r => (r.For, (IReadOnlyDictionary<string, string>)r.Headers
            .ToDictionary(h => h.Name, h => h.Value, StringComparer.OrdinalIgnoreCase))).ToList();

    public static NetlifyConfig Load(string path) => Parse(File.ReadAllText(path));

    public static NetlifyConfig Parse(string toml) => new(toml);

    /// <summary>Every header (lower-case name) Netlify sends for a path, from the rules alone.</summary>
    public IReadOnlyDictionary<string, string> HeadersFor(string path) =>
        Headers.For(path).ToDictionary(h => h.Name.ToLowerInvariant(), h => h.Value, StringComparer.OrdinalIgnoreCase);

    public static bool Matches(string pattern, string path) => NetlifyHeaders.Matches(pattern, path);

    /// <summary>A Content-Security-Policy as directive name to its sources.</summary>
    public static IReadOnlyDictionary<string, string[]> Directives(string csp) =>
        csp.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(d => d.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .ToDictionary(parts => parts[0].ToLowerInvariant(), parts => parts[1..], StringComparer.Ordinal);
}
