using System.Runtime.InteropServices;

namespace BackCareSite.Output;

/// <summary>
/// Asks ext4 to place a folder's subfolders apart from one another, as it places the folders at the
/// top of a disk (the <c>T</c> attribute of <c>chattr</c>, <c>FS_TOPDIR_FL</c>). Why: ext4 without a
/// journal does not reuse an inode freed in the last minute or more, and checks every such inode one
/// at a time before each file or folder it creates. A new folder normally goes into its parent's
/// group, where the previous output was just deleted (the last build's old folder, or
/// <c>rm -rf public</c>), so each of a build's thousands of files and folders paid for a scan of the
/// thousands of inodes deleted before it: most of the build's system time on such a disk. A subfolder
/// of a folder with the attribute goes to the group with the fewest folders among those with more free
/// inodes and blocks than average (its name's hash decides between equals), away from its parent's
/// group. A heuristic: builds staged this way one after another tend to share that group, and meet
/// each other's deletions (docs/performance.md, "Ninth round"). Best effort: on other file systems,
/// or where the flag cannot be set, nothing changes.
/// </summary>
internal static class FolderPlacement
{
    private const uint GetFlags = 0x80086601; // FS_IOC_GETFLAGS
    private const uint SetFlags = 0x40086602; // FS_IOC_SETFLAGS
    private const int TopDirectory = 0x00020000; // FS_TOPDIR_FL
    private const int ReadOnlyCloseOnExec = 0x80000; // O_RDONLY | O_CLOEXEC

    /// <summary>Marks <paramref name="folder"/> (one the build created) so that its subfolders are spread; false where it could not.</summary>
    public static bool SpreadChildren(string folder)
    {
        if (!OperatingSystem.IsLinux() || RuntimeInformation.ProcessArchitecture is not (Architecture.X64 or Architecture.Arm64))
        {
            return false;
        }

        try
        {
            var fd = Open(folder, ReadOnlyCloseOnExec);
            if (fd < 0)
            {
                return false;
            }

            try
            {
                var flags = 0;
                if (IoControl(fd, GetFlags, ref flags) != 0)
                {
                    return false;
                }

                flags |= TopDirectory;
                return IoControl(fd, SetFlags, ref flags) == 0;
            }
            finally
            {
                _ = Close(fd);
            }
        }
        catch (Exception ex) when (ex is DllNotFoundException or EntryPointNotFoundException)
        {
            return false;
        }
    }

    [DllImport("libc", EntryPoint = "open", SetLastError = true, CharSet = CharSet.Ansi, BestFitMapping = false, ThrowOnUnmappableChar = true)]
    private static extern int Open(string path, int flags);

    [DllImport("libc", EntryPoint = "ioctl", SetLastError = true)]
    private static extern int IoControl(int fd, nuint request, ref int flags);

    [DllImport("libc", EntryPoint = "close", SetLastError = true)]
    private static extern int Close(int fd);
}
