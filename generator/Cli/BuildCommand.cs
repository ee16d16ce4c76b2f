using System.Runtime;
using System.Text;
using BackCareSite.Build;
using BackCareSite.Search;

namespace BackCareSite.Cli;

/// <summary><c>build</c>: content and templates into the output folder.</summary>
internal static class BuildCommand
{
    public const string Help = """
        Usage: backcaresite build [options]

        Builds the site from Markdown content and Scriban templates into a folder.
        The old output is replaced only when the build succeeds.

        Options:
          --content DIR     content folder (default: content)
          --templates DIR   templates folder (default: templates)
          --out DIR         output folder (default: public)
          --base-url URL    absolute site address, overriding base_url in site.yml
          --cache-dir DIR   where encoded pictures are kept between builds
                            (default: .cache/pictures beside the content folder)
          --drafts          include pages marked `draft: true`
          --strict          fail on warnings too (for example an overdue review)
          --no-search       write no search index (skip Pagefind), even in CI
          --force           replace an output folder that no build wrote (it is deleted)
          --timings         print the wall time of each build stage and the
                            pictures encoded and reused
          --help            show this help

        Exit codes: 0 built, 1 content, template or link errors, 2 usage error.
        """;

    private static readonly IReadOnlySet<string> Flags = new HashSet<string> { "--drafts", "--strict", "--force", "--timings", "--no-search", "--help" };
    private static readonly IReadOnlySet<string> Valued = new HashSet<string> { "--content", "--templates", "--out", "--base-url", "--cache-dir" };

    /// <summary>Reads the build options (shared with <c>serve</c>).</summary>
    public static BuildOptions ReadOptions(ArgumentReader reader)
    {
        var baseUrl = reader.Value("--base-url");
        if (baseUrl is not null && !Content.SiteSettingsReader.IsHttpUrl(baseUrl))
        {
            throw new UsageException($"`--base-url` must be a full address such as https://physiobox.example, not `{baseUrl}`");
        }

        return new BuildOptions
        {
            ContentDir = reader.Value("--content") ?? "content",
            TemplatesDir = reader.Value("--templates") ?? "templates",
            OutDir = reader.Value("--out") ?? "public",
            BaseUrl = baseUrl,
            CacheDir = reader.Value("--cache-dir"),
            Drafts = reader.Flag("--drafts"),
            Strict = reader.Flag("--strict"),
            Search = SearchOptions.Find(Content.PathDisplay.WorkingDirectory(), required: SearchRequired()),
            Force = reader.Flag("--force"),
        };
    }

    /// <summary>
    /// CI (<c>CI=true</c>, which GitHub Actions, .ci/run and scripts/netlify-build.sh set) must
    /// publish a search index; a local build without Node or Pagefind skips search with a note.
    /// </summary>
    private static bool SearchRequired() =>
        string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    public static int Run(IReadOnlyList<string> args, TextWriter stdout, TextWriter stderr)
    {
        var reader = new ArgumentReader("build", args, Flags, Valued);
        if (reader.Flag("--help"))
        {
            stdout.WriteLine(Help);
            return ExitCodes.Ok;
        }

        if (reader.Positional.Count > 0)
        {
            throw new UsageException($"`build` takes no arguments, only options; got `{reader.Positional[0]}` (see `build --help`)");
        }

        var options = ReadOptions(reader);
        if (reader.Flag("--no-search"))
        {
            options = options with { Search = SearchOptions.Off };
        }

        // A build is a batch job: no background collections competing with rendering for the
        // cores. The runtime still starts with concurrent GC on (Generator.csproj), which keeps
        // the youngest generation cache-sized: half the peak memory of a non-concurrent start.
        GCSettings.LatencyMode = GCLatencyMode.Batch;
        var result = SiteBuilder.Build(options);
        if (reader.Flag("--timings"))
        {
            // CPU over wall is how many cores the stage kept busy.
            foreach (var stage in result.Timings)
            {
                stdout.WriteLine($"  {stage.Stage,-16} {stage.Time.TotalMilliseconds,8:0} ms   cpu {(stage.User + stage.System).TotalMilliseconds,6:0} ms (system {stage.System.TotalMilliseconds,5:0})   heap after: {stage.HeapBytes >> 20,5} MB");
            }

            stdout.WriteLine($"  pictures: {result.Pictures.Encoded} files encoded, {result.Pictures.Reused} reused from the cache, {result.PicturesPruned} unused entries pruned");
            stdout.WriteLine($"  allocated {GC.GetTotalAllocatedBytes() >> 20} MB; collections gen0 {GC.CollectionCount(0)}, gen1 {GC.CollectionCount(1)}, gen2 {GC.CollectionCount(2)}; "
                + $"GC pauses {GC.GetTotalPauseDuration().TotalMilliseconds:0} ms; JIT {System.Runtime.JitInfo.GetCompiledMethodCount()} methods in {System.Runtime.JitInfo.GetCompilationTime().TotalMilliseconds:0} ms");
        }

        return Report(result, options, stdout, stderr);
    }

    /// <summary>How many characters of diagnostics <see cref="Report"/> writes at a time.</summary>
    private const int ReportBatch = 32 * 1024;

    public static int Report(BuildResult result, BuildOptions options, TextWriter stdout, TextWriter stderr)
    {
        // In batches, not a line at a time: stderr flushes every write, and a large site's thousands of
        // warnings were as many system calls (each waking whoever reads the pipe) at the end of the build.
        var batch = new StringBuilder();
        foreach (var diagnostic in result.Diagnostics)
        {
            batch.Append(diagnostic.ToString()).Append(stderr.NewLine);
            if (batch.Length >= ReportBatch)
            {
                stderr.Write(batch.ToString());
                batch.Clear();
            }
        }

        if (batch.Length > 0)
        {
            stderr.Write(batch.ToString());
        }

        foreach (var note in result.Notes)
        {
            stdout.WriteLine("note: " + note);
        }

        var summary = $"{result.ErrorCount} error(s), {result.WarningCount} warning(s)";
        if (result.Published)
        {
            stdout.WriteLine($"Built {result.PageCount} pages into {options.OutDir}/ in {result.Elapsed.TotalSeconds:0.00} s ({summary}).");
            return ExitCodes.Ok;
        }

        var why = result.ErrorCount == 0 && options.Strict ? " (--strict: warnings count as errors)" : "";
        stderr.WriteLine($"Build failed: {summary}{why}. {options.OutDir}/ was left as it was.");
        return ExitCodes.Failed;
    }
}
