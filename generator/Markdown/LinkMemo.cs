using System.Collections.Concurrent;
using BackCareSite.Content;
using BackCareSite.Diagnostics;
using BackCareSite.Pictures;

namespace BackCareSite.Markdown;

/// <summary>
/// What the link stage found for each item at its last run, for <c>serve</c>: an item (the same
/// parsed object, so its file did not change) is not linked again while everything its links
/// can resolve to is as it was: every content file's address, the drafts and the files that
/// failed their checks, the media files and their sizes, the pictures' plans, the exercises and
/// the base URL. When any of those changed, or a file failed its own checks, every item is linked
/// again. A kept item gives the same table, diagnostics and picture uses as linking it would.
/// </summary>
internal sealed class LinkMemo
{
    /// <summary>One item's results: its table, its diagnostics, and the media pictures it uses (line and column).</summary>
    internal sealed record Entry(LinkedBody Body, IReadOnlyList<Diagnostic> Diagnostics, IReadOnlyList<(string Media, int Line, int Column)> Pictures);

    private readonly ConcurrentDictionary<ContentItem, Entry> _entries = new(ReferenceEqualityComparer.Instance);
    // The item each file's entry is for: the entry of a file's last parse goes as its new parse is kept. Keyed by the
    // display path, a string the item holds (its relative path is made at each read: at 10,000 articles the keys were
    // 1.4 MB of strings of their own); one file has one display path, as it has one relative path.
    private readonly ConcurrentDictionary<string, ContentItem> _bySource = new(StringComparer.Ordinal);
    private Targets? _targets;
    private bool _reuse;

    /// <summary>The diagnostics of the pictures' problems, reported again while the same (<see cref="PictureUses.Report"/>).</summary>
    public PictureProblemMemo PictureProblems { get; private set; } = new();

    /// <summary>Starts a run: keeps the entries only when every link target is as at the last run.</summary>
    public void Begin(SiteContent content, SiteUrls urls)
    {
        var now = new Targets(content, urls);
        _reuse = _targets is not null && _targets.SameAs(now);
        _targets = now;
        if (!_reuse)
        {
            _entries.Clear();
            _bySource.Clear();
        }
    }

    /// <summary>The kept results of an item, or null to link it.</summary>
    public Entry? Kept(ContentItem item) => _reuse && _entries.TryGetValue(item, out var entry) ? entry : null;

    /// <summary>Keeps an item's results (called in parallel, one item per file), and forgets those of its file's last parse.</summary>
    public void Keep(ContentItem item, Entry entry)
    {
        _entries[item] = entry;
        if (_bySource.TryGetValue(item.Source.DisplayPath, out var before) && !ReferenceEquals(before, item))
        {
            _entries.TryRemove(before, out _);
        }

        _bySource[item.Source.DisplayPath] = item;
    }

    /// <summary>Ends a run: forgets items that are gone (their files were deleted, or are drafts or invalid now).</summary>
    public void End(IReadOnlyList<ContentItem> items)
    {
        // Every item of the run has an entry (kept or linked): as many entries as items, and none is left over.
        if (_entries.Count == items.Count)
        {
            return;
        }

        var now = items.ToHashSet(ReferenceEqualityComparer.Instance);
        foreach (var item in _entries.Keys.Where(i => !now.Contains(i)).ToList())
        {
            _entries.TryRemove(item, out _);
            _bySource.TryRemove(new KeyValuePair<string, ContentItem>(item.Source.DisplayPath, item));
        }
    }

    /// <summary>Forgets everything (a run that stopped half way).</summary>
    public void Clear()
    {
        _entries.Clear();
        _bySource.Clear();
        _targets = null;
        PictureProblems = new PictureProblemMemo();
    }

    /// <summary>Everything a link or embed of any item can resolve to.</summary>
    private sealed class Targets(SiteContent content, SiteUrls urls)
    {
        private readonly string _baseUrl = urls.BaseUrl;
        private readonly string _basePath = urls.BasePath;
        private readonly bool _failures = content.Failed.Count > 0 || content.FailedExercises.Count > 0;
        private readonly IReadOnlyList<ContentItem> _items = content.All;
        private Dictionary<string, string>? _addresses;
        private readonly HashSet<string> _drafts = content.DraftSources.ToHashSet(StringComparer.Ordinal);
        private readonly HashSet<string> _invalid = content.InvalidSources.ToHashSet(StringComparer.Ordinal);
        private readonly Dictionary<string, ImageSize?> _media = content.Media.ToDictionary(m => m.RelativePath, m => m.Size, StringComparer.Ordinal);
        private readonly Dictionary<string, PicturePlan> _pictures = new(content.Pictures, StringComparer.Ordinal);
        private readonly HashSet<string> _exercises = content.Exercises.Select(e => e.Slug).ToHashSet(StringComparer.Ordinal);

        public bool SameAs(Targets other) =>
            !_failures && !other._failures && _baseUrl == other._baseUrl && _basePath == other._basePath
            && SameAddresses(other) && _drafts.SetEquals(other._drafts) && _invalid.SetEquals(other._invalid)
            && Same(_media, other._media) && Same(_pictures, other._pictures) && _exercises.SetEquals(other._exercises);

        private Dictionary<string, string> Addresses => _addresses ??= _items.ToDictionary(i => i.Source.RelativePath, i => i.Path, StringComparer.Ordinal);

        /// <summary>Every content file's address as before: first item by item in the same order (most saves), else file by file.</summary>
        private bool SameAddresses(Targets other)
        {
            if (_items.Count == other._items.Count)
            {
                var i = 0;
                while (i < _items.Count && (ReferenceEquals(_items[i], other._items[i])
                    || (_items[i].Source.RelativePath == other._items[i].Source.RelativePath && _items[i].Path == other._items[i].Path)))
                {
                    i++;
                }

                if (i == _items.Count)
                {
                    return true;
                }
            }

            return Same(Addresses, other.Addresses);
        }

        private static bool Same<T>(Dictionary<string, T> a, Dictionary<string, T> b) =>
            a.Count == b.Count && a.All(e => b.TryGetValue(e.Key, out var v) && EqualityComparer<T>.Default.Equals(e.Value, v));
    }
}
