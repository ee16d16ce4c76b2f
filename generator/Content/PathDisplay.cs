namespace BackCareSite.Content;

/// <summary>
/// Paths as diagnostics and the terminal print them: relative to a display root (the folder
/// the command was started in, carried by the options and the <see cref="Diagnostics.DiagnosticBag"/>),
/// with forward slashes. Nothing here reads the process's working directory but
/// <see cref="WorkingDirectory"/>, which the command line calls once.
/// </summary>
internal static class PathDisplay
{
    /// <summary>The process's working directory, or null when it cannot be read (it was deleted): paths are then printed in full.</summary>
    public static string? WorkingDirectory()
    {
        try
        {
            return Directory.GetCurrentDirectory();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary><paramref name="path"/> relative to <paramref name="root"/> (a relative path is taken as relative to the root); in full without a root.</summary>
    public static string Relative(string? root, string path)
    {
        var shown = root is null ? path : Path.GetRelativePath(root, Path.GetFullPath(path, root));
        return shown.Replace('\\', '/');
    }

    /// <summary>Joins content-relative path segments with forward slashes.</summary>
    public static string Combine(string left, string right) =>
        left.Length == 0 ? right : left.TrimEnd('/') + "/" + right;
}
