using BackCareSite.Build;
using BackCareSite.Tests.Support;

namespace BackCareSite.Tests.Hardening;

/// <summary>Builds a <see cref="TempSite"/> with the options the hardening tests vary.</summary>
internal static class HardeningSite
{
    public static BuildResult Build(this TempSite site, string outDir, bool force = false) =>
        SiteBuilder.Build(new BuildOptions
        {
            ContentDir = "content", TemplatesDir = site.TemplatesDir, OutDir = outDir, Force = force, Today = new DateOnly(2026, 6, 1), DisplayRoot = site.Root,
        });

    /// <summary>A file outside every folder of the site, as a secret on the build machine would be.</summary>
    public static string Secret(this TempSite site, string text = "SECRET-TOKEN-1234")
    {
        var path = Path.Combine(site.Root, "secret.txt");
        File.WriteAllText(path, text);
        return path;
    }

    /// <summary>Copies a folder's files (the repository's content or templates) into a test site.</summary>
    public static void CopyFolder(string from, string to)
    {
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }
}
