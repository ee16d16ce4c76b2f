namespace BackCareSite.Cli;

/// <summary>
/// A small reader for <c>--flag</c>, <c>--option value</c>, <c>--option=value</c>
/// and positional arguments, with a clear usage error for anything unknown.
/// </summary>
internal sealed class ArgumentReader
{
    private readonly string _command;
    private readonly Dictionary<string, string?> _options = new(StringComparer.Ordinal);
    private readonly List<string> _positional = [];

    public ArgumentReader(string command, IReadOnlyList<string> args, IReadOnlySet<string> flags, IReadOnlySet<string> valued)
    {
        _command = command;
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            if (arg == "--")
            {
                _positional.AddRange(args.Skip(i + 1));
                break;
            }

            if (!arg.StartsWith("--", StringComparison.Ordinal) || arg.Length == 2)
            {
                _positional.Add(arg);
                continue;
            }

            var equals = arg.IndexOf('=');
            var name = equals < 0 ? arg : arg[..equals];
            if (flags.Contains(name))
            {
                if (equals >= 0)
                {
                    throw new UsageException($"`{name}` takes no value; write `{name}` alone");
                }

                _options[name] = null;
            }
            else if (valued.Contains(name))
            {
                var value = equals >= 0 ? arg[(equals + 1)..] : i + 1 < args.Count ? args[++i] : null;
                if (string.IsNullOrEmpty(value) || (equals < 0 && value.StartsWith("--", StringComparison.Ordinal)))
                {
                    throw new UsageException($"`{name}` needs a value, for example `{name} {Example(name)}`");
                }

                _options[name] = value;
            }
            else
            {
                var all = flags.Concat(valued).ToList();
                var suggestion = Content.Suggest.Closest(name, all);
                throw new UsageException($"`{_command}` has no option `{name}`{(suggestion is null ? "" : $"; did you mean `{suggestion}`?")} (see `{_command} --help`)");
            }
        }
    }

    public IReadOnlyList<string> Positional => _positional;

    public bool Flag(string name) => _options.ContainsKey(name);

    public string? Value(string name) => _options.GetValueOrDefault(name);

    public int? Int(string name, int min, int max)
    {
        var text = Value(name);
        if (text is null)
        {
            return null;
        }

        return int.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var v) && v >= min && v <= max
            ? v
            : throw new UsageException($"`{name}` must be a whole number from {min} to {max}, not `{text}`");
    }

    private static string Example(string name) => name switch
    {
        "--base-url" => "https://physiobox.example",
        "--port" => "8080",
        "--format" => "json",
        _ => "DIR",
    };
}
