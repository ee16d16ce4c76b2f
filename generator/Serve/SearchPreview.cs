using BackCareSite.Diagnostics;
using BackCareSite.Search;

namespace BackCareSite.Serve;

/// <summary>
/// Search in the preview: after each good rebuild, the preview's pages are written to a
/// folder of their own and Pagefind indexes them there (in the background: a reload never
/// waits for it); <c>/pagefind/</c> is then served from that index, beside the in-memory site.
/// The index lags a save by the second or so Pagefind takes; <c>public/</c> is never touched.
/// </summary>
internal sealed class SearchPreview : IDisposable
{
    private readonly SearchOptions _options;
    private readonly string _root = Path.Combine(Path.GetTempPath(), "backcaresite-serve-search-" + Guid.NewGuid().ToString("N")[..10]);
    private readonly object _gate = new();
    // Fired by Dispose: a Pagefind run in progress is ended rather than left to outlive the preview.
    private readonly CancellationTokenSource _stopping = new();
    private Task _draining = Task.CompletedTask;
    // Written by the indexing task, read by requests: each is swapped whole, never changed in place.
    private volatile IReadOnlyDictionary<string, ServedFile> _index = new Dictionary<string, ServedFile>();
    private SiteSnapshot? _pending;
    private bool _running;
    private int _run;
    private volatile Merged? _merged;

    public SearchPreview(SearchOptions options) => _options = options;

    /// <summary>Raised after each indexing run with its problems (none when it worked).</summary>
    public event Action<IReadOnlyList<Diagnostic>>? Indexed;

    /// <summary>Indexes <paramref name="site"/> soon, after any run in progress (only the newest waiting site is indexed).</summary>
    public void Refresh(SiteSnapshot site)
    {
        lock (_gate)
        {
            if (_stopping.IsCancellationRequested)
            {
                return;
            }

            _pending = site;
            if (_running)
            {
                return;
            }

            _running = true;
            _draining = Task.Run(Drain);
        }
    }

    /// <summary><paramref name="site"/> with the latest search index added under <c>pagefind/</c>.</summary>
    public SiteSnapshot Serve(SiteSnapshot site)
    {
        var index = _index;
        if (index.Count == 0)
        {
            return site;
        }

        var merged = _merged;
        if (merged is not null && ReferenceEquals(merged.Site, site) && ReferenceEquals(merged.Index, index))
        {
            return merged.Result;
        }

        var files = new Dictionary<string, ServedFile>(site.Files, StringComparer.Ordinal);
        foreach (var (path, file) in index)
        {
            files.TryAdd(path, file);
        }

        var result = site with { Files = files };
        _merged = new Merged(site, index, result);
        return result;
    }

    /// <summary>The last site served with the index added, kept while neither changes.</summary>
    private sealed record Merged(SiteSnapshot Site, IReadOnlyDictionary<string, ServedFile> Index, SiteSnapshot Result);

    private void Drain()
    {
        while (true)
        {
            SiteSnapshot site;
            lock (_gate)
            {
                if (_pending is null || _stopping.IsCancellationRequested)
                {
                    _running = false;
                    return;
                }

                site = _pending;
                _pending = null;
            }

            Index(site);
        }
    }

    private void Index(SiteSnapshot site)
    {
        // A new folder for each run: the previous index stays servable until this one is done.
        var folder = Path.Combine(_root, (++_run).ToString(System.Globalization.CultureInfo.InvariantCulture));
        var diagnostics = new DiagnosticBag();
        try
        {
            foreach (var (path, file) in site.Files)
            {
                if (_stopping.IsCancellationRequested)
                {
                    return;
                }

                if (path.EndsWith(".html", StringComparison.Ordinal) && file.Bytes is { } bytes)
                {
                    var full = Path.Combine(folder, path);
                    Directory.CreateDirectory(Path.GetDirectoryName(full)!);
                    File.WriteAllBytes(full, bytes);
                }
            }

            if (SearchIndexer.Index(folder, folder, _options, diagnostics, _stopping.Token).Indexed)
            {
                var index = Path.Combine(folder, SearchIndexer.Folder);
                _index = Directory.EnumerateFiles(index, "*", SearchOption.AllDirectories)
                    .ToDictionary(f => SearchIndexer.Folder + "/" + Path.GetRelativePath(index, f).Replace('\\', '/'), ServedFile.Copy, StringComparer.Ordinal);
                DeleteOlderThan(_run);
            }
        }
        catch (IOException ex)
        {
            diagnostics.Error(ErrorCodes.SearchIndexFailed, folder, 1, 1, $"could not write the preview's pages for Pagefind: {ex.Message}");
        }

        if (!_stopping.IsCancellationRequested)
        {
            Indexed?.Invoke(diagnostics.Sorted());
        }
    }

    private void DeleteOlderThan(int run)
    {
        foreach (var dir in Directory.EnumerateDirectories(_root))
        {
            if (int.TryParse(Path.GetFileName(dir), out var n) && n < run)
            {
                TryDelete(dir);
            }
        }
    }

    private static void TryDelete(string dir)
    {
        try
        {
            Directory.Delete(dir, recursive: true);
        }
        catch (IOException)
        {
            // A request may still be reading a file of the old index; the next run retries.
        }
    }

    /// <summary>Ends a Pagefind run in progress (its whole process tree), waits for it, then deletes the index folders.</summary>
    public void Dispose()
    {
        Task draining;
        lock (_gate)
        {
            _pending = null;
            _stopping.Cancel();
            draining = _draining;
        }

        // Writing the pages for Pagefind is not interrupted; it ends soon after (a minute is generous).
        Task.WhenAny(draining, Task.Delay(TimeSpan.FromMinutes(1))).Wait();
        if (Directory.Exists(_root))
        {
            TryDelete(_root);
        }
    }
}
