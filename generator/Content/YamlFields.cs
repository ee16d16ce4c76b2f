using System.Globalization;
using System.Text.RegularExpressions;
using BackCareSite.Diagnostics;
using YamlDotNet.RepresentationModel;

namespace BackCareSite.Content;

/// <summary>
/// Typed, position-aware access to one YAML mapping. Every getter reports a
/// diagnostic at the offending key's line when a value is missing or of the
/// wrong type, and remembers which keys were read so that
/// <see cref="ReportUnknownKeys"/> can flag typos like <c>titel</c>. Each key's
/// rules (required, limits, list minimum) come from its <see cref="FieldSpec"/> in
/// <see cref="ContentSchema"/>; reading a key that is not declared there is a bug.
/// </summary>
internal sealed partial class YamlFields
{
    private readonly YamlMappingNode _mapping;
    private readonly int _lineOffset;
    private readonly string _prefix;
    private readonly Dictionary<string, (YamlNode Key, YamlNode Value)> _entries = new(StringComparer.Ordinal);
    private readonly HashSet<string> _known = new(StringComparer.Ordinal);
    private readonly IReadOnlyList<FieldSpec>? _schema;

    /// <param name="schema">The fields this mapping may have; by default, for a whole file, its content type's fields.</param>
    public YamlFields(YamlMappingNode mapping, SourceFile file, int lineOffset, DiagnosticBag diagnostics, string prefix, IReadOnlyList<FieldSpec>? schema = null)
    {
        _schema = schema ?? (prefix.Length == 0 ? ContentSchema.ForFile(file.RelativePath)?.Fields : null);
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

    /// <summary>The declaration of a key; throws when the key is not declared or is read as something else.</summary>
    private FieldSpec Spec(string key, bool? required, params FieldKind[] kinds)
    {
        var spec = _schema?.FirstOrDefault(f => f.Key == key)
            ?? throw new InvalidOperationException(
                $"`{Name(key)}` of {File.RelativePath} is read but not declared in ContentSchema; declare it there so the build and the CMS agree");
        if (!kinds.Contains(spec.Kind))
        {
            throw new InvalidOperationException($"`{Name(key)}` is declared as {spec.Kind} in ContentSchema but read as {kinds[0]}");
        }

        if (required is { } r && r != spec.Required)
        {
            throw new InvalidOperationException(
                $"`{Name(key)}` is read as {(r ? "required" : "optional")} but ContentSchema declares it {(spec.Required ? "required" : "optional")}");
        }

        return spec;
    }

    private YamlNode? Get(FieldSpec spec)
    {
        var key = spec.Key;
        var required = spec.Required;
        _known.Add(key);
        // An optional field left empty (`frequency: ""` or `review: {}`, as a form writes them) is the same as one left out.
        if (_entries.TryGetValue(key, out var e) && !IsNull(e.Value) && (required || !IsBlank(e.Value)))
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

    /// <summary>Empty text, or a group whose fields are all empty (<c>review: {}</c>, as a form leaves an untouched group).</summary>
    private static bool IsBlank(YamlNode node) => node switch
    {
        YamlScalarNode scalar => string.IsNullOrWhiteSpace(scalar.Value),
        YamlMappingNode mapping => mapping.Children.All(c => IsNull(c.Value) || IsBlank(c.Value)),
        _ => false,
    };

    /// <summary>A line of text (also a choice or a media path); <paramref name="required"/>, when given, must match the declaration.</summary>
    public string? String(string key, bool? required = null)
    {
        var spec = Spec(key, required, FieldKind.Text, FieldKind.LongText, FieldKind.Choice, FieldKind.Media);
        required = spec.Required;
        var node = Get(spec);
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
        if (value.Length == 0 && spec.Required)
        {
            Error(ErrorCodes.RequiredField, At(node), $"`{Name(key)}` must not be empty");
            return null;
        }

        return value;
    }

    public DateOnly? Date(string key, bool? required = null)
    {
        var node = Get(Spec(key, required, FieldKind.Date));
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

    /// <summary>A whole number within the declared limits; <paramref name="min"/>, when given, must match the declaration.</summary>
    public int? Int(string key, int? min = null, bool? required = null)
    {
        var spec = Spec(key, required, FieldKind.Number);
        if (min is not null && min != spec.Min)
        {
            throw new InvalidOperationException($"`{Name(key)}` is read with minimum {min} but ContentSchema declares {spec.Min?.ToString(CultureInfo.InvariantCulture) ?? "none"}");
        }

        var node = Get(spec);
        if (node is null)
        {
            return null;
        }

        var (low, high) = (spec.Min ?? int.MinValue, spec.Max ?? int.MaxValue);
        if (node is YamlScalarNode { Value: { } text }
            && int.TryParse(text.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var value))
        {
            if (value >= low && value <= high)
            {
                return value;
            }
        }

        var range = (spec.Min, spec.Max) switch
        {
            ({ } a, { } b) => $" from {a} to {b}",
            ({ } a, null) => $" of at least {a}",
            (null, { } b) => $" of at most {b}",
            _ => "",
        };
        var rule = $"a whole number{range}";
        var example = Math.Min(Math.Max(low, 3), high);
        Error(ErrorCodes.WrongType, At(node), node is YamlScalarNode { Value: { } written }
            ? $"`{Name(key)}` is {Shown.Value(written.Trim())}: write {rule}, such as `{example}`"
            : $"`{Name(key)}` must be {rule}, not {Describe(node)}");
        return null;
    }

    public bool? Bool(string key)
    {
        var node = Get(Spec(key, null, FieldKind.Bool));
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

    /// <summary>
    /// A list of text items; a single text value is accepted as a list of one, except where
    /// the declaration asks for at least one item (<paramref name="nonEmpty"/>, when given, must match).
    /// </summary>
    /// <param name="listItem">
    /// For lists of names (tags, slugs, body areas): how an item is best written. A single
    /// value with commas is then an error that shows the list to write, items written this way.
    /// </param>
    public IReadOnlyList<Located<string>> StringList(string key, bool? required = null, bool? nonEmpty = null, Func<string, string>? listItem = null)
    {
        var spec = Spec(key, required, FieldKind.TextList);
        if (nonEmpty is { } n && n != spec.Min >= 1)
        {
            throw new InvalidOperationException($"`{Name(key)}` is read as {(n ? "non-empty" : "possibly empty")} but ContentSchema declares a minimum of {spec.Min ?? 0}");
        }

        var atLeast = spec.Min ?? 0;
        var node = Get(spec);
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

        if (node is YamlScalarNode single && atLeast == 0)
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

        if (items.Count < atLeast)
        {
            Error(ErrorCodes.EmptyList, At(node), $"`{Name(key)}` needs at least {(atLeast == 1 ? "one item" : $"{atLeast} items")}");
        }

        return items;
    }

    /// <summary>A nested mapping, such as <c>review:</c>.</summary>
    public YamlFields? Map(string key, bool? required = null)
    {
        var spec = Spec(key, required, FieldKind.Group);
        var node = Get(spec);
        if (node is null)
        {
            return null;
        }

        if (node is YamlMappingNode mapping)
        {
            return new YamlFields(mapping, File, _lineOffset, Diagnostics, Name(key) + ".", spec.Fields);
        }

        Error(ErrorCodes.WrongType, At(node), $"`{Name(key)}` must hold indented fields (`{key}:` then `  name: value` lines), not {Describe(node)}");
        return null;
    }

    /// <summary>A list of mappings, such as <c>videos:</c> or <c>menu:</c>.</summary>
    public IReadOnlyList<YamlFields> MapList(string key, bool? required = null)
    {
        var spec = Spec(key, required, FieldKind.GroupList);
        var node = Get(spec);
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
                items.Add(new YamlFields(mapping, File, _lineOffset, Diagnostics, Name(key) + "[].", spec.Fields));
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
        _entries.TryGetValue(key, out var e) && e.Value is YamlScalarNode { Value: { } text } && !IsNull(e.Value) && !IsBlank(e.Value) ? text.Trim() : null;

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
