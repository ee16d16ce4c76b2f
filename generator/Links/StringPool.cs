using System.Collections.Concurrent;

namespace BackCareSite.Links;

/// <summary>
/// One copy of each string the page scans of a build keep (URLs, ids, element names): most
/// links of a site repeat on every page (the menu, assets, tags, exercise cards), so the scans of
/// thousands of pages, held until every file is written, share their strings instead of each
/// holding its own. Safe from many threads.
/// </summary>
internal sealed class StringPool
{
    private readonly ConcurrentDictionary<string, string> _strings = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, string>.AlternateLookup<ReadOnlySpan<char>> _spans;

    public StringPool() => _spans = _strings.GetAlternateLookup<ReadOnlySpan<char>>();

    public string Get(string value) => _strings.GetOrAdd(value, value);

    /// <summary>The pool's copy of these characters; a string is made only the first time they are seen.</summary>
    public string Get(ReadOnlySpan<char> value)
    {
        if (_spans.TryGetValue(value, out var kept))
        {
            return kept;
        }

        var made = value.ToString();
        return _strings.GetOrAdd(made, made);
    }
}
