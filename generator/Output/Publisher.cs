namespace BackCareSite.Output;

/// <summary>
/// Creates the staging folder beside the output folder and swaps it into place
/// once the build has passed every check, so readers never get a half-written
/// site and a failed build leaves the previous output exactly as it was.
/// </summary>
internal sealed class Publisher
{
    private readonly string _output;
    private readonly string _parent;
    private readonly string _name;

    public Publisher(string output)
    {
        _output = Path.GetFullPath(output).TrimEnd(Path.DirectorySeparatorChar);
        _parent = Path.GetDirectoryName(_output)!;
        _name = Path.GetFileName(_output);
        Staging = Path.Combine(_parent, $".{_name}.staging");
    }

    public string Staging { get; }

    private string Old => Path.Combine(_parent, $".{_name}.old");

    /// <summary>Makes an empty staging folder (removing one a crashed run left behind).</summary>
    public void Prepare()
    {
        Directory.CreateDirectory(_parent);
        DeleteIfExists(Staging);
        RecoverInterruptedSwap();
        Directory.CreateDirectory(Staging);
    }

    /// <summary>Replaces the output folder with the staging folder.</summary>
    public void Publish()
    {
        DeleteIfExists(Old);
        if (Directory.Exists(_output))
        {
            Directory.Move(_output, Old);
        }

        Directory.Move(Staging, _output);
        DeleteIfExists(Old);
    }

    /// <summary>Throws the staging folder away; the output folder is untouched.</summary>
    public void Discard()
    {
        if (Directory.Exists(Staging))
        {
            Directory.Delete(Staging, recursive: true);
        }
    }

    private void RecoverInterruptedSwap()
    {
        // A run stopped between the two moves of Publish: the old output is still whole.
        if (!Directory.Exists(_output) && Directory.Exists(Old))
        {
            Directory.Move(Old, _output);
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
