using Markdig.Syntax;

namespace BackCareSite.Content;

/// <summary>
/// A content file that failed its own checks: it is not published, but its body
/// (when it could be parsed) is still checked by the link stage, and a page that
/// refers to it is told where its errors are instead of that it does not exist.
/// </summary>
/// <param name="Slug">The slug it would have: its valid <c>slug:</c>, else its file name.</param>
/// <param name="FirstError">Where its first error is, to point at from elsewhere.</param>
/// <param name="Body">The parsed Markdown, or null when the file could not be split into front matter and body.</param>
internal sealed record FailedFile(SourceFile Source, ContentKind Kind, string Slug, Spot FirstError, MarkdownDocument? Body)
{
    /// <summary>The file and line of its first error, as a message names it: <c>content/exercises/x.md:10</c>.</summary>
    public string ErrorLocation => $"{Source.DisplayPath}:{FirstError.Line}";

    /// <summary>The exercises its front matter names, as far as they could be read, so they are checked all the same.</summary>
    public IReadOnlyList<Located<string>> Exercises { get; init; } = [];

    /// <summary>Its <c>image</c>, when it could be read, so a missing file is reported all the same.</summary>
    public Located<string>? Image { get; init; }

    /// <summary>A stand-in item with only the source and body, for the link stage's checks of the body.</summary>
    public StaticPage? BodyOnly() => Body is null ? null
        : new StaticPage { Source = Source, Slug = Slug, Title = "", Description = "", Body = Body };
}
