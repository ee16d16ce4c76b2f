
namespace BackCareSite.Links;

/// <summary>
/// Every file of a site folder, by site-relative path with forward slashes, built once and then read
/// from many threads. Answers "which file does this path serve?" as a static host does: a folder
/// path (ending in <c>/</c>, or the empty root) serves its <c>index.html</c>; a path without the
/// trailing slash that names a folder also serves its <c>index.html</c> (hosts redirect
/// <c>/x</c> to <c>/x/</c>). Lookups are case-sensitive, like the Linux servers most sites run on.
/// The paths are kept as UTF-8 in a <see cref="Utf8Set"/> (a build keeps its index to the end, one path for each file of
/// the site); the folders and the lower-case table, which only a problem's message reads, are made when one is reported.
/// </summary>
internal sealed class SiteIndex
{
    private readonly Utf8Set _files;
    private readonly Lazy<HashSet<string>> _folders;
    private readonly Lazy<Dictionary<string, string>> _byLowerCase;

    public SiteIndex(IEnumerable<string> files)
        : this(Collect(files))
    {
    }

    /// <summary>An index of the paths of a set that is no longer added to (the build's writer's).</summary>
    public SiteIndex(Utf8Set files)
    {
        _files = files;
        Files = new FileList(files);
        _folders = new Lazy<HashSet<string>>(() =>
        {
            var folders = new HashSet<string>(StringComparer.Ordinal) { "" };
            foreach (var file in Files)
            {
                for (var slash = file.LastIndexOf('/'); slash > 0; slash = file.LastIndexOf('/', slash - 1))
                {
                    if (!folders.Add(file[..slash]))
                    {
                        break;
                    }
                }
            }

            return folders;
        });

        _byLowerCase = new Lazy<Dictionary<string, string>>(() =>
        {
            var map = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var file in Files.Order(StringComparer.Ordinal))
            {
                map.TryAdd(file.ToLowerInvariant(), file);
            }

            return map;
        });
    }

    private static Utf8Set Collect(IEnumerable<string> files)
    {
        var set = new Utf8Set();
        foreach (var file in files)
        {
            set.Add(file);
        }

        return set;
    }

    /// <summary>Every file under <paramref name="root"/>, skipping nothing.</summary>
    public static SiteIndex FromFolder(string root)
    {
        var full = Path.GetFullPath(root);
        var files = Directory.EnumerateFiles(full, "*", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(full, f).Replace('\\', '/'));
        return new SiteIndex(files);
    }

    /// <summary>Every file's path (each a string made as it is read).</summary>
    public IReadOnlyCollection<string> Files { get; }

    public bool Contains(string path) => _files.Contains(path);

    /// <summary>True when both hold the same paths.</summary>
    public bool SameFiles(SiteIndex other) =>
        ReferenceEquals(_files, other._files) || (_files.Count == other._files.Count && _files.ContainsAll(other._files));

    /// <summary>The file a decoded site path serves, or null with what went wrong.</summary>
    public string? Find(string path, out string? problem)
    {
        problem = null;
        if (path.Length == 0 || path.EndsWith('/'))
        {
            var index = path + "index.html";
            if (_files.Contains(index))
            {
                return index;
            }

            var folder = path.TrimEnd('/');
            problem = _folders.Value.Contains(folder)
                ? $"the folder `{(folder.Length == 0 ? "/" : folder + "/")}` has no index.html"
                : Missing(path.Length == 0 ? index : folder, index);
            return null;
        }

        if (_files.Contains(path))
        {
            return path;
        }

        var folderIndex = path + "/index.html";
        if (_files.Contains(folderIndex))
        {
            return folderIndex;
        }

        problem = Missing(path, path);
        return null;
    }

    private string Missing(string path, string lookedFor)
    {
        var hint = CaseHint(lookedFor) ?? CaseHint(lookedFor + "/index.html")
                   ?? (_files.Contains(path + ".html") ? $"; did you mean `{path}.html`? Only some hosts serve a page without its .html" : null)
                   ?? Nearby(path);
        return $"`{lookedFor}` does not exist{hint}";
    }

    private string? CaseHint(string path) =>
        _byLowerCase.Value.TryGetValue(path.ToLowerInvariant(), out var actual)
            ? $"; `{actual}` differs only in upper and lower case, which matters on the web server"
            : null;

    /// <summary>A close name in the same folder (cheap: never scans the whole site).</summary>
    private string Nearby(string path)
    {
        var slash = path.LastIndexOf('/');
        var folder = slash < 0 ? "" : path[..slash];
        var prefix = slash < 0 ? "" : folder + "/";
        var siblings = new List<string>();
        foreach (var f in _folders.Value)
        {
            if (f.Length > prefix.Length && f.StartsWith(prefix, StringComparison.Ordinal) && f.IndexOf('/', prefix.Length) < 0)
            {
                siblings.Add(f + "/");
            }
        }

        if (siblings.Count < 2000)
        {
            foreach (var f in Files)
            {
                if (f.StartsWith(prefix, StringComparison.Ordinal) && f.IndexOf('/', prefix.Length) < 0)
                {
                    siblings.Add(f);
                }
            }
        }

        var suggestion = siblings.Count is > 0 and < 5000 ? Content.Suggest.Closest(path, siblings) : null;
        return suggestion is null ? "" : $"; did you mean `{suggestion}`?";
    }

    /// <summary>The paths as a read-only collection (its <c>Contains</c> looks up the set rather than reading every path).</summary>
    private sealed class FileList(Utf8Set files) : ICollection<string>, IReadOnlyCollection<string>
    {
        public int Count => files.Count;

        public bool IsReadOnly => true;

        public bool Contains(string item) => files.Contains(item);

        public IEnumerator<string> GetEnumerator() => files.Strings().GetEnumerator();

        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();

        public void CopyTo(string[] array, int arrayIndex)
        {
            foreach (var file in files.Strings())
            {
                array[arrayIndex++] = file;
            }
        }

        public void Add(string item) => throw new NotSupportedException();

        public void Clear() => throw new NotSupportedException();

        public bool Remove(string item) => throw new NotSupportedException();
    }
}
