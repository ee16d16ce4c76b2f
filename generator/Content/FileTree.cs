using System.IO.Enumeration;
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
            List<(string Full, bool IsDirectory)> entries;
            try
            {
                // Names and whether each is a folder come with the listing; nothing is asked of the file system per entry here.
                entries = new FileSystemEnumerable<(string Full, bool IsDirectory)>(directory, (ref FileSystemEntry e) => (e.ToFullPath(), e.IsDirectory), OneLevel)
                {
                    ShouldIncludePredicate = (ref FileSystemEntry e) => !e.FileName.StartsWith('.'),
                }.ToList();
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                diagnostics.Error(ErrorCodes.FileUnreadable, diagnostics.Display(directory), 1, 1,
                    $"cannot read this folder: {ex.Message}; check its permissions");
                continue;
            }

            foreach (var (full, isDirectory) in entries)
            {
                // One lstat tells a link, a pipe or device, a folder and a file apart.
                var kind = Stat(full)?.Kind;
                if (kind is null)
                {
                    // Where lstat cannot be asked, .NET is asked instead.
                    FileSystemInfo info = isDirectory ? new DirectoryInfo(full) : new FileInfo(full);
                    kind = IsLink(info) ? EntryKind.Link : isDirectory ? EntryKind.Directory : EntryKind.Regular;
                }

                if (kind is EntryKind.Link)
                {
                    ReportLink(full, diagnostics);
                }
                else if (kind is EntryKind.Special)
                {
                    ReportSpecial(full, diagnostics);
                }
                else if (isDirectory)
                {
                    pending.Push(full);
                }
                else
                {
                    // A regular file (or one gone since it was listed, reported when it is read).
                    found.Add((full, Path.GetRelativePath(root, full).Replace('\\', '/')));
                }
            }
        }

        found.Sort((a, b) => string.CompareOrdinal(a.Relative, b.Relative));
        return found;
    }

    /// <summary>True when <paramref name="path"/> is itself a symbolic link (or another reparse point).</summary>
    public static bool IsLink(string path)
    {
        if (Stat(path) is { } entry)
        {
            return entry.Kind == EntryKind.Link;
        }

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
    /// regular file, a folder or a link, from <c>lstat</c>; where that cannot be asked (not Linux), false.
    /// </summary>
    public static bool IsSpecial(string path) => Stat(path)?.Kind == EntryKind.Special;

    /// <summary>
    /// What <paramref name="path"/> itself is (a link is not followed) and its length in bytes, from one <c>lstat</c>;
    /// null where that cannot be asked (not Linux on x86-64 or Arm64: the callers then ask .NET, at more calls each).
    /// </summary>
    public static (EntryKind Kind, long Length)? Stat(string path)
    {
        if (!OperatingSystem.IsLinux() || RuntimeInformation.ProcessArchitecture is not (Architecture.X64 or Architecture.Arm64))
        {
            return null;
        }

        try
        {
            // struct stat: st_mode follows st_dev, st_ino and (on x86-64 only) st_nlink; st_size is at 48 on both.
            Span<byte> buffer = stackalloc byte[256];
            if (LStat(path, ref MemoryMarshal.GetReference(buffer)) != 0)
            {
                return (EntryKind.Missing, 0);
            }

            var mode = BitConverter.ToUInt32(buffer[(RuntimeInformation.ProcessArchitecture == Architecture.X64 ? 24 : 16)..]);
            var length = BitConverter.ToInt64(buffer[48..]);
            const uint typeMask = 0xF000, regular = 0x8000, directory = 0x4000, link = 0xA000;
            var kind = (mode & typeMask) switch
            {
                regular => EntryKind.Regular,
                directory => EntryKind.Directory,
                link => EntryKind.Link,
                _ => EntryKind.Special,
            };
            return (kind, length);
        }
        catch (Exception ex) when (ex is DllNotFoundException or EntryPointNotFoundException)
        {
            return null;
        }
    }

    public static void ReportSpecial(string fullPath, DiagnosticBag diagnostics) =>
        diagnostics.Error(ErrorCodes.NotARegularFile, diagnostics.Display(fullPath), 1, 1,
            "this is a named pipe, socket or device, not a file: reading it could wait forever, so it is never read; remove it from the site's folders");

    [DllImport("libc", EntryPoint = "lstat", SetLastError = true, CharSet = CharSet.Ansi, BestFitMapping = false, ThrowOnUnmappableChar = true)]
    private static extern int LStat(string path, ref byte buffer);

    private static bool IsLink(FileSystemInfo entry) =>
        entry.LinkTarget is not null || (entry.Exists && entry.Attributes.HasFlag(FileAttributes.ReparsePoint));
}

/// <summary>What a path is, as <c>lstat</c> tells it: a link is not followed; a pipe, socket or device is special; gone is missing.</summary>
internal enum EntryKind
{
    Missing,
    Regular,
    Directory,
    Link,
    Special,
}
