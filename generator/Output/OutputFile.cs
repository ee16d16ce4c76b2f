namespace BackCareSite.Output;

/// <summary>A generated file: its path inside the output folder (forward slashes) and its text.</summary>
internal sealed record OutputFile(string Path, string Text);

/// <summary>A file copied as it is (media, assets) to a path inside the output folder.</summary>
internal sealed record CopiedFile(string Path, string SourcePath);
