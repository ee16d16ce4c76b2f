namespace BackCareSite.Content;

/// <summary>
/// A text file read from the content folder. <see cref="RelativePath"/> is
/// relative to the content root with forward slashes (<c>articles/x.md</c>);
/// <see cref="DisplayPath"/> is what diagnostics print (relative to the working
/// directory, so an editor can click it). <see cref="Text"/> has no BOM and LF
/// line endings, so line numbers match the file on disk.
/// </summary>
internal sealed record SourceFile(string RelativePath, string DisplayPath, string FullPath, string Text)
{
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
