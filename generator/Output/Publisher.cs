using System.Diagnostics;

namespace BackCareSite.Output;

/// <summary>
/// Creates a staging folder beside the output folder and swaps it into place
/// once the build has passed every check, so readers never get a half-written
/// site and a failed build leaves the previous output exactly as it was.
/// One build at a time per output folder: <see cref="Prepare"/> takes an OS
/// file lock beside the output folder, held until the publisher is disposed.
/// Each build stages into a folder of its own; what a crashed build left
/// behind is removed by the next one. The site is written one level down,
/// into a folder with a random name inside the staging folder, so that the
/// file system may place it away from what earlier builds deleted
/// (<see cref="FolderPlacement"/>).
/// </summary>
internal sealed class Publisher : IDisposable
{
    /// <summary>The file a build writes into the output folder: the proof that a build may replace the folder.</summary>
    public const string MarkerName = ".backcaresite-output";

    private const string MarkerText = "This folder was written by BackCareSite's build; the next build replaces all of it.\n";

    private readonly string _output;
    private readonly string _parent;
    private readonly string _name;
    private readonly string _stagingFolder;
    private FileStream? _lock;

    public Publisher(string output)
    {
        _output = Path.GetFullPath(output).TrimEnd(Path.DirectorySeparatorChar);
        _parent = Path.GetDirectoryName(_output)!;
        _name = Path.GetFileName(_output);
        var id = Guid.NewGuid().ToString("N");
        _stagingFolder = Path.Combine(_parent, $".{_name}.staging-{Environment.ProcessId}-{id[..8]}");
        Staging = Path.Combine(_stagingFolder, id);
    }

    /// <summary>How long a build waits for another build into the same folder before it gives up.</summary>
    public static TimeSpan LockWait { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>The folder the site is written into, moved into the output folder's place by <see cref="Publish"/>.</summary>
    public string Staging { get; }

    /// <summary>The lock file beside the output folder (kept between builds: deleting it would race a waiting build).</summary>
    public string LockPath => Path.Combine(_parent, $".{_name}.lock");

    private string Old => Path.Combine(_parent, $".{_name}.old");

    /// <summary>
    /// Takes the lock, removes what a crashed build left behind and makes an empty staging
    /// folder. False when another build holds the lock for longer than <see cref="LockWait"/>.
    /// </summary>
    public bool Prepare()
    {
        Directory.CreateDirectory(_parent);
        if (!TryLock())
        {
            return false;
        }

        // Holding the lock, no other build is running: every staging folder here is a crashed build's.
        foreach (var leftover in Directory.EnumerateDirectories(_parent, $".{_name}.staging*"))
        {
            DeleteIfExists(leftover);
        }

        RecoverInterruptedSwap();
        Directory.CreateDirectory(_stagingFolder);
        FolderPlacement.SpreadChildren(_stagingFolder);
        Directory.CreateDirectory(Staging);
        return true;
    }

    /// <summary>Marks the staging folder as a build's output and replaces the output folder with it.</summary>
    public void Publish()
    {
        File.WriteAllText(Path.Combine(Staging, MarkerName), MarkerText);
        DeleteIfExists(Old);
        if (Directory.Exists(_output))
        {
            Directory.Move(_output, Old);
        }

        Directory.Move(Staging, _output);
        DeleteIfExists(Old);
        DeleteIfExists(_stagingFolder);
    }

    /// <summary>Throws the staging folder away; the output folder is untouched.</summary>
    public void Discard() => DeleteIfExists(_stagingFolder);

    /// <summary>Releases the lock (the lock file stays).</summary>
    public void Dispose()
    {
        _lock?.Dispose();
        _lock = null;
    }

    private bool TryLock()
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                // FileShare.None is an exclusive OS lock (flock on Unix): it ends with the process, even a killed one.
                _lock = new FileStream(LockPath, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
                return true;
            }
            catch (IOException) when (clock.Elapsed < LockWait)
            {
                Thread.Sleep(100);
            }
            catch (IOException)
            {
                return false;
            }
        }
    }

    private void RecoverInterruptedSwap()
    {
        // A run stopped between the two moves of Publish: the old output is still whole.
        if (!Directory.Exists(_output) && Directory.Exists(Old))
        {
            Directory.Move(Old, _output);
        }
        else
        {
            DeleteIfExists(Old);
        }
    }

    private static void DeleteIfExists(string path)
    {
        if (Directory.Exists(path))
        {
            Directory.Delete(path, recursive: true);
        }
    }
}
