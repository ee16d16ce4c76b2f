using BackCareSite.Diagnostics;

namespace BackCareSite.Content;

/// <summary>
/// Lists the files of a source folder (content, templates, media) without ever
/// following a symbolic link: a link could bring any file of the build machine
/// into the published site, so each one is an error at the link instead. Links
/// are never followed, so a loop of links cannot make the walk run forever.
/// </summary>
internal static class FileTree
{
    private static readonly EnumerationOptions OneLevel = new()
    {
        RecurseSubdirectories = false,
        IgnoreInaccessible = false,
        AttributesToSkip = 0,
        ReturnSpecialDirectories = false,
    };

    /// <summary>
    /// Every regular file below <paramref name="folder"/> (sorted by its path relative to
    /// <paramref name="root"/>, with forward slashes), skipping names that start with a dot.
    /// Symbolic links and unreadable folders are reported.
    /// </summary>
    public static IReadOnlyList<(string Full, string Relative)> Files(string root, string folder, DiagnosticBag diagnostics)
    {
        var found = new List<(string Full, string Relative)>();
        var pending = new Stack<string>();
        pending.Push(folder);
        while (pending.Count > 0)
        {
            var directory = pending.Pop();
            IEnumerable<FileSystemInfo> entries;
            try
            {
                entries = new DirectoryInfo(directory).EnumerateFileSystemInfos("*", OneLevel).ToList();
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                diagnostics.Error(ErrorCodes.FileUnreadable, PathDisplay.ForDiagnostics(directory), 1, 1,
                    $"cannot read this folder: {ex.Message}; check its permissions");
                continue;
            }

            foreach (var entry in entries)
            {
                if (entry.Name.StartsWith('.'))
                {
                    continue;
                }

                if (IsLink(entry))
                {
                    ReportLink(entry.FullName, diagnostics);
                }
                else if (entry is DirectoryInfo)
                {
                    pending.Push(entry.FullName);
                }
                else if (entry is FileInfo)
                {
                    found.Add((entry.FullName, Path.GetRelativePath(root, entry.FullName).Replace('\\', '/')));
                }
            }
        }

        found.Sort((a, b) => string.CompareOrdinal(a.Relative, b.Relative));
        return found;
    }

    /// <summary>True when <paramref name="path"/> is itself a symbolic link (or another reparse point).</summary>
    public static bool IsLink(string path)
    {
        try
        {
            return IsLink(new FileInfo(path));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    public static void ReportLink(string fullPath, DiagnosticBag diagnostics)
    {
        var target = new FileInfo(fullPath).LinkTarget;
        diagnostics.Error(ErrorCodes.SymbolicLink, PathDisplay.ForDiagnostics(fullPath), 1, 1,
            $"this is a symbolic link{(target is null ? "" : $" to `{target}`")}; links are never followed, so that no file from outside the site's folders is published: copy the file here instead");
    }

    private static bool IsLink(FileSystemInfo entry) =>
        entry.LinkTarget is not null || (entry.Exists && entry.Attributes.HasFlag(FileAttributes.ReparsePoint));
}
