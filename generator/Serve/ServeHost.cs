using System.Diagnostics;
using System.Globalization;
using BackCareSite.Build;
using BackCareSite.Content;

namespace BackCareSite.Serve;

/// <summary>
/// <c>serve</c> put together: the server, the in-memory site, the watcher and the
/// terminal report. Started by <c>ServeCommand</c> and, in-process, by the tests.
/// </summary>
internal sealed class ServeHost : IAsyncDisposable
{
    private readonly PreviewServer _server;
    private readonly PreviewSite _site;
    private readonly TextWriter _stdout;
    private readonly TextWriter _stderr;
    private readonly string _netlifyToml;
    private readonly PrintedLines _printedWarnings = new();
    // The warnings of the last report, as objects: a rebuild hands on the ones that did not change, which need not be written out to compare.
    private HashSet<BackCareSite.Diagnostics.Diagnostic> _reportedWarnings = new(ReferenceEqualityComparer.Instance);
    private readonly object _print = new();
    private volatile NetlifyHeaders _headers = NetlifyHeaders.None;
    private bool _timings;
    private ChangeWatcher? _watcher;
    private SearchPreview? _search;
    // Held while a batch is rebuilt and while the idle collection runs, so that the collection never stops a rebuild half-way.
    private readonly Lock _rebuilding = new();
    private readonly Timer _idle;
    private int _rebuilds;

