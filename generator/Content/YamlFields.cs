using System.Globalization;
using System.Text.RegularExpressions;
using BackCareSite.Diagnostics;
using YamlDotNet.RepresentationModel;

namespace BackCareSite.Content;

/// <summary>
/// Typed, position-aware access to one YAML mapping. Every getter reports a
/// diagnostic at the offending key's line when a value is missing or of the
/// wrong type, and remembers which keys were read so that
/// <see cref="ReportUnknownKeys"/> can flag typos like <c>titel</c>.
/// </summary>
internal sealed partial class YamlFields
{
    private readonly YamlMappingNode _mapping;
    private readonly int _lineOffset;
    private readonly string _prefix;
    private readonly Dictionary<string, (YamlNode Key, YamlNode Value)> _entries = new(StringComparer.Ordinal);
    private readonly HashSet<string> _known = new(StringComparer.Ordinal);

    public YamlFields(YamlMappingNode mapping, SourceFile file, int lineOffset, DiagnosticBag diagnostics, string prefix)
    {
        _mapping = mapping;
        File = file;
        _lineOffset = lineOffset;
        Diagnostics = diagnostics;
        _prefix = prefix;
        foreach (var (key, value) in mapping.Children)
        {
            var name = key is YamlScalarNode scalar ? scalar.Value ?? "" : key.ToString();
            _entries.TryAdd(name, (key, value));
        }
    }

    public static YamlFields Empty(SourceFile file, int firstLine, DiagnosticBag diagnostics) =>
        new(new YamlMappingNode(), file, firstLine - 1, diagnostics, "");

    public SourceFile File { get; }

    public DiagnosticBag Diagnostics { get; }

    /// <summary>Where the mapping itself starts (for errors about a missing field).</summary>
    public Spot Position => _mapping.Start.Line == 0 ? new Spot(_lineOffset + 1, 1) : At(_mapping);

    public bool Has(string key) => _entries.TryGetValue(key, out var e) && !IsNull(e.Value);

    public Spot PositionOf(string key)
    {
        _known.Add(key);
        return _entries.TryGetValue(key, out var e) ? At(e.Key) : Position;
    }

    public Spot ValuePosition(string key) =>
        _entries.TryGetValue(key, out var e) ? At(e.Value) : Position;

    public Spot At(YamlNode node) => new((int)node.Start.Line + _lineOffset, (int)node.Start.Column);

    public void Error(string code, Spot at, string message) =>
        Diagnostics.Error(code, File.DisplayPath, at.Line, at.Column, message);

    public void Warning(string code, Spot at, string message) =>
        Diagnostics.Warning(code, File.DisplayPath, at.Line, at.Column, message);

    private string Name(string key) => _prefix + key;

    private YamlNode? Get(string key, bool required)
    {
        _known.Add(key);
        if (_entries.TryGetValue(key, out var e) && !IsNull(e.Value))
        {
            return e.Value;
        }

        if (required)
        {
            var at = _entries.TryGetValue(key, out var empty) ? At(empty.Key) : Position;
            Error(ErrorCodes.RequiredField, at, $"`{Name(key)}` is required; add `{key}: ...`");
        }

        return null;
    }

    private static bool IsNull(YamlNode node) =>
        node is YamlScalarNode { Style: YamlDotNet.Core.ScalarStyle.Plain, Value: null or "" or "~" or "null" };

    public string? String(string key, bool required = false)
    {
        var node = Get(key, required);
        if (node is null)
        {
            return null;
        }

        if (node is not YamlScalarNode scalar)
        {
            Error(ErrorCodes.WrongType, At(node), $"`{Name(key)}` must be a single line of text, not {Describe(node)}");
            return null;
        }

        var value = (scalar.Value ?? "").Trim();
        if (value.Length == 0 && required)
        {
            Error(ErrorCodes.RequiredField, At(node), $"`{Name(key)}` must not be empty");
            return null;
        }

        return value;
    }

