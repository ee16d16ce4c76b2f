using System.Collections.Concurrent;

namespace BackCareSite.Links;

/// <summary>
/// One copy of each string the page scans of a build keep (URLs, ids, element names), each with a
/// number: most links of a site repeat on every page (the menu, assets, tags, exercise cards), so the
/// scans of thousands of pages, held until every file is written, share their strings, and a scan's
/// links hold the numbers (<see cref="PageScan"/>). Safe from many threads.
/// </summary>
internal sealed class StringPool
{
    private const int ChunkBits = 12;
    private const int ChunkSize = 1 << ChunkBits;

    private readonly ConcurrentDictionary<string, int> _ids = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> _spans;
    private readonly Lock _adding = new();

    // The strings by number, in chunks that never move; only the outer array is replaced as it grows.
    private volatile string[][] _chunks = new string[16][];
    private int _count;

    public StringPool() => _spans = _ids.GetAlternateLookup<ReadOnlySpan<char>>();

    public string Get(string value) => this[Id(value)];

    /// <summary>The pool's copy of these characters; a string is made only the first time they are seen.</summary>
    public string Get(ReadOnlySpan<char> value) => _spans.TryGetValue(value, out var id) ? this[id] : this[Add(value.ToString())];

    /// <summary>The number of this string (added when new).</summary>
    public int Id(string value) => _ids.TryGetValue(value, out var id) ? id : Add(value);

    /// <summary>The number of this string, when the pool has it (nothing is added).</summary>
    public bool TryGetId(string value, out int id) => _ids.TryGetValue(value, out id);

    /// <summary>The string of a number <see cref="Id"/> gave.</summary>
    public string this[int id] => _chunks[id >> ChunkBits][id & (ChunkSize - 1)];

    private int Add(string value)
    {
        lock (_adding)
        {
            if (_ids.TryGetValue(value, out var known))
            {
                return known;
            }

            var id = _count++;
            var chunk = id >> ChunkBits;
            if (chunk == _chunks.Length)
            {
                var grown = new string[_chunks.Length * 2][];
                _chunks.CopyTo(grown, 0);
                _chunks = grown;
            }

            (_chunks[chunk] ??= new string[ChunkSize])[id & (ChunkSize - 1)] = value;

            // Published last: whoever finds the number finds its string.
            _ids[value] = id;
            return id;
        }
    }
}
