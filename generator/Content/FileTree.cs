using System.Runtime.InteropServices;
using BackCareSite.Diagnostics;

namespace BackCareSite.Content;

/// <summary>
/// Lists the files of a source folder (content, templates, media) without ever
/// following a symbolic link: a link could bring any file of the build machine
/// into the published site, so each one is an error at the link instead. Links
/// are never followed, so a loop of links cannot make the walk run forever.
/// Named pipes, sockets and devices are reported too: opening a pipe waits for a
/// writer that never comes, and a device can be read forever, so either would hang
/// the build rather than fail it.
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
                diagnostics.Error(ErrorCodes.FileUnreadable, diagnostics.Display(directory), 1, 1,
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
                else if (entry is FileInfo && IsSpecial(entry.FullName))
                {
                    ReportSpecial(entry.FullName, diagnostics);
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
        diagnostics.Error(ErrorCodes.SymbolicLink, diagnostics.Display(fullPath), 1, 1,
            $"this is a symbolic link{(target is null ? "" : $" to `{target}`")}; links are never followed, so that no file from outside the site's folders is published: copy the file here instead");
    }

    /// <summary>
    /// True when <paramref name="path"/> is a named pipe, a socket or a device rather than a
    /// regular file. Such entries report a length of 0, so only empty entries are asked
    /// about, with <c>lstat</c>; where that cannot be asked (not Linux), false.
    /// </summary>
    public static bool IsSpecial(string path)
    {
        if (!OperatingSystem.IsLinux() || RuntimeInformation.ProcessArchitecture is not (Architecture.X64 or Architecture.Arm64))
        {
            return false;
        }

        try
        {
            if (new FileInfo(path) is not { Exists: true, Length: 0 })
            {
                return false;
            }

            // struct stat: st_mode follows st_dev, st_ino and (on x86-64 only) st_nlink.
            var buffer = new byte[256];
            if (LStat(path, buffer) != 0)
            {
                return false;
            }

            var mode = BitConverter.ToUInt32(buffer, RuntimeInformation.ProcessArchitecture == Architecture.X64 ? 24 : 16);
            const uint typeMask = 0xF000, regular = 0x8000, directory = 0x4000, link = 0xA000;
            return (mode & typeMask) is not (regular or directory or link);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or DllNotFoundException or EntryPointNotFoundException)
        {
            return false;
        }
    }

    public static void ReportSpecial(string fullPath, DiagnosticBag diagnostics) =>
        diagnostics.Error(ErrorCodes.NotARegularFile, diagnostics.Display(fullPath), 1, 1,
            "this is a named pipe, socket or device, not a file: reading it could wait forever, so it is never read; remove it from the site's folders");

    [DllImport("libc", EntryPoint = "lstat", SetLastError = true, CharSet = CharSet.Ansi, BestFitMapping = false, ThrowOnUnmappableChar = true)]
    private static extern int LStat(string path, byte[] buffer);

    private static bool IsLink(FileSystemInfo entry) =>
        entry.LinkTarget is not null || (entry.Exists && entry.Attributes.HasFlag(FileAttributes.ReparsePoint));
}
