namespace BackCareSite.Markdown;

/// <summary>
/// A link or image URL as written in Markdown, after rewriting, with the place
/// it came from. The link checker reports problems with such URLs at the
/// Markdown file and line instead of the generated HTML.
/// </summary>
internal sealed record LinkOrigin(string Url, string SourcePath, int Line, int Column);
