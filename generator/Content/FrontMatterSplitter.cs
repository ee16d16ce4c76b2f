using BackCareSite.Diagnostics;

namespace BackCareSite.Content;

/// <summary>
/// Finds the YAML front-matter block between <c>---</c> lines at the top of a
/// Markdown file. The body keeps its place in the file (Markdig skips the block
/// itself), so Markdown positions are file positions.
/// </summary>
internal static class FrontMatterSplitter
{
    /// <summary>The YAML text and the file line its first line stands on.</summary>
    public sealed record Block(string Yaml, int FirstLine);

    /// <param name="bodyReadable">False when the block never closes, so where the Markdown starts is unknown.</param>
    public static Block? Split(SourceFile file, DiagnosticBag diagnostics, out bool bodyReadable)
    {
        bodyReadable = true;
        var text = file.Text;
        var firstEnd = text.IndexOf('\n');
        var firstLine = (firstEnd < 0 ? text : text[..firstEnd]).TrimEnd();
        if (firstLine != "---")
        {
            diagnostics.Error(ErrorCodes.FrontMatterMissing, file.DisplayPath, 1, 1,
                "the file must start with a front-matter block: a line `---`, the fields (`title: ...`), and another `---` (its text was checked as Markdown all the same)");
            return null;
        }

        var position = firstEnd + 1;
        var line = 2;
        while (firstEnd >= 0 && position <= text.Length)
        {
            var end = text.IndexOf('\n', position);
            var current = (end < 0 ? text[position..] : text[position..end]).TrimEnd();
            if (current is "---" or "...")
            {
                return new Block(text[(firstEnd + 1)..position], 2);
            }

            if (end < 0)
            {
                break;
            }

            position = end + 1;
            line++;
        }

        bodyReadable = false;
        diagnostics.Error(ErrorCodes.FrontMatterUnclosed, file.DisplayPath, 1, 1,
            "the front-matter block that opens here never closes: add a line `---` after the last field (the fields and the text are checked once it closes)");
        return null;
    }
}
