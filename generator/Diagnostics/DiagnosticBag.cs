using System.Collections.Concurrent;

namespace BackCareSite.Diagnostics;

/// <summary>
/// Collects diagnostics from every stage (and from parallel workers), so that a
/// run reports all problems, not only the first.
/// </summary>
internal sealed class DiagnosticBag(string? displayRoot)
{
    private readonly ConcurrentQueue<Diagnostic> _items = new();

    /// <summary>A bag whose paths are shown relative to the process's working directory (tests, one-off commands).</summary>
    public DiagnosticBag()
        : this(Content.PathDisplay.WorkingDirectory())
    {
    }

    /// <summary>The folder the diagnostics' paths are shown relative to (from the options); null: in full.</summary>
    public string? DisplayRoot { get; } = displayRoot;

    /// <summary>A file's path as this run's diagnostics show it.</summary>
    public string Display(string path) => Content.PathDisplay.Relative(DisplayRoot, path);

    public void Add(Diagnostic diagnostic) => _items.Enqueue(diagnostic);

    public void AddRange(IEnumerable<Diagnostic> diagnostics)
    {
        foreach (var d in diagnostics)
        {
            _items.Enqueue(d);
        }
    }

    public void Error(string code, string path, int line, int column, string message) =>
        Add(Diagnostic.Error(code, path, line, column, message));

    public void Warning(string code, string path, int line, int column, string message) =>
        Add(Diagnostic.Warning(code, path, line, column, message));

    public bool HasErrors => _items.Any(d => d.IsError);

    public int Count => _items.Count;

    /// <summary>All diagnostics in a stable order: by path, line, column, code, message.</summary>
    public IReadOnlyList<Diagnostic> Sorted() => Sort(_items);

    public static IReadOnlyList<Diagnostic> Sort(IEnumerable<Diagnostic> diagnostics) =>
        diagnostics
            .Distinct()
            .OrderBy(d => d.Path, StringComparer.Ordinal)
            .ThenBy(d => d.Line)
            .ThenBy(d => d.Column)
            .ThenBy(d => d.Code, StringComparer.Ordinal)
            .ThenBy(d => d.Message, StringComparer.Ordinal)
            .ToList();
}
