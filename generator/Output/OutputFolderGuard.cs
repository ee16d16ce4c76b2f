using BackCareSite.Content;
using BackCareSite.Diagnostics;

namespace BackCareSite.Output;

/// <summary>
/// Refuses an output folder that would overwrite what it is built from: the
/// content or templates folder, a folder that contains them, the repository
/// root, the working directory, the home folder or a file-system root (always,
/// even with <c>--force</c>); and, unless forced, any folder that is neither
/// empty nor marked as a build's output (<see cref="Publisher.MarkerName"/>),
/// because a build replaces the whole folder.
/// </summary>
internal static class OutputFolderGuard
{
    public static bool Check(string output, string content, string templates, bool force, DiagnosticBag diagnostics)
    {
        var outFull = Full(output);
        var problems = new List<string>();
        if (Path.GetPathRoot(outFull) == outFull)
        {
            problems.Add("it is the root of the file system");
        }

        var home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        if (home.Length > 0 && (Full(home) == outFull || IsInside(Full(home), outFull)))
        {
            problems.Add("it is the home folder or holds it");
        }

        // The working folder is the one the command was started in (the options' display root).
        var folders = new[] { ("content", content), ("templates", templates), ("working", diagnostics.DisplayRoot) };
        foreach (var (name, folder) in folders.Where(f => f.Item2 is not null).Select(f => (f.Item1, f.Item2!)))
        {
            var full = Full(folder);
            if (full == outFull)
            {
                problems.Add($"it is the {name} folder");
            }
            else if (IsInside(full, outFull))
            {
                problems.Add($"it contains the {name} folder");
            }
            else if (name != "working" && IsInside(outFull, full))
            {
                problems.Add($"it is inside the {name} folder");
            }
        }

        for (var dir = new DirectoryInfo(outFull); dir is not null; dir = dir.Parent)
        {
            if (dir.FullName == outFull && (Directory.Exists(Path.Combine(dir.FullName, ".git")) || File.Exists(Path.Combine(dir.FullName, "BackCareSite.sln"))))
            {
                problems.Add("it is a repository root");
            }
        }

        foreach (var problem in problems.Distinct())
        {
            diagnostics.Error(ErrorCodes.UnsafeOutputFolder, diagnostics.Display(outFull), 1, 1,
                $"refusing to build into this folder: {problem}, and a build replaces the whole folder; choose an output folder of its own, such as `public`");
        }

        if (problems.Count == 0 && !force && !IsReplaceable(outFull))
        {
            diagnostics.Error(ErrorCodes.OutputFolderNotOurs, diagnostics.Display(outFull), 1, 1,
                $"refusing to replace this folder: it is not empty and no build wrote it (it has no `{Publisher.MarkerName}` file), and a build replaces everything in it; "
                + "choose another output folder, delete this one, or pass `--force` if its files may all go (an output folder of an older version of BackCareSite needs this once)");
            return false;
        }

        return problems.Count == 0;
    }

    /// <summary>True when a build may replace <paramref name="folder"/>: missing, empty, or holding the marker a build writes.</summary>
    private static bool IsReplaceable(string folder)
    {
        if (File.Exists(folder) || FileTree.IsLink(folder))
        {
            return false;
        }

        try
        {
            return !Directory.Exists(folder)
                || File.Exists(Path.Combine(folder, Publisher.MarkerName))
                || !Directory.EnumerateFileSystemEntries(folder).Any();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    private static string Full(string path)
    {
        var full = Path.GetFullPath(path);
        return full == Path.GetPathRoot(full) ? full : full.TrimEnd(Path.DirectorySeparatorChar);
    }

    private static bool IsInside(string child, string parent) =>
        child.StartsWith(parent + Path.DirectorySeparatorChar, StringComparison.Ordinal);
}
