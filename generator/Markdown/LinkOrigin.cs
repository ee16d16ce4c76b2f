namespace BackCareSite.Markdown;

/// <summary>
/// A link or image URL as written in Markdown, after rewriting, with the place
/// it came from. The link checker reports problems with such URLs at the
/// Markdown file and line instead of the generated HTML. A value, not an object:
/// every body's origins are kept until the link check (130,000 at 20,000 articles).
/// </summary>
internal readonly record struct LinkOrigin(string Url, string SourcePath, int Line, int Column);
