using System.Text;

namespace BackCareSite.Output;

/// <summary>
/// Writes a rendered site into a fresh staging folder beside the output
/// folder, in parallel. Every path is checked to stay inside the staging folder.
/// </summary>
internal static class OutputWriter
{
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    public static void Write(string staging, IReadOnlyList<OutputFile> files, IReadOnlyList<CopiedFile> copies)
    {
        var root = Path.GetFullPath(staging) + Path.DirectorySeparatorChar;
        string Target(string relative)
        {
            var full = Path.GetFullPath(Path.Combine(root, relative));
            if (!full.StartsWith(root, StringComparison.Ordinal))
            {
                throw new InvalidOperationException($"refusing to write `{relative}` outside the output folder");
            }

            Directory.CreateDirectory(Path.GetDirectoryName(full)!);
            return full;
        }

        Parallel.Invoke(
            () => Parallel.ForEach(files, f => File.WriteAllText(Target(f.Path), f.Text, Utf8)),
            () => Parallel.ForEach(copies, c => File.Copy(c.SourcePath, Target(c.Path), overwrite: true)));
    }
}
