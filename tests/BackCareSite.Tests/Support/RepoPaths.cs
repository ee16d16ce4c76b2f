namespace BackCareSite.Tests.Support;

/// <summary>Finds the repository's folders from a test run, wherever it runs from.</summary>
internal static class RepoPaths
{
    public static string Root { get; } = FindRoot();

    public static string Content => Path.Combine(Root, "content");

    public static string Templates => Path.Combine(Root, "templates");

    public static string Fixtures => Path.Combine(Root, "tests", "fixtures");

    public static string Golden => Path.Combine(Root, "tests", "golden");

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "BackCareSite.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("cannot find BackCareSite.sln above the test binaries");
    }
}
