using System.Text.RegularExpressions;

namespace BackCareSite.Serve;

/// <summary>
/// The templates folder as dependencies: each template's version (a fingerprint of its
/// text) and the templates it includes, followed to the end. A template that includes a
/// name that is not a literal string depends on every template.
/// </summary>
internal sealed partial class TemplateGraph
{
    private readonly Dictionary<string, (ulong Version, IReadOnlySet<string> Includes)> _templates;
    private readonly Dictionary<string, IReadOnlySet<string>> _closures = new(StringComparer.Ordinal);

    private TemplateGraph(Dictionary<string, (ulong, IReadOnlySet<string>)> templates) => _templates = templates;

    public const string Everything = "*";

    public static TemplateGraph Load(string root)
    {
        var texts = new Dictionary<string, string>(StringComparer.Ordinal);
        if (Directory.Exists(root))
        {
            foreach (var full in Directory.EnumerateFiles(root, "*.html", SearchOption.AllDirectories))
            {
                var name = Path.GetRelativePath(root, full).Replace('\\', '/');
                if (!name.StartsWith("assets/", StringComparison.Ordinal))
                {
                    try
                    {
                        texts[name] = File.ReadAllText(full);
                    }
                    catch (IOException)
                    {
                        // Being saved: the template set reports it, and the next change rebuilds.
                    }
                }
            }
        }

        return FromTexts(texts);
    }

    public static TemplateGraph FromTexts(IReadOnlyDictionary<string, string> texts) =>
        new(texts.ToDictionary(t => t.Key, t => (Fingerprint.Of(t.Value), Includes(t.Value)), StringComparer.Ordinal));

    /// <summary>The names a template includes with <c>include 'name'</c>; <see cref="Everything"/> for a computed name.</summary>
    internal static IReadOnlySet<string> Includes(string text)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (Match code in CodeBlock().Matches(text))
        {
            foreach (Match match in IncludeCall().Matches(code.Groups["code"].Value))
            {
                names.Add(match.Groups["name"].Success ? match.Groups["name"].Value : Everything);
            }
        }

        return names;
    }

    /// <summary>The version of a template; 0 when it does not exist.</summary>
    public ulong Version(string name) => _templates.TryGetValue(name, out var t) ? t.Version : 0;

    /// <summary>A template and everything it includes, directly or not.</summary>
    public IReadOnlySet<string> Closure(string name)
    {
        if (_closures.TryGetValue(name, out var known))
        {
            return known;
        }

        var result = new HashSet<string>(StringComparer.Ordinal);
        var queue = new Queue<string>([name]);
        while (queue.Count > 0)
        {
            var next = queue.Dequeue();
            if (next == Everything)
            {
                result.UnionWith(_templates.Keys);
                continue;
            }

            if (result.Add(next) && _templates.TryGetValue(next, out var t))
            {
                foreach (var include in t.Includes)
                {
                    queue.Enqueue(include);
                }
            }
        }

        _closures[name] = result;
        return result;
    }

    [GeneratedRegex(@"\{\{-?(?<code>.*?)-?\}\}", RegexOptions.Singleline)]
    private static partial Regex CodeBlock();

    // `include 'x'`, `include "x"`, or include with anything else (a variable): a computed name.
    [GeneratedRegex(@"\binclude\s*\(?\s*(?:(?:'(?<name>[^']*)'|""(?<name>[^""]*)"")|(?=[^\s'""]))")]
    private static partial Regex IncludeCall();
}
