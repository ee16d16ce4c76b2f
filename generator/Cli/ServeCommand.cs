using BackCareSite.Serve;

namespace BackCareSite.Cli;

/// <summary><c>serve</c>: builds the site in memory, serves it with live reload and rebuilds on every change.</summary>
internal static class ServeCommand
{
    public const string Help = """
        Usage: backcaresite serve [options]

        Builds the site in memory and serves it on http://127.0.0.1:PORT/ with the headers
        of netlify.toml. Watches the content and templates folders: each save rebuilds
        the pages it affects and reloads the open pages. Errors show in the browser and here.
        The output folder (public/) is never touched.

        Options:
          --content DIR     content folder (default: content)
          --templates DIR   templates folder (default: templates)
          --base-url URL    site address used in pages (default: the preview's own address)
          --drafts          include pages marked `draft: true`
          --port N          port to listen on (default: 8080)
          --cache-dir DIR   where encoded pictures are kept between builds
                            (default: .cache/pictures beside the content folder)
          --timings         print the time of each stage after every rebuild
          --help            show this help

        Exit codes: 0 stopped with Ctrl+C, 2 usage error or the port is taken.
        """;

    public const int DefaultPort = 8080;

    private static readonly IReadOnlySet<string> Flags = new HashSet<string> { "--drafts", "--timings", "--help" };
    private static readonly IReadOnlySet<string> Valued = new HashSet<string> { "--content", "--templates", "--base-url", "--port", "--cache-dir" };

    public static int Run(IReadOnlyList<string> args, TextWriter stdout, TextWriter stderr)
    {
        var reader = new ArgumentReader("serve", args, Flags, Valued);
        if (reader.Flag("--help"))
        {
            stdout.WriteLine(Help);
            return ExitCodes.Ok;
        }

        if (reader.Positional.Count > 0)
        {
            throw new UsageException($"`serve` takes no arguments, only options; got `{reader.Positional[0]}` (see `serve --help`)");
        }

        var options = BuildCommand.ReadOptions(reader);
        var port = reader.Int("--port", 0, 65535) ?? DefaultPort;
        foreach (var (folder, flag) in new[] { (options.ContentDir, "--content"), (options.TemplatesDir, "--templates") })
        {
            if (!Directory.Exists(folder))
            {
                throw new UsageException($"the folder `{folder}` does not exist; run this in the site's folder or pass `{flag} DIR`");
            }
        }

        var netlifyToml = NetlifyTomlFor(options.ContentDir);
        NativeHeap.KeepThresholds();
        ServeHost host;
        try
        {
            host = ServeHost.ListenAsync(options, port, netlifyToml, stdout, stderr, reader.Flag("--timings")).GetAwaiter().GetResult();
        }
        catch (IOException ex)
        {
            stderr.WriteLine($"error: cannot listen on 127.0.0.1:{port}: {(ex.Message.Contains("in use", StringComparison.OrdinalIgnoreCase) ? "the port is already in use" : ex.Message)}; stop the other server or pass another port, such as `--port {(port == 65535 ? 8081 : port + 1)}`");
            return ExitCodes.Usage;
        }

        // The web host handles Ctrl+C and SIGTERM by stopping the server; then clean up and exit.
        // The first build runs beside that wait, so a stop is at once even while a large site
        // builds: that build is in memory only (pictures are cached through a temporary folder
        // renamed into place), so it ends with the process and nothing is left half-written.
        var first = Task.Run(host.BuildFirst);
        WaitHandle.WaitAny([host.Stopping.WaitHandle, ((IAsyncResult)first).AsyncWaitHandle]);
        if (!first.IsCompleted)
        {
            stdout.WriteLine("Stopped before the first build ended.");
            return ExitCodes.Ok;
        }

        first.GetAwaiter().GetResult();
        host.Stopping.WaitHandle.WaitOne();
        host.DisposeAsync().AsTask().GetAwaiter().GetResult();
        stdout.WriteLine("Stopped.");
        return ExitCodes.Ok;
    }

    /// <summary>netlify.toml lives in the site's folder: the parent of the content folder.</summary>
    public static string NetlifyTomlFor(string contentDir) =>
        Path.Combine(Path.GetDirectoryName(Path.GetFullPath(contentDir).TrimEnd(Path.DirectorySeparatorChar)) ?? ".", "netlify.toml");
}
