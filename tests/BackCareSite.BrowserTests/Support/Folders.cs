namespace BackCareSite.BrowserTests.Support;

internal static class Folders
{
    /// <summary>Copies every file under <paramref name="from"/> into <paramref name="to"/> (a site to change in a test).</summary>
    public static void Copy(string from, string to)
    {
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }
}
