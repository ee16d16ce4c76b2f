using System.Diagnostics;

namespace BackCareSite.Serve;

/// <summary>
/// Watches folders and reports changed files in batches: an editor's burst of saves
/// (write, rename, touch) becomes one batch once the folders have been quiet for
/// <see cref="Quiet"/>. Each batch carries the time its first change was seen, so the
/// terminal can show the time from change to reload. Batches are handled one at a time:
/// changes seen while a batch is handled (or, when created held, before <see cref="Release"/>)
/// are kept and form the next batch, so no save is lost.
/// </summary>
internal sealed class ChangeWatcher : IDisposable
{
    public static readonly TimeSpan Quiet = TimeSpan.FromMilliseconds(20);

    private readonly List<FileSystemWatcher> _watchers = [];
    private readonly Action<ChangeSet, long> _onBatch;
    private readonly object _gate = new();
    private readonly Timer _timer;
    private HashSet<string> _pending = new(StringComparer.Ordinal);
    private bool _all;
    private long _firstSeen;
    private bool _running;
    private bool _disposed;

    /// <param name="onBatch">Called with the changes and the <see cref="Stopwatch"/> timestamp of the first one.</param>
    /// <param name="folders">Folders watched with everything in them.</param>
    /// <param name="files">Single files (such as netlify.toml) watched on their own.</param>
    /// <param name="held">Watch at once but hand over no batch until <see cref="Release"/> (while the first build runs).</param>
    public ChangeWatcher(IEnumerable<string> folders, IEnumerable<string> files, Action<ChangeSet, long> onBatch, bool held = false)
    {
        _onBatch = onBatch;
        _running = held;
        _timer = new Timer(_ => Flush());
        var targets = folders.Where(Directory.Exists).Select(f => (Folder: Path.GetFullPath(f), Filter: "", Recursive: true))
            .Concat(files.Select(Path.GetFullPath).Where(f => Directory.Exists(Path.GetDirectoryName(f)))
                .Select(f => (Folder: Path.GetDirectoryName(f)!, Filter: Path.GetFileName(f), Recursive: false)));
        foreach (var (folder, filter, recursive) in targets)
        {
            var watcher = new FileSystemWatcher(folder, filter)
            {
                IncludeSubdirectories = recursive,
                NotifyFilter = NotifyFilters.FileName | NotifyFilters.DirectoryName | NotifyFilters.LastWrite | NotifyFilters.Size,
                InternalBufferSize = 64 * 1024,
            };
            watcher.Changed += (_, e) => Seen(e.FullPath);
            watcher.Created += (_, e) => Seen(e.FullPath);
            watcher.Deleted += (_, e) => Seen(e.FullPath);
            watcher.Renamed += (_, e) =>
            {
                Seen(e.OldFullPath);
                Seen(e.FullPath);
            };
            watcher.Error += (_, _) => SeenAll();
            watcher.EnableRaisingEvents = true;
            _watchers.Add(watcher);
        }
    }

    private void Seen(string path)
    {
        lock (_gate)
        {
            if (_pending.Count == 0 && !_all)
            {
                _firstSeen = Stopwatch.GetTimestamp();
            }

            _pending.Add(path);
            Arm();
        }
    }

    private void SeenAll()
    {
        lock (_gate)
        {
            if (_pending.Count == 0 && !_all)
            {
                _firstSeen = Stopwatch.GetTimestamp();
            }

            _all = true;
            Arm();
        }
    }

    private void Arm()
    {
        if (!_disposed && !_running)
        {
            _timer.Change(Quiet, Timeout.InfiniteTimeSpan);
        }
    }

    private void Flush()
    {
        ChangeSet batch;
        long firstSeen;
        lock (_gate)
        {
            if (_disposed || _running || (_pending.Count == 0 && !_all))
            {
                return;
            }

            batch = new ChangeSet(_pending, _all);
            firstSeen = _firstSeen;
            _pending = new HashSet<string>(StringComparer.Ordinal);
            _all = false;
            _running = true;
        }

        try
        {
            _onBatch(batch, firstSeen);
        }
        finally
        {
            lock (_gate)
            {
                _running = false;

                // Changes made during the rebuild: the next batch, after the quiet time.
                if (_pending.Count > 0 || _all)
                {
                    Arm();
                }
            }
        }
    }

    /// <summary>Starts handing over batches; what was seen while held is the first one.</summary>
    public void Release()
    {
        lock (_gate)
        {
            _running = false;
            if (_pending.Count > 0 || _all)
            {
                Arm();
            }
        }
    }

    public void Dispose()
    {
        lock (_gate)
        {
            _disposed = true;
        }

        foreach (var watcher in _watchers)
        {
            watcher.Dispose();
        }

        _timer.Dispose();
    }
}
