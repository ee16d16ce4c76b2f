using BackCareSite.Content;
using BackCareSite.Diagnostics;

namespace BackCareSite.Output;

/// <summary>
/// Refuses an output folder that would overwrite what it is built from: the
/// content or templates folder, a folder that contains them, the repository
/// root, the working directory or a file-system root.
/// </summary>
internal static class OutputFolderGuard
{
    public static bool Check(string output, string content, string templates, DiagnosticBag diagnostics)
    {
        var outFull = Full(output);
        var problems = new List<string>();
        if (Path.GetPathRoot(outFull) == outFull + Path.DirectorySeparatorChar || outFull.Length <= 1)
        {
            problems.Add("it is the root of the file system");
        }

        foreach (var (name, folder) in new[] { ("content", content), ("templates", templates), ("working", Directory.GetCurrentDirectory()) })
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
            diagnostics.Error(ErrorCodes.UnsafeOutputFolder, PathDisplay.ForDiagnostics(outFull), 1, 1,
                $"refusing to build into this folder: {problem}, and a build replaces the whole folder; choose an output folder of its own, such as `public`");
        }

        return problems.Count == 0;
    }

    private static string Full(string path) => Path.GetFullPath(path).TrimEnd(Path.DirectorySeparatorChar);

    private static bool IsInside(string child, string parent) =>
        child.StartsWith(parent + Path.DirectorySeparatorChar, StringComparison.Ordinal);
}
