namespace BackCareSite.Content;

/// <summary>Paths as diagnostics print them: relative to the working directory, with forward slashes.</summary>
internal static class PathDisplay
{
    public static string ForDiagnostics(string fullPath)
    {
        var relative = Path.GetRelativePath(Directory.GetCurrentDirectory(), fullPath);
        return relative.Replace('\\', '/');
    }

    /// <summary>Joins content-relative path segments with forward slashes.</summary>
    public static string Combine(string left, string right) =>
        left.Length == 0 ? right : left.TrimEnd('/') + "/" + right;
}
