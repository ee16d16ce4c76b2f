using System.Collections.Concurrent;
using BackCareSite.Diagnostics;

namespace BackCareSite.Content;

/// <summary>
/// Parsed content files (and media sizes) kept between loads, by relative path, so
/// that <c>serve</c> parses again only what changed. The owner forgets a file when
/// it changes. <see cref="Parsed"/> lists the files parsed since <see cref="BeginRound"/>.
/// It also keeps the list of each folder's files (<see cref="Listing"/>), brought up to date from the
/// paths the owner says changed (<see cref="Changed"/>) instead of listing thousands of files again.
/// </summary>
internal sealed class ParseCache
{
    private readonly ConcurrentDictionary<string, Entry> _files = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, MediaFile> _media = new(StringComparer.Ordinal);
    private ConcurrentDictionary<string, byte> _parsed = new(StringComparer.Ordinal);

    /// <summary>One parsed file: the item (null when it failed its checks, then <paramref name="Failed"/> says what is known of it) and its own diagnostics.</summary>
    internal sealed record Entry(ContentItem? Item, IReadOnlyList<Diagnostic> Diagnostics, FailedFile? Failed = null);

    // The files of each folder at the last load (listed without a diagnostic), and the paths changed since. A file's full
    // path is kept only when it is not the folder's root followed by its relative path (Kept): at 10,000 articles the full
    // paths were 1.7 MB of strings beside the relative ones, which the parsed files' table shares.
    private readonly Dictionary<string, Kept> _listings = new(StringComparer.Ordinal);

    /// <summary>A folder's listing: <see cref="Root"/> and each file's relative path make its full path, unless it has its own.</summary>
    private sealed record Kept(string Root, (string? Full, string Relative)[] Files)
    {
        public static Kept Of(IReadOnlyList<(string Full, string Relative)> files)
        {
            var root = files.Count > 0 && files[0].Full.EndsWith(files[0].Relative, StringComparison.Ordinal)
                ? files[0].Full[..^files[0].Relative.Length] : "";
            var kept = new (string?, string)[files.Count];
            for (var i = 0; i < kept.Length; i++)
            {
                var (full, relative) = files[i];
                var made = full.Length == root.Length + relative.Length && full.StartsWith(root, StringComparison.Ordinal)
                    && full.EndsWith(relative, StringComparison.Ordinal);
                kept[i] = (made ? null : full, relative);
            }

            return new Kept(root, kept);
        }

        public List<(string Full, string Relative)> List()
        {
            var list = new List<(string Full, string Relative)>(Files.Length);
            foreach (var (full, relative) in Files)
            {
                list.Add((full ?? Root + relative, relative));
            }

            return list;
        }
    }
    private readonly HashSet<string> _changed = new(StringComparer.Ordinal);

    public int Count => _files.Count;

