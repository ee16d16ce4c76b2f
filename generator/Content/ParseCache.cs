using System.Collections.Concurrent;
using BackCareSite.Diagnostics;

namespace BackCareSite.Content;

/// <summary>
/// Parsed content files (and media sizes) kept between loads, by relative path, so
/// that <c>serve</c> parses again only what changed. The owner forgets a file when
/// it changes. <see cref="Parsed"/> lists the files parsed since <see cref="BeginRound"/>.
/// </summary>
internal sealed class ParseCache
{
    private readonly ConcurrentDictionary<string, Entry> _files = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, MediaFile> _media = new(StringComparer.Ordinal);
    private ConcurrentDictionary<string, byte> _parsed = new(StringComparer.Ordinal);

    /// <summary>One parsed file: the item (null when it failed its checks, then <paramref name="Failed"/> says what is known of it) and its own diagnostics.</summary>
    internal sealed record Entry(ContentItem? Item, IReadOnlyList<Diagnostic> Diagnostics, FailedFile? Failed = null);

    public int Count => _files.Count;

    public IReadOnlyCollection<string> Parsed => (IReadOnlyCollection<string>)_parsed.Keys;

    public IEnumerable<KeyValuePair<string, Entry>> Entries => _files;

    public bool TryGet(string relative, out Entry entry) => _files.TryGetValue(relative, out entry!);

    public void Store(string relative, ContentItem? item, IReadOnlyList<Diagnostic> diagnostics, FailedFile? failed = null)
    {
        _files[relative] = new Entry(item, diagnostics, failed);
        _parsed[relative] = 0;
    }

    public MediaFile Media(string relative, Func<MediaFile> read) => _media.GetOrAdd(relative, _ => read());

    /// <summary>Drops a file (changed, deleted, or to be parsed again).</summary>
    public void Forget(string relative)
    {
        _files.TryRemove(relative, out _);
        _media.TryRemove(relative, out _);
    }

    public void Clear()
    {
        _files.Clear();
        _media.Clear();
    }

    /// <summary>Starts a rebuild: <see cref="Parsed"/> is emptied.</summary>
    public void BeginRound() => _parsed = new ConcurrentDictionary<string, byte>(StringComparer.Ordinal);
}
