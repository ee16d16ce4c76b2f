namespace BackCareSite.Cli;

/// <summary>Dispatches the commands: build, check, serve, new, report.</summary>
internal static class CommandLine
{
    public const string Help = """
        BackCareSite: a static site generator for health content.

        Usage: backcaresite <command> [options]

        Commands:
          build     build the site into public/ (see `build --help`)
          check     check the links of any built site folder (see `check --help`)
          serve     preview the site with live reload (see `serve --help`)
          new       create a new article or exercise (see `new --help`)
          report    the governance report: review, sources, reading age per page (see `report --help`)

        Run `dotnet run --project generator -- <command> --help` for a command's options.
        """;

    private static readonly Dictionary<string, Func<IReadOnlyList<string>, TextWriter, TextWriter, int>> Commands = new(StringComparer.Ordinal)
    {
        ["build"] = BuildCommand.Run,
        ["check"] = CheckCommand.Run,
        ["new"] = NewCommand.Run,
        ["report"] = ReportCommand.Run,
        ["serve"] = ServeCommand.Run,
    };

    public static int Run(IReadOnlyList<string> args, TextWriter stdout, TextWriter stderr)
    {
        if (args.Count == 0 || args[0] is "--help" or "-h" or "help")
        {
            stdout.WriteLine(Help);
            return args.Count == 0 ? ExitCodes.Usage : ExitCodes.Ok;
        }

        try
        {
            if (!Commands.TryGetValue(args[0], out var command))
            {
                var suggestion = Content.Suggest.Closest(args[0], Commands.Keys);
                throw new UsageException($"unknown command `{args[0]}`{(suggestion is null ? "" : $"; did you mean `{suggestion}`?")} (commands: {string.Join(", ", Commands.Keys.Order(StringComparer.Ordinal))})");
            }

            return command(args.Skip(1).ToList(), stdout, stderr);
        }
        catch (UsageException ex)
        {
            stderr.WriteLine($"usage error: {ex.Message}");
            return ExitCodes.Usage;
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            stderr.WriteLine($"internal error: {ex.GetType().Name}: {ex.Message} (this is a bug in BackCareSite, not in your content; please report it)");
            return ExitCodes.InternalError;
        }
    }
}
