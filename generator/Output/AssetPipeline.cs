using System.Security.Cryptography;

namespace BackCareSite.Output;

/// <summary>
/// The static assets under <c>templates/assets/</c>. Every one is fingerprinted
/// (<c>site.css</c> becomes <c>assets/site.3f2a9c01d4.css</c>) so that the whole
/// <c>/assets/</c> folder can be cached for a year: a changed file gets a new name.
/// Templates refer to them by name (<c>site.assets["site.css"]</c>).
/// </summary>
internal static class AssetPipeline
{
    /// <summary>The fingerprinted file name for content: <c>name.hash.ext</c>.</summary>
    public static string Fingerprint(string name, ReadOnlySpan<byte> content)
    {
        var hash = Convert.ToHexStringLower(SHA256.HashData(content))[..10];
        return $"{Path.GetFileNameWithoutExtension(name)}.{hash}{Path.GetExtension(name)}";
    }

    /// <summary>Returns the files to copy and a map from asset name (<c>site.css</c>) to output path.</summary>
    public static (IReadOnlyList<CopiedFile> Files, IReadOnlyDictionary<string, string> Names) Collect(string templatesRoot)
    {
        var root = Path.Combine(templatesRoot, "assets");
        var files = new List<CopiedFile>();
        var names = new SortedDictionary<string, string>(StringComparer.Ordinal);
        if (!Directory.Exists(root))
        {
            return (files, names);
        }

        // Symbolic links are skipped, never followed: TemplateSet.Load reports each one as an error.
        var options = new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = FileAttributes.ReparsePoint | FileAttributes.Hidden };
        foreach (var full in Directory.EnumerateFiles(root, "*", options).Order(StringComparer.Ordinal))
        {
            var name = Path.GetRelativePath(root, full).Replace('\\', '/');
            // Pipes and devices are never read (TemplateSet.Load reports them): one could hang the build.
            if (name.Split('/').Any(p => p.StartsWith('.')) || Content.FileTree.IsSpecial(full))
            {
                continue;
            }

            var output = PathOf(name, Fingerprint(Path.GetFileName(name), File.ReadAllBytes(full)));
            files.Add(new CopiedFile("assets/" + output, full));
            names[name] = "assets/" + output;
        }

        return (files, names);
    }

    private static string PathOf(string name, string fileName)
    {
        var slash = name.LastIndexOf('/');
        return slash < 0 ? fileName : name[..(slash + 1)] + fileName;
    }
}
