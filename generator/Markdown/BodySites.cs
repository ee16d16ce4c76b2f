using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace BackCareSite.Markdown;

/// <summary>
/// What the link stage reads of a body, taken from its tree while the tree is at hand (at load, before a
/// one-off build lets it go), so the stage need not parse the text again: every link and image, and every
/// embed, in document order, the order in which <see cref="LinkedBody.For"/> puts the results back on a new
/// parse of the same text. Nothing here refers to the tree.
/// </summary>
internal sealed record BodySites(IReadOnlyList<LinkSite> Links, IReadOnlyList<EmbedSite> Embeds)
{
    /// <param name="urls">
    /// One copy of each address for the items of a load (<see cref="Content.ContentLoader"/>'s): every item's sites are
    /// kept until the link stage, and a large site's links name the same pages again and again (Markdig makes a string
    /// for each link: at 20,000 articles, 170,000 of them for about 22,000 addresses).
    /// </param>
    public static BodySites Of(MarkdownDocument tree, System.Collections.Concurrent.ConcurrentDictionary<string, string>? urls = null) =>
        new([.. tree.Descendants<LinkInline>().Select(link => LinkSite.Of(link, urls))], [.. tree.Descendants<EmbedBlock>().Select(EmbedSite.Of)]);
}

/// <summary>
/// A link or image as written: its URL, one-based line and column, and for an image the description
/// (its literal text, trimmed) and title, which the stage checks.
/// </summary>
internal sealed record LinkSite(string? Url, bool IsImage, int Line, int Column, string? Alt, string? Title)
{
    public static LinkSite Of(LinkInline link, System.Collections.Concurrent.ConcurrentDictionary<string, string>? urls = null) => new(
        urls is null || link.Url is not { } url ? link.Url : urls.GetOrAdd(url, url), link.IsImage, link.Line + 1, link.Column + 1,
        link.IsImage ? string.Concat(link.Descendants<LiteralInline>().Select(l => l.Content.ToString())).Trim() : null,
        link.IsImage ? link.Title : null);
}

/// <summary>An embed as written: its name and arguments (or why it cannot be read), one-based line and column.</summary>
internal sealed record EmbedSite(string Name, IReadOnlyList<string> Arguments, string? SyntaxError, int Line, int Column)
{
    public static EmbedSite Of(EmbedBlock block) => new(block.Name, block.Arguments, block.SyntaxError, block.Line + 1, block.Column + 1);
}
