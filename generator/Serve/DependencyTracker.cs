namespace BackCareSite.Serve;

/// <summary>Which pages to render again after a change, and which pages no longer exist.</summary>
internal sealed record AffectedPages(IReadOnlySet<string> Render, IReadOnlySet<string> Removed, IReadOnlySet<string> ChangedKeys);

/// <summary>
/// The dependency rules of the preview. Each page (by output path) lists the keys it
/// depends on: <c>template:NAME</c> for its template, the layout and every partial they
/// include; <c>item:URL</c> for every article, exercise or page it shows (an article's
/// page, and the home, index, tag pages and cards that list it); <c>page:PATH</c> for its
/// own data (title, pagination, counts, the order of its lists); <c>site</c> for site.yml,
/// red-flags.yml and the assets. Every key has a version (a fingerprint of its value).
/// A page is rendered again when it is new, when its list of keys changed, or when the
/// version of one of its keys changed; pages no longer planned are removed.
/// </summary>
internal sealed class DependencyTracker
{
    private IReadOnlyDictionary<string, IReadOnlySet<string>> _pages = new Dictionary<string, IReadOnlySet<string>>(StringComparer.Ordinal);
    private IReadOnlyDictionary<string, ulong> _versions = new Dictionary<string, ulong>(StringComparer.Ordinal);

    public IReadOnlyDictionary<string, IReadOnlySet<string>> Pages => _pages;

    public IReadOnlyDictionary<string, ulong> Versions => _versions;

    /// <summary>The keys whose version differs, or that exist on one side only.</summary>
    public static IReadOnlySet<string> ChangedKeys(IReadOnlyDictionary<string, ulong> before, IReadOnlyDictionary<string, ulong> after)
    {
        var changed = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (key, version) in after)
        {
            if (!before.TryGetValue(key, out var old) || old != version)
            {
                changed.Add(key);
            }
        }

        changed.UnionWith(before.Keys.Where(k => !after.ContainsKey(k)));
        return changed;
    }

    /// <summary>The pages affected by a set of changed keys.</summary>
    public static AffectedPages Affected(
        IReadOnlyDictionary<string, IReadOnlySet<string>> before,
        IReadOnlyDictionary<string, IReadOnlySet<string>> after,
        IReadOnlySet<string> changedKeys)
    {
        var render = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (page, keys) in after)
        {
            if (!before.TryGetValue(page, out var old) || !old.SetEquals(keys) || keys.Overlaps(changedKeys))
            {
                render.Add(page);
            }
        }

        var removed = before.Keys.Where(p => !after.ContainsKey(p)).ToHashSet(StringComparer.Ordinal);
        return new AffectedPages(render, removed, changedKeys);
    }

    /// <summary>Compares the newly planned pages with the recorded ones (nothing is recorded yet).</summary>
    public AffectedPages Compare(IReadOnlyDictionary<string, IReadOnlySet<string>> pages, IReadOnlyDictionary<string, ulong> versions) =>
        Affected(_pages, pages, ChangedKeys(_versions, versions));

    /// <summary>Records the pages once they are rendered and served.</summary>
    public void Commit(IReadOnlyDictionary<string, IReadOnlySet<string>> pages, IReadOnlyDictionary<string, ulong> versions)
    {
        _pages = pages;
        _versions = versions;
    }
}
