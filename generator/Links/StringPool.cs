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

    public string Get(string value) => _strings.GetOrAdd(value, value);
}
