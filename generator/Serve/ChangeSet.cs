namespace BackCareSite.Serve;

/// <summary>
/// The files that changed since the last rebuild, as full paths; <see cref="Everything"/>
/// when the watcher lost track (or for the first build) and all must be read again.
/// </summary>
internal sealed record ChangeSet(IReadOnlySet<string> Paths, bool All)
{
    public static readonly ChangeSet Everything = new(new HashSet<string>(), All: true);

    public static ChangeSet Of(params string[] paths) => new(paths.Select(Path.GetFullPath).ToHashSet(StringComparer.Ordinal), All: false);
}
