namespace BackCareSite.Links;

/// <summary>
/// Every file of a site folder, by site-relative path with forward slashes, built once and then read
/// from many threads. Answers "which file does this path serve?" as a static host does: a folder
/// path (ending in <c>/</c>, or the empty root) serves its <c>index.html</c>; a path without the
/// trailing slash that names a folder also serves its <c>index.html</c> (hosts redirect
/// <c>/x</c> to <c>/x/</c>). Lookups are case-sensitive, like the Linux servers most sites run on.
/// </summary>
internal sealed class SiteIndex
{
    private readonly HashSet<string> _files;
    private readonly HashSet<string> _folders;
    private readonly Lazy<Dictionary<string, string>> _byLowerCase;

    public SiteIndex(IEnumerable<string> files)
    {
        _files = new HashSet<string>(files, StringComparer.Ordinal);
        _folders = new HashSet<string>(StringComparer.Ordinal) { "" };
        foreach (var file in _files)
        {
            for (var slash = file.LastIndexOf('/'); slash > 0; slash = file.LastIndexOf('/', slash - 1))
            {
                if (!_folders.Add(file[..slash]))
                {
                    break;
                }
            }
        }

        _byLowerCase = new Lazy<Dictionary<string, string>>(() =>
        {
            var map = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var file in _files.Order(StringComparer.Ordinal))
            {
                map.TryAdd(file.ToLowerInvariant(), file);
            }

            return map;
        });
    }

    /// <summary>Every file under <paramref name="root"/>, skipping nothing.</summary>
    public static SiteIndex FromFolder(string root)
    {
        var full = Path.GetFullPath(root);
        var files = Directory.EnumerateFiles(full, "*", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(full, f).Replace('\\', '/'));
        return new SiteIndex(files);
    }

    public IReadOnlyCollection<string> Files => _files;

    public bool Contains(string path) => _files.Contains(path);

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
            problem = _folders.Contains(folder)
                ? $"the folder `{(folder.Length == 0 ? "/" : folder + "/")}` has no index.html"
                : Missing(path.Length == 0 ? index : folder, index);
            return null;
        }

        if (_files.Contains(path))
        {
            return path;
        }

        if (_files.Contains(path + "/index.html"))
        {
            return path + "/index.html";
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
        foreach (var f in _folders)
        {
            if (f.Length > prefix.Length && f.StartsWith(prefix, StringComparison.Ordinal) && f.IndexOf('/', prefix.Length) < 0)
            {
                siblings.Add(f + "/");
            }
        }

        if (siblings.Count < 2000)
        {
            foreach (var f in _files)
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
}
