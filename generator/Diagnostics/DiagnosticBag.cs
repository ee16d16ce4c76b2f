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

    private int _errors;

    public void Add(Diagnostic diagnostic)
    {
        if (diagnostic.IsError)
        {
            Interlocked.Increment(ref _errors);
        }

        _items.Enqueue(diagnostic);
    }

    /// <summary>Adds a list (without an enumerator: the stages of <c>serve</c> add every kept item's list at every rebuild).</summary>
    public void AddRange(IReadOnlyList<Diagnostic> diagnostics)
    {
        for (var i = 0; i < diagnostics.Count; i++)
        {
            Add(diagnostics[i]);
        }
    }

    public void AddRange(IEnumerable<Diagnostic> diagnostics)
    {
        foreach (var d in diagnostics)
        {
            Add(d);
        }
    }

    /// <summary>Every diagnostic added, unsorted (duplicates included).</summary>
    public IReadOnlyCollection<Diagnostic> Items => _items;

    public void Error(string code, string path, int line, int column, string message) =>
        Add(Diagnostic.Error(code, path, line, column, message));

    public void Warning(string code, string path, int line, int column, string message) =>
        Add(Diagnostic.Warning(code, path, line, column, message));

    public bool HasErrors => Volatile.Read(ref _errors) > 0;

    public int Count => _items.Count;

    /// <summary>All diagnostics, each once, in a stable order: by path, line, column, code, message, severity.</summary>
    public IReadOnlyList<Diagnostic> Sorted() => Sort(_items);

    public static IReadOnlyList<Diagnostic> Sort(IEnumerable<Diagnostic> diagnostics) =>
        diagnostics.Distinct().OrderBy(d => d, Order).ToList();

    /// <summary>The order of <see cref="Sort"/>: by path, line, column, code, message, then warnings before errors, so only equal diagnostics compare equal.</summary>
    public static readonly IComparer<Diagnostic> Order = Comparer<Diagnostic>.Create((a, b) =>
    {
        var c = string.CompareOrdinal(a.Path, b.Path);
        c = c != 0 ? c : a.Line.CompareTo(b.Line);
        c = c != 0 ? c : a.Column.CompareTo(b.Column);
        c = c != 0 ? c : string.CompareOrdinal(a.Code, b.Code);
        c = c != 0 ? c : string.CompareOrdinal(a.Message, b.Message);
        return c != 0 ? c : a.Severity.CompareTo(b.Severity);
    });
}
