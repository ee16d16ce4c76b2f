using System.Diagnostics;
using BackCareSite.Content;
using BackCareSite.Links;

namespace BackCareSite.Cli;

/// <summary><c>check &lt;folder&gt;</c>: every link, image and anchor of a built static site.</summary>
internal static class CheckCommand
{
    public const string Help = """
        Usage: backcaresite check <folder> [options]

        Checks every .html file of a built static site (any generator's): links, images,
        srcset candidates, stylesheets, scripts and media resolve to files of the folder,
        #fragments name an element on the target page, images have alt, ids are unique,
        no link points at a .md source, mailto: and tel: links are well formed.
        External links are listed, not fetched, unless --external is given.

        Options:
          --base-url URL      the site's address: absolute links under it are checked as
                              files of the folder, and root-relative links resolve under
                              its path (for a site served from a sub-folder). By default it is
                              `base_url` of site.yml, when the folder was built from
                              content/site.yml beside it (or from --content)
          --content DIR       the content folder the site was built from, for its `base_url`
          --format FORMAT     text (default) or json
          --external          fetch external links (HEAD, then GET when HEAD is refused)
          --concurrency N     external requests at once (default 8)
          --per-host N        external requests at once to one host (default 2)
          --timeout SECONDS   time allowed per request (default 10)
          --retries N         retries after a timeout, network error, 5xx or 429 (default 2)
          --cache FILE        cache of working external URLs (default .linkcheck-cache.json)
          --cache-ttl HOURS   how long a cached URL is trusted; 0 turns the cache off (default 24)
          --help              show this help

        Exit codes: 0 nothing broken, 1 something broken, 2 usage error.
        """;

    private static readonly IReadOnlySet<string> Flags = new HashSet<string> { "--external", "--help" };

    private static readonly IReadOnlySet<string> Valued = new HashSet<string>
    {
        "--base-url", "--content", "--format", "--concurrency", "--per-host", "--timeout", "--retries", "--cache", "--cache-ttl",
    };

    public static int Run(IReadOnlyList<string> args, TextWriter stdout, TextWriter stderr) =>
        Run(args, stdout, stderr, ExternalChecker.DefaultHandler);

    internal static int Run(IReadOnlyList<string> args, TextWriter stdout, TextWriter stderr, Func<HttpMessageHandler> handler)
    {
        var reader = new ArgumentReader("check", args, Flags, Valued);
        if (reader.Flag("--help"))
        {
            stdout.WriteLine(Help);
            return ExitCodes.Ok;
        }

        if (reader.Positional.Count != 1)
        {
            throw new UsageException(reader.Positional.Count == 0
                ? "`check` needs the folder to check, for example `check public`"
                : $"`check` takes one folder, got {reader.Positional.Count}: {string.Join(", ", reader.Positional.Select(p => $"`{p}`"))}");
        }

        var folder = reader.Positional[0];
        if (!Directory.Exists(folder))
        {
            throw new UsageException($"folder `{folder}` does not exist; build the site first (`build`) or give the folder it was built into");
        }

        var baseUrl = reader.Value("--base-url");
        if (baseUrl is not null && !SiteSettingsReader.IsHttpUrl(baseUrl))
        {
            throw new UsageException($"`--base-url` must be a full address such as https://physiobox.example, not `{baseUrl}`");
        }

        var content = reader.Value("--content");
        if (baseUrl is null)
        {
            baseUrl = BaseUrlOfSite(folder, content, out var source);
            if (baseUrl is not null)
            {
                stderr.WriteLine($"base URL {baseUrl} (`base_url` of {source}): links under it are checked as files of the folder");
            }
        }

        var format = reader.Value("--format") ?? "text";
        if (format is not ("text" or "json"))
        {
            throw new UsageException($"`--format` must be `text` or `json`, not `{format}`");
        }

        var external = reader.Flag("--external");
        var externalOptions = new ExternalCheckOptions
        {
            Concurrency = reader.Int("--concurrency", 1, 256) ?? 8,
            PerHost = reader.Int("--per-host", 1, 64) ?? 2,
            Timeout = TimeSpan.FromSeconds(reader.Int("--timeout", 1, 600) ?? 10),
            Retries = reader.Int("--retries", 0, 10) ?? 2,
            CachePath = reader.Int("--cache-ttl", 0, 24 * 365) == 0 ? null : reader.Value("--cache") ?? ".linkcheck-cache.json",
            CacheTtl = TimeSpan.FromHours(reader.Int("--cache-ttl", 0, 24 * 365) ?? 24),
        };

        var clock = Stopwatch.StartNew();
        var display = PathDisplay.Relative(PathDisplay.WorkingDirectory(), Path.GetFullPath(folder));
        var result = LinkChecker.Check(folder, new LinkCheckOptions
        {
            BaseUrl = baseUrl,
            DisplayPath = path => PathDisplay.Combine(display, path),
        });

        ExternalReport? report = null;
        if (external)
        {
            using var http = handler();
            report = new ExternalChecker(http, externalOptions).CheckAsync(result.External.Keys).GetAwaiter().GetResult();
            result = result with { Diagnostics = Diagnostics.DiagnosticBag.Sort(result.Diagnostics.Concat(report.Diagnostics(result))) };
        }

        if (format == "json")
        {
            LinkReport.WriteJson(result, report, stdout);
        }
        else
        {
            LinkReport.WriteText(result, report, stdout);
            stderr.WriteLine($"({clock.Elapsed.TotalSeconds.ToString("0.00", System.Globalization.CultureInfo.InvariantCulture)} s)");
        }

        return result.ErrorCount > 0 ? ExitCodes.Failed : ExitCodes.Ok;
    }

    /// <summary>
    /// The site's own address, from <c>site.yml</c> in <paramref name="content"/> when given, else
    /// in the <c>content</c> folder beside the checked folder (<c>check public</c> next to <c>content/</c>).
    /// </summary>
    private static string? BaseUrlOfSite(string folder, string? content, out string? source)
    {
        var parent = Path.GetDirectoryName(Path.GetFullPath(folder).TrimEnd(Path.DirectorySeparatorChar)) ?? ".";
        var settings = Path.Combine(content ?? Path.Combine(parent, "content"), "site.yml");
        source = PathDisplay.Relative(PathDisplay.WorkingDirectory(), Path.GetFullPath(settings));
        if (!File.Exists(settings))
        {
            return content is null ? null
                : throw new UsageException($"`--content {content}` has no site.yml; give the content folder the site was built from");
        }

        var bag = new Diagnostics.DiagnosticBag();
        var file = SourceReader.Read(settings, "site.yml", bag);
        var fields = file is null ? null : YamlDocumentParser.ParseMapping(file, file.Text, 1, bag);
        var baseUrl = fields?.Peek("base_url");
        if (baseUrl is not null && SiteSettingsReader.IsHttpUrl(baseUrl))
        {
            return baseUrl;
        }

        return content is null ? null
            : throw new UsageException($"{source} has no valid `base_url`; fix it, or give `--base-url`");
    }
}