    /// <summary>Each item's governance findings (<see cref="GovernanceChecker"/>), kept like its parse.</summary>
    public GovernanceMemo Governance { get; } = new();

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
        _listings.Clear();
        _sortedArticles = null;
        _cleanReferences = null;
        Governance.Clear();
        _changed.Clear();
    }

    /// <summary>Records a path of the content folder (relative, <c>/</c>-separated; <c>.</c> for the folder itself) that was added, changed, renamed or deleted: a file or a folder.</summary>
    public void Changed(string relative)
    {
        if (relative == ".")
        {
            _listings.Clear();
            _changed.Clear();
            return;
        }

        _changed.Add(relative);
    }

    /// <summary>
    /// The files of <paramref name="folder"/> (under <paramref name="root"/>) as <paramref name="list"/> lists them.
    /// The last listing is brought up to date instead when it reported nothing and every path changed in the
    /// folder since is a regular file (added or changed) or is gone (a file or a folder, deleted or renamed away);
    /// a new or renamed-in folder, a link or a special file is listed again, with what the listing reports.
    /// </summary>
    public IReadOnlyList<(string Full, string Relative)> Listing(
        string root, string folder, Func<DiagnosticBag, IReadOnlyList<(string Full, string Relative)>> list, DiagnosticBag diagnostics)
    {
        var prefix = folder + "/";
        var changed = _changed.Where(p => p == folder || p.StartsWith(prefix, StringComparison.Ordinal)).Order(StringComparer.Ordinal).ToList();
        _changed.ExceptWith(changed);
        if (_listings.TryGetValue(folder, out var kept))
        {
            var known = kept.List();
            if (Apply(root, folder, known, changed))
            {
                if (changed.Count > 0)
                {
                    _listings[folder] = Kept.Of(known);
                }

                return known;
            }
        }

        var bag = new DiagnosticBag(diagnostics.DisplayRoot);
        var files = list(bag);
        diagnostics.AddRange(bag.Sorted());
        if (bag.Count == 0)
        {
            _listings[folder] = Kept.Of(files);
        }
        else
        {
            _listings.Remove(folder);
        }

        return files;
    }

    /// <summary>Brings a folder's listing up to date with the changed paths; false when it must be listed again.</summary>
    private static bool Apply(string root, string folder, List<(string Full, string Relative)> listing, IReadOnlyList<string> changed)
    {
        foreach (var relative in changed)
        {
            if (relative == folder)
            {
                return false;
            }

            if (relative.Split('/').Any(part => part.StartsWith('.')))
            {
                continue; // A listing skips names that start with a dot (and whatever is under them).
            }

            var full = Path.GetFullPath(Path.Combine(root, relative));
            try
            {
                var info = new FileInfo(full);
                if (info.LinkTarget is not null || Directory.Exists(full) || (info.Exists && FileTree.IsSpecial(full)))
                {
                    return false;
                }

                if (info.Exists)
                {
                    if (!listing.Exists(f => f.Relative == relative))
                    {
                        listing.Add((full, relative));
                    }
                }
                else
                {
                    listing.RemoveAll(f => f.Relative == relative || f.Relative.StartsWith(relative + "/", StringComparison.Ordinal));
                }
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                return false;
            }
        }

        listing.Sort((a, b) => string.CompareOrdinal(a.Relative, b.Relative));
        return true;
    }

    // The published articles in their order at the last load (newest first, then by slug).
    private List<Article>? _sortedArticles;

    /// <summary>
    /// The published articles of this load (<paramref name="articles"/>, in the files' order; <paramref name="fresh"/>: those
    /// of the files parsed in it) in the order <see cref="ContentLoader.SortArticles"/> gives. While every other article is
    /// one of the last load's (the same object) and each fresh one took the place of its file's last article with the same
    /// date and slug, that is the last order with each fresh article in its file's old place (a sort would put it there: the
    /// same keys, the same neighbours); otherwise the articles are sorted.
    /// </summary>
    public List<Article> SortedArticles(List<Article> articles, IReadOnlyList<Article> fresh)
    {
        var sorted = Patch(_sortedArticles, articles, fresh) ?? ContentLoader.SortArticles(articles);
        _sortedArticles = sorted;
        return sorted;
    }

    private static List<Article>? Patch(List<Article>? last, List<Article> articles, IReadOnlyList<Article> fresh)
    {
        if (last is null || last.Count != articles.Count)
        {
            return null;
        }

        var now = new HashSet<Article>(articles, ReferenceEqualityComparer.Instance);
        var byFile = new Dictionary<string, Article>(fresh.Count, StringComparer.Ordinal);
        foreach (var article in fresh)
        {
            byFile[article.Source.RelativePath] = article;
        }

        var patched = new List<Article>(last.Count);
        var replaced = 0;
        foreach (var before in last)
        {
            if (now.Contains(before))
            {
                patched.Add(before);
            }
            else if (byFile.TryGetValue(before.Source.RelativePath, out var replacement) && replacement.Date == before.Date
                && string.Equals(replacement.Slug, before.Slug, StringComparison.Ordinal))
            {
                patched.Add(replacement);
                replaced++;
            }
            else
            {
                // Its file went, or its article is a draft, failed or moved in the order.
                return null;
            }
        }

        // Every article of the last list is published now (kept or replaced by a fresh one of its file, each fresh one once:
        // one file, one article), every fresh one replaced one, and there are as many as before: the same articles.
        return replaced == fresh.Count ? Ordered(patched) : null;
    }

    // Equal keys side by side keep the files' order in a sort (a stable one); a replaced article among them is checked by sorting.
    private static List<Article>? Ordered(List<Article> patched)
    {
        for (var i = 1; i < patched.Count; i++)
        {
            if (patched[i - 1].Date == patched[i].Date && string.Equals(patched[i - 1].Slug, patched[i].Slug, StringComparison.Ordinal))
            {
                return null;
            }
        }

        return patched;
    }

    // What the published items' references were checked against at the last load, when none of them had a finding and
    // no exercise had failed its own checks.
    private (HashSet<string> Exercises, HashSet<string> Media)? _cleanReferences;

    /// <summary>
    /// True when no published item had a finding in the last load's reference check, no exercise failed its own checks
    /// then or now, and the exercises' slugs and the media files are the same now: then only the items parsed since are
    /// checked.
    /// </summary>
    public bool ReferencesClean(IReadOnlySet<string> exercises, IReadOnlyDictionary<string, FailedFile> failed, IReadOnlySet<string> media) =>
        failed.Count == 0 && _cleanReferences is { } last && last.Exercises.SetEquals(exercises) && last.Media.SetEquals(media);

    public void KeepReferences(HashSet<string> exercises, IReadOnlyDictionary<string, FailedFile> failed, IReadOnlySet<string> media, bool clean) =>
        _cleanReferences = clean && failed.Count == 0 ? (exercises, media.ToHashSet(StringComparer.Ordinal)) : null;

    /// <summary>Starts a rebuild: <see cref="Parsed"/> is emptied.</summary>
    public void BeginRound() => _parsed = new ConcurrentDictionary<string, byte>(StringComparer.Ordinal);
}