    public DateOnly? Date(string key, bool required = false)
    {
        var node = Get(key, required);
        if (node is null)
        {
            return null;
        }

        if (node is not YamlScalarNode { Value: { } text })
        {
            Error(ErrorCodes.InvalidDate, At(node), $"`{Name(key)}` must be a date written as YYYY-MM-DD, for example 2026-03-14, not {Describe(node)}");
            return null;
        }

        if (DateOnly.TryParseExact(text.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return date;
        }

        Error(ErrorCodes.InvalidDate, At(node), $"`{Name(key)}` is {Shown.Value(text.Trim())}: {DateAdvice.Explain(text.Trim())}");
        return null;
    }

    public int? Int(string key, int min = int.MinValue, bool required = false)
    {
        var node = Get(key, required);
        if (node is null)
        {
            return null;
        }

        if (node is YamlScalarNode { Value: { } text }
            && int.TryParse(text.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var value))
        {
            if (value >= min)
            {
                return value;
            }
        }

        var rule = $"a whole number{(min > int.MinValue ? $" of at least {min}" : "")}";
        Error(ErrorCodes.WrongType, At(node), node is YamlScalarNode { Value: { } written }
            ? $"`{Name(key)}` is {Shown.Value(written.Trim())}: write {rule}, such as `{Math.Max(min, 3)}`"
            : $"`{Name(key)}` must be {rule}, not {Describe(node)}");
        return null;
    }

    public bool? Bool(string key)
    {
        var node = Get(key, required: false);
        if (node is null)
        {
            return null;
        }

        if (node is YamlScalarNode { Value: { } text })
        {
            switch (text.Trim().ToLowerInvariant())
            {
                case "true" or "yes":
                    return true;
                case "false" or "no":
                    return false;
            }
        }

        Error(ErrorCodes.WrongType, At(node), node is YamlScalarNode { Value: { } written }
            ? $"`{Name(key)}` is {Shown.Value(written.Trim())}: write `true` or `false`"
            : $"`{Name(key)}` must be `true` or `false`, not {Describe(node)}");
        return null;
    }

    /// <summary>A list of text items; a single text value is accepted as a list of one.</summary>
    /// <param name="listItem">
    /// For lists of names (tags, slugs, body areas): how an item is best written. A single
    /// value with commas is then an error that shows the list to write, items written this way.
    /// </param>
    public IReadOnlyList<Located<string>> StringList(string key, bool required = false, bool nonEmpty = false, Func<string, string>? listItem = null)
    {
        var node = Get(key, required);
        if (node is null)
        {
            return [];
        }

        var items = new List<Located<string>>();
        if (node is YamlScalarNode { Value: { } line } && listItem is not null && line.Contains(','))
        {
            var example = string.Join(", ", line.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
                .Select(i => $"`  - {listItem(i)}`"));
            Error(ErrorCodes.TextInsteadOfList, At(node),
                $"`{Name(key)}` is one line of text, {Shown.Value(line.Trim())}: write a list instead, `{key}:` and then one item per line: {example}");
            return [];
        }

        if (node is YamlScalarNode single && !nonEmpty)
        {
            items.Add(new Located<string>((single.Value ?? "").Trim(), At(single)));
        }
        else if (node is YamlSequenceNode sequence)
        {
            foreach (var child in sequence.Children)
            {
                if (child is YamlScalarNode { Value: { } v } && !IsNull(child) && v.Trim().Length > 0)
                {
                    items.Add(new Located<string>(v.Trim(), At(child)));
                }
                else if (child is YamlMappingNode { Children.Count: 1 } colon
                         && colon.Children.Single() is (YamlScalarNode { Value: { } head }, YamlScalarNode { Value: { } tail }))
                {
                    // `- Step one: bend your knees` is a field inside a list to YAML.
                    var written = $"{head}: {tail}";
                    Error(ErrorCodes.WrongType, At(child),
                        $"this item of `{Name(key)}` contains `: `, which YAML reads as a field: put the item in quotes, like {Shown.Value($"- \"{written}\"")}");
                }
                else
                {
                    Error(ErrorCodes.WrongType, At(child), $"each item of `{Name(key)}` must be a line of text, not {Describe(child)}");
                }
            }
        }
        else
        {
            Error(ErrorCodes.WrongType, At(node), $"`{Name(key)}` must be a list (lines starting with `- `), not {Describe(node)}");
            return [];
        }

        if (nonEmpty && items.Count == 0)
        {
            Error(ErrorCodes.EmptyList, At(node), $"`{Name(key)}` needs at least one item");
        }

        return items;
    }

