namespace BackCareSite.Content;

/// <summary>
/// A content file read again during a build (to parse it for rendering) is no longer the file that was read and
/// checked: it changed or was deleted while the site was being built. The build reports it and publishes nothing.
/// </summary>
internal sealed class SourceChangedException(SourceFile file)
    : IOException("the file changed while the site was being built, after its checks; build again once it is saved")
{
    public SourceFile File { get; } = file;
}
