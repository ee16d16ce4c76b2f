namespace BackCareSite.Content;

/// <summary>
/// A text file read from the content folder. <see cref="RelativePath"/> is
/// relative to the content root with forward slashes (<c>articles/x.md</c>);
/// <see cref="DisplayPath"/> is what diagnostics print (relative to the working
/// directory, so an editor can click it). <see cref="Text"/> has no BOM and LF
/// line endings, so line numbers match the file on disk.
/// </summary>
/// <remarks>
/// Every item of a site keeps its file for the whole build, so its three paths are kept as one string: the shown path
/// (which the file's diagnostics hold too). <see cref="RelativePath"/> is the end of it, and <see cref="FullPath"/> a
/// root shared by the files of the folder followed by that end; each is made when read. A path that does not fit that
/// shape (another separator, a relative path that is not the shown one's end) is kept as given.
/// </remarks>
internal sealed record SourceFile
{
    // The roots before RelativePath in FullPath: a few strings for the whole process (the content folders read).
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, string> Roots = new(StringComparer.Ordinal);

    // RelativePath when it is not the end of DisplayPath, else null (then it starts at _relativeStart).
    private readonly string? _relative;
    private readonly int _relativeStart;

    // The root FullPath is made of with RelativePath (shared), or FullPath itself when it does not end with RelativePath.
    private readonly string _full;
    private readonly bool _fullIsRoot;

    public SourceFile(string relativePath, string displayPath, string fullPath, string text)
    {
        DisplayPath = displayPath;
        Text = text;
        _relativeStart = displayPath.Length - relativePath.Length;
        var isEnd = displayPath.EndsWith(relativePath, StringComparison.Ordinal) && (_relativeStart == 0 || displayPath[_relativeStart - 1] == '/');
        _relative = isEnd ? null : relativePath;
        _fullIsRoot = relativePath.Length > 0 && fullPath.Length > relativePath.Length && fullPath.EndsWith(relativePath, StringComparison.Ordinal);
        _full = _fullIsRoot ? Roots.GetOrAdd(fullPath[..^relativePath.Length], static root => root) : fullPath;
    }

    /// <summary>The path relative to the content root, with forward slashes (<c>articles/x.md</c>).</summary>
    public string RelativePath => _relative ?? (_relativeStart == 0 ? DisplayPath : DisplayPath[_relativeStart..]);

    /// <summary>The path diagnostics print.</summary>
    public string DisplayPath { get; }

    /// <summary>The file's full path on disk.</summary>
    public string FullPath => _fullIsRoot ? _full + RelativePath : _full;

    public string Text { get; init; }

    /// <summary>Of the bytes <see cref="SourceReader.Read"/> read, to tell whether the file changed when it is read again (<see cref="SourceReader.ReadAgain"/>).</summary>
    public UInt128 Hash { get; init; }
}

/// <summary>A one-based line and column in a source file.</summary>
internal readonly record struct Spot(int Line, int Column)
{
    public static readonly Spot Start = new(1, 1);
}

/// <summary>A value with the place it was written.</summary>
internal sealed record Located<T>(T Value, Spot At);