    /// <summary>A nested mapping, such as <c>review:</c>.</summary>
    public YamlFields? Map(string key, bool required = false)
    {
        var node = Get(key, required);
        if (node is null)
        {
            return null;
        }

        if (node is YamlMappingNode mapping)
        {
            return new YamlFields(mapping, File, _lineOffset, Diagnostics, Name(key) + ".");
        }

        Error(ErrorCodes.WrongType, At(node), $"`{Name(key)}` must hold indented fields (`{key}:` then `  name: value` lines), not {Describe(node)}");
        return null;
    }

    /// <summary>A list of mappings, such as <c>videos:</c> or <c>menu:</c>.</summary>
    public IReadOnlyList<YamlFields> MapList(string key, bool required = false)
    {
        var node = Get(key, required);
        if (node is null)
        {
            return [];
        }

        if (node is not YamlSequenceNode sequence)
        {
            Error(ErrorCodes.WrongType, At(node), $"`{Name(key)}` must be a list of items, each starting with `- `");
            return [];
        }

        var items = new List<YamlFields>();
        foreach (var child in sequence.Children)
        {
            if (child is YamlMappingNode mapping)
            {
                items.Add(new YamlFields(mapping, File, _lineOffset, Diagnostics, Name(key) + "[]."));
            }
            else
            {
                Error(ErrorCodes.WrongType, At(child), $"each item of `{Name(key)}` must hold fields such as `title:` and `url:`");
            }
        }

        return items;
    }

    /// <summary>The text of a single-value field, without reporting anything (for a file that failed its checks).</summary>
    public string? Peek(string key) =>
        _entries.TryGetValue(key, out var e) && e.Value is YamlScalarNode { Value: { } text } && !IsNull(e.Value) ? text.Trim() : null;

    /// <summary>The text items of a list field, without reporting anything; empty when it is not a list of text.</summary>
    public IReadOnlyList<Located<string>> PeekList(string key) =>
        _entries.TryGetValue(key, out var e) && e.Value is YamlSequenceNode sequence
            ? sequence.Children.OfType<YamlScalarNode>().Where(s => !IsNull(s) && (s.Value ?? "").Trim().Length > 0)
                .Select(s => new Located<string>(s.Value!.Trim(), At(s))).ToList()
            : [];

    /// <summary>Marks keys as known without reading them (read elsewhere).</summary>
    public void Allow(params string[] keys) => _known.UnionWith(keys);

    /// <summary>Reports every key that no getter asked for, with a suggestion.</summary>
    public void ReportUnknownKeys()
    {
        foreach (var (name, entry) in _entries)
        {
            if (_known.Contains(name))
            {
                continue;
            }

            var suggestion = Suggest.Closest(name, _known);
            var hint = suggestion is null
                ? $"remove it, or use one of: {string.Join(", ", _known.Order(StringComparer.Ordinal).Select(k => $"`{k}`"))}"
                : $"did you mean `{suggestion}`?";
            Error(ErrorCodes.UnknownField, At(entry.Key), $"unknown field `{_prefix}{name}`: {hint}");
        }
    }

    private static string Describe(YamlNode node) => node switch
    {
        YamlSequenceNode => "a list",
        YamlMappingNode => "a group of fields",
        _ => "a single value",
    };

    [GeneratedRegex("^[a-z0-9]+(?:-[a-z0-9]+)*$")]
    public static partial Regex SlugPattern();
}
