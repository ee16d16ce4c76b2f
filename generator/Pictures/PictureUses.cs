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

    /// <summary>Reports a picture's problem at every line that uses it, else at the picture file itself.</summary>
    public void Report(MediaFile file, PictureProblem problem, DiagnosticBag diagnostics)
    {
        var places = _uses.TryGetValue(file.RelativePath, out var found)
            ? found.Distinct().Order().ToList()
            : [(diagnostics.Display(file.FullPath), 1, 1)];
        // The message is written when it is read: a small picture used on thousands of pages is one warning at each.
        var severity = problem.IsError ? Severity.Error : Severity.Warning;
        foreach (var (path, line, column) in places)
        {
            diagnostics.Add(Diagnostic.Deferred(severity, problem.Code, path, line, column, (File: file.RelativePath, problem.Message),
                static p => $"picture `{p.File}` {p.Message}"));
        }
    }
}
