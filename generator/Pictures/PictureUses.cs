using System.Collections.Concurrent;
using BackCareSite.Content;
using BackCareSite.Diagnostics;

namespace BackCareSite.Pictures;

/// <summary>
/// Where each picture is used (a Markdown image's line, a front-matter <c>image:</c>),
/// gathered by the link stage, so that a problem with a picture file is reported at
/// the lines an editor wrote, also when it is found later, while encoding.
/// </summary>
internal sealed class PictureUses
{
    private readonly ConcurrentDictionary<string, ConcurrentBag<(string Path, int Line, int Column)>> _uses = new(StringComparer.Ordinal);

    public void Add(string media, string path, int line, int column) =>
        _uses.GetOrAdd(media, _ => []).Add((path, line, column));

    /// <summary>
    /// Reports a picture's problem at every line that uses it, else at the picture file itself. With <paramref name="kept"/>
    /// (<c>serve</c>), the diagnostics of the last run are reported again while the problem and its places are the same.
    /// </summary>
    public void Report(MediaFile file, PictureProblem problem, DiagnosticBag diagnostics, PictureProblemMemo? kept = null)
    {
        var places = _uses.TryGetValue(file.RelativePath, out var found)
            ? found.Distinct().Order().ToList()
            : [(diagnostics.Display(file.FullPath), 1, 1)];
        if (kept?.Find(file.RelativePath, problem, places) is { } same)
        {
            diagnostics.AddRange(same);
            return;
        }

        // The message is written when it is read: a small picture used on thousands of pages is one warning at each.
        var severity = problem.IsError ? Severity.Error : Severity.Warning;
        if (kept is null)
        {
            // A build keeps each as a few bytes (its path, line and column, the picture's name and problem, once each).
            var kind = severity == Severity.Error ? ErrorAt(problem.Code) : WarningAt(problem.Code);
            foreach (var (path, line, column) in places)
            {
                diagnostics.Add(kind, path, line, column, [], [file.RelativePath, problem.Message]);
            }

            return;
        }

        var made = new List<Diagnostic>(places.Count);
        foreach (var (path, line, column) in places)
        {
            made.Add(Diagnostic.Deferred(severity, problem.Code, path, line, column, (File: file.RelativePath, problem.Message),
                static p => $"picture `{p.File}` {p.Message}"));
        }

        diagnostics.AddRange(made);
        kept.Keep(file.RelativePath, problem, places, made);
    }

    // One packed kind per code and severity, made when first needed.
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, PackedMessage> Errors = new(StringComparer.Ordinal);
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, PackedMessage> Warnings = new(StringComparer.Ordinal);

    private static PackedMessage ErrorAt(string code) => Errors.GetOrAdd(code, static c => new PackedMessage(Severity.Error, c, Message));

    private static PackedMessage WarningAt(string code) => Warnings.GetOrAdd(code, static c => new PackedMessage(Severity.Warning, c, Message));

    private static string Message(PackedParts p) => $"picture `{p.Text(0)}` {p.Text(1)}";
}

/// <summary>
/// The diagnostics of each picture's problem at the last run (<c>serve</c>, which reports them at every rebuild): the same
/// objects are reported again while the picture has the same problem at the same places, so a save of one article does not
/// make (and sort in, and print-check) a warning at every use of every picture with a problem.
/// </summary>
internal sealed class PictureProblemMemo
{
    private sealed record Entry(PictureProblem Problem, List<(string Path, int Line, int Column)> Places, IReadOnlyList<Diagnostic> Found);

    private Dictionary<string, Entry> _last = new(StringComparer.Ordinal);
    private Dictionary<string, Entry> _now = new(StringComparer.Ordinal);

    /// <summary>The last run's diagnostics of this problem at these places, or null.</summary>
    public IReadOnlyList<Diagnostic>? Find(string media, PictureProblem problem, List<(string Path, int Line, int Column)> places)
    {
        if (_last.TryGetValue(media, out var entry) && entry.Problem == problem && entry.Places.SequenceEqual(places))
        {
            _now[media] = entry;
            return entry.Found;
        }

        return null;
    }

    public void Keep(string media, PictureProblem problem, List<(string Path, int Line, int Column)> places, IReadOnlyList<Diagnostic> found) =>
        _now[media] = new Entry(problem, places, found);

    /// <summary>Ends a run: what it reported is what the next run compares with (a picture without a problem now is forgotten).</summary>
    public void EndRun()
    {
        _last = _now;
        _now = new Dictionary<string, Entry>(StringComparer.Ordinal);
    }
}