    /// <summary>How long serve waits after a rebuild, with no change arriving, before it compacts its memory (<see cref="CompactWhenIdle"/>).</summary>
    internal TimeSpan IdleCollectionDelay { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Raised after each idle collection, with its pause (for tests and <c>--timings</c>).</summary>
    internal event Action<TimeSpan>? Compacted;

    private ServeHost(PreviewServer server, PreviewSite site, string netlifyToml, TextWriter stdout, TextWriter stderr)
    {
        _server = server;
        _site = site;
        _netlifyToml = netlifyToml;
        _stdout = stdout;
        _stderr = stderr;
        _idle = new Timer(_ => CompactWhenIdle());
    }

    public Uri Address => _server.Address;

    public PreviewSite Site => _site;

    /// <summary>Fires on Ctrl+C or SIGTERM.</summary>
    public CancellationToken Stopping => _server.Stopping;

    /// <summary>Raised after each rebuild caused by a change (for tests and measurements).</summary>
    public event Action<PreviewBuild, TimeSpan>? Rebuilt;

    /// <summary>
    /// Listens, builds the site once, then watches the folders. Throws <see cref="IOException"/>
    /// when the port is taken. <paramref name="netlifyToml"/> need not exist.
    /// </summary>
    /// <param name="timings">Print the time of each stage after every rebuild (<c>--timings</c>).</param>
    public static async Task<ServeHost> StartAsync(BuildOptions options, int port, string netlifyToml, TextWriter stdout, TextWriter stderr, bool timings = false)
    {
        var host = await ListenAsync(options, port, netlifyToml, stdout, stderr, timings);
        host.BuildFirst();
        return host;
    }

    /// <summary>
    /// Listens and starts watching the folders, and says so; <see cref="BuildFirst"/> builds the
    /// site. Until it has, the server answers with an empty site. Throws <see cref="IOException"/>
    /// when the port is taken.
    /// </summary>
    public static async Task<ServeHost> ListenAsync(BuildOptions options, int port, string netlifyToml, TextWriter stdout, TextWriter stderr, bool timings = false)
    {
        // Every folder a full path from here on: nothing below reads the working directory.
        options = options.Resolved(outDirUsed: false);
        PreviewSite? site = null;
        ServeHost? host = null;
        var basePath = options.BaseUrl is null ? "/" : new SiteUrls(options.BaseUrl).BasePath;
        var server = await PreviewServer.StartAsync(port, () => host?.Served() ?? site?.Snapshot ?? SiteSnapshot.Empty, () => host?._headers ?? NetlifyHeaders.None, basePath,
            report: () => Cli.ReportFormats.Html(GovernanceReport.Create(options.ContentDir, DateOnly.FromDateTime(DateTime.UtcNow), options.DisplayRoot)));
        site = new PreviewSite(options with { BaseUrl = options.BaseUrl ?? server.Address.ToString() });
        host = new ServeHost(server, site, netlifyToml, stdout, stderr) { _timings = timings };
        // Watch before the first build: a save made while it runs is the first rebuild after it.
        host._watcher = new ChangeWatcher([options.ContentDir, options.TemplatesDir], [netlifyToml], host.OnBatch, held: true);
        host.LoadHeaders();
        host.StartSearch(options.Search);
        lock (host._print)
        {
            stdout.WriteLine($"Building {PathDisplay.Relative(options.DisplayRoot, options.ContentDir)}/ for {server.Address} (Ctrl+C to stop)...");
        }

        return host;
    }

    /// <summary>The first, full build: served and reported, then the changes saved meanwhile are built.</summary>
    public void BuildFirst()
    {
        var first = _site.Rebuild(ChangeSet.Everything);
        _server.Reload.Broadcast(_site.Snapshot.Version);
        Report(first, null, ChangeSet.Everything);
        ReleaseGarbage(full: true);
        if (first.Succeeded)
        {
            _search?.Refresh(_site.Snapshot);
        }

        _watcher!.Release();
    }

    /// <summary>The site as served: the last build, plus the search index when there is one.</summary>
    private SiteSnapshot Served() => _search?.Serve(_site.Snapshot) ?? _site.Snapshot;

    /// <summary>Indexes the preview for search after each good rebuild when Pagefind is installed; else says once why not.</summary>
    private void StartSearch(Search.SearchOptions options)
    {
        if (!options.Enabled)
        {
            return;
        }

        if (options.Tool is null)
        {
            _stdout.WriteLine($"Search was skipped: Node or Pagefind is not installed; {Search.SearchIndexer.EnableHint}.");
            return;
        }

        _search = new SearchPreview(options with { Required = false });
        _search.Indexed += problems =>
        {
            lock (_print)
            {
                foreach (var problem in problems)
                {
                    _stderr.WriteLine(problem);
                }
            }
        };
    }

    private void LoadHeaders()
    {
        try
        {
            _headers = NetlifyHeaders.Load(_netlifyToml);
        }
        catch (Exception ex) when (ex is Tomlyn.TomlException or IOException or InvalidOperationException)
        {
            _headers = NetlifyHeaders.None;
            lock (_print)
            {
                _stderr.WriteLine($"{PathDisplay.Relative(_site.Options.DisplayRoot, _netlifyToml)}: warning: cannot read its [[headers]] ({ex.Message.Split('\n')[0]}); serving without them");
            }
        }
    }

    private void OnBatch(ChangeSet changes, long firstSeen)
    {
        if (changes.All || changes.Paths.Contains(Path.GetFullPath(_netlifyToml)))
        {
            LoadHeaders();
        }

        PreviewBuild result;
        lock (_rebuilding)
        {
            _rebuilds++;
            result = _site.Rebuild(changes);
        }

        _server.Reload.Broadcast(_site.Snapshot.Version);
        if (result.Succeeded)
        {
            _search?.Refresh(_site.Snapshot);
        }

        var latency = Stopwatch.GetElapsedTime(firstSeen);
        Report(result, latency, changes);
        Rebuilt?.Invoke(result, latency);
        // A rebuild that rendered most pages again (a template's edit) leaves as much scattered garbage as a full build.
        var full = result.Full || result.RenderedPages.Count * 2 > result.PageCount;
        ReleaseGarbage(full);
        if (!full)
        {
            _idle.Change(IdleCollectionDelay, Timeout.InfiniteTimeSpan);
        }
    }

    /// <summary>
    /// Once no change has arrived for <see cref="IdleCollectionDelay"/> after a rebuild, one compacting collection that
    /// gives the free memory back to the system (<see cref="GCCollectionMode.Aggressive"/>). The background collection
    /// after each rebuild frees what the rebuild replaced but moves nothing, so the kept site's memory was left with holes
    /// that stayed taken (docs/serve.md, "Session 11": about 30 MB after 8 saves on the 10,000-article site). A change
    /// arriving during it waits for it (a pause of a few hundred milliseconds on that site).
    /// </summary>
    private void CompactWhenIdle()
    {
        TimeSpan paused;
        var rebuilds = Volatile.Read(ref _rebuilds);
        lock (_rebuilding)
        {
            if (rebuilds != _rebuilds)
            {
                return; // A rebuild ran while this waited: it set the timer again.
            }

            var before = GC.GetTotalPauseDuration();
            GC.Collect(2, GCCollectionMode.Aggressive, blocking: true, compacting: true);
            paused = GC.GetTotalPauseDuration() - before;
        }

        if (_timings)
        {
            var info = GC.GetGCMemoryInfo(GCKind.Any);
            lock (_print)
            {
                _stdout.WriteLine($"  idle: memory compacted, paused {paused.TotalMilliseconds:0} ms; heap {info.HeapSizeBytes >> 20} MB, committed {info.TotalCommittedBytes >> 20} MB");
            }
        }

        Compacted?.Invoke(paused);
    }

    /// <summary>
    /// A full collection in the background, once the reload is sent. A rebuild runs without full
    /// collections (<see cref="PreviewSite.Rebuild"/>) and little is allocated between rebuilds, so
    /// without this the garbage of every rebuild (the views and plan of every page) piled up:
    /// serve grew by about 30 MB per save on a site of 2,000 articles, 140 MB on one of 10,000.
    /// <para>
    /// After a full build, or a rebuild that rendered most pages again, one compacting collection instead (a pause of
    /// about a second on a large site): such a rebuild leaves its long-lived objects (pages, traces, bodies) scattered
    /// among its garbage, and a background collection does not move them, so the memory between them stayed taken
    /// (on 2,000 articles, fifteen template edits took serve from 148 to 280 MB).
    /// </para>
    /// </summary>
    private static void ReleaseGarbage(bool full)
    {
        if (full)
        {
            GC.Collect(2, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        }
        else
        {
            GC.Collect(2, GCCollectionMode.Forced, blocking: false);
        }
    }

    private void Report(PreviewBuild result, TimeSpan? latency, ChangeSet changes)
    {
        lock (_print)
        {
            var reported = new HashSet<BackCareSite.Diagnostics.Diagnostic>(ReferenceEqualityComparer.Instance);
            foreach (var diagnostic in result.Diagnostics)
            {
                if (diagnostic.IsError)
                {
                    _stderr.WriteLine(diagnostic);
                }
                else if (reported.Add(diagnostic) && !_reportedWarnings.Contains(diagnostic) && _printedWarnings.Add(diagnostic.ToString()))
                {
                    _stderr.WriteLine(diagnostic);
                }
            }

            _reportedWarnings = reported;

            var time = DateTime.Now.ToString("HH:mm:ss", CultureInfo.InvariantCulture);
            var what = latency is null ? "Built" : $"{Describe(changes)}: rebuilt";
            var pages = result.Full && latency is null ? $"{result.PageCount} pages" : $"{result.RenderedPages.Count} of {result.PageCount} pages";
            var reload = latency is { } l ? $"; reload sent {l.TotalMilliseconds:0} ms after the change" : "";
            if (result.Succeeded)
            {
                _stdout.WriteLine($"[{time}] {what} {pages} in {result.Elapsed.TotalMilliseconds:0} ms{reload}.");
                if (_timings)
                {
                    _stdout.WriteLine($"  stages (ms): {_site.LastStages}");
                    var (spilled, files) = Rendering.TextSpill.InUse;
                    _stdout.WriteLine($"  texts kept in temporary files: {spilled / (1024 * 1024)} MB in {files} file(s)");
                }
            }
            else
            {
                _stderr.WriteLine($"[{time}] {(latency is null ? "Build" : Describe(changes) + ": rebuild")} failed: {result.ErrorCount} error(s), shown in the browser until fixed{reload}.");
            }

            if (latency is null)
            {
                _stdout.WriteLine($"Serving {PathDisplay.Relative(_site.Options.DisplayRoot, _site.Options.ContentDir)}/ on {Address} (live reload on; Ctrl+C to stop).");
            }
        }
    }

    private string Describe(ChangeSet changes)
    {
        if (changes.All)
        {
            return "everything";
        }

        // Editors' temporary files (written, then renamed over the real one) are not worth naming.
        var names = changes.Paths.Where(p => File.Exists(p) || Path.HasExtension(p))
            .Select(p => PathDisplay.Relative(_site.Options.DisplayRoot, p)).Order(StringComparer.Ordinal).ToList();
        return names.Count <= 3 ? string.Join(", ", names) : $"{string.Join(", ", names.Take(3))} and {names.Count - 3} more";
    }

    public async ValueTask DisposeAsync()
    {
        await _idle.DisposeAsync();
        _watcher?.Dispose();
        await _server.DisposeAsync();
        _search?.Dispose();
    }
}
