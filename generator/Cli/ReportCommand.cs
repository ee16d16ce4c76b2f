using BackCareSite.Content;

namespace BackCareSite.Cli;

/// <summary><c>report</c>: the governance report of the content, as text or JSON.</summary>
internal static class ReportCommand
{
    public const string Help = """
        Usage: backcaresite report [options]

        Prints the governance report: one row per page with its status, next review
        (days left), reading age, words, sources and reviewer, what needs attention
        first; then every problem, and the red-flag signs with their levels and sources.
        It checks the content as `build` does (not the templates or the built links).

        Options:
          --content DIR     content folder (default: content)
          --format FORMAT   `text` (default) or `json`
          --help            show this help

        Exit codes: 0 every page would pass `build --strict`, 1 a page would fail it, 2 usage error.
        """;

    private static readonly IReadOnlySet<string> Flags = new HashSet<string> { "--help" };
    private static readonly IReadOnlySet<string> Valued = new HashSet<string> { "--content", "--format" };

    public static int Run(IReadOnlyList<string> args, TextWriter stdout, TextWriter stderr) =>
        Run(args, stdout, stderr, DateOnly.FromDateTime(DateTime.UtcNow));

    public static int Run(IReadOnlyList<string> args, TextWriter stdout, TextWriter stderr, DateOnly today)
    {
        var reader = new ArgumentReader("report", args, Flags, Valued);
        if (reader.Flag("--help"))
        {
            stdout.WriteLine(Help);
            return ExitCodes.Ok;
        }

        if (reader.Positional.Count > 0)
        {
            throw new UsageException($"`report` takes no arguments, only options; got `{reader.Positional[0]}` (see `report --help`)");
        }

        var format = reader.Value("--format") ?? "text";
        if (format is not ("text" or "json"))
        {
            throw new UsageException($"`--format` must be `text` or `json`, not `{format}`");
        }

        var report = GovernanceReport.Create(reader.Value("--content") ?? "content", today, PathDisplay.WorkingDirectory());
        stdout.Write(format == "json" ? ReportFormats.Json(report) : ReportFormats.Text(report));
        return report.FailsStrict ? ExitCodes.Failed : ExitCodes.Ok;
    }
}
