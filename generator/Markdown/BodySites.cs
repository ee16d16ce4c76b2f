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
    /// <remarks>
    /// Each list is an array of its exact length (most bodies have no embed: they share the empty one). A collection
    /// expression made a list (its array up to twice as long as needed) and a wrapper for each: at 20,000 articles about
    /// 4 MB more at the end of loading, where a large site's build peaks.
    /// </remarks>
    public static BodySites Of(MarkdownDocument tree, System.Collections.Concurrent.ConcurrentDictionary<string, string>? urls = null)
    {
        var (links, embeds) = MarkdownWalk.LinksAndEmbeds(tree);
        var sites = links.Count == 0 ? [] : new LinkSite[links.Count];
        for (var i = 0; i < sites.Length; i++)
        {
            sites[i] = LinkSite.Of(links[i], urls);
        }

        var embedSites = embeds.Count == 0 ? [] : new EmbedSite[embeds.Count];
        for (var i = 0; i < embedSites.Length; i++)
        {
            embedSites[i] = EmbedSite.Of(embeds[i]);
        }

        return new(sites, embedSites);
    }
}

/// <summary>
/// A link or image as written: its URL, one-based line and column, and for an image the description
/// (its literal text, trimmed) and title, which the stage checks.
/// A value, 24 bytes in its list's array, not an object of its own: every item's sites are kept from loading to the link
/// stage, about nine links an article (as objects, 64 bytes a link with the array's reference: 5.5 MB at 10,000 articles,
/// where these take 2 MB). An image's description and title are one small object beside it, their texts shared by the
/// images that show the same (a large site shows the same few pictures on many pages).
/// </summary>
internal readonly record struct LinkSite
{
    private readonly ImageText? _image;

    private LinkSite(string? url, ImageText? image, int line, int column)
    {
        Url = url;
        _image = image;
        Line = line;
        Column = column;
    }

    public string? Url { get; }

    public bool IsImage => _image is not null;

    public int Line { get; }

    public int Column { get; }

    /// <summary>An image's description (its literal text, trimmed); null for a link.</summary>
    public string? Alt => _image?.Alt;

    /// <summary>An image's title; null for a link.</summary>
    public string? Title => _image?.Title;

    /// <param name="urls">One copy of each address and image text for the items of a load (see <see cref="BodySites.Of"/>).</param>
    public static LinkSite Of(LinkInline link, System.Collections.Concurrent.ConcurrentDictionary<string, string>? urls = null)
    {
        var url = urls is null || link.Url is not { } u ? link.Url : urls.GetOrAdd(u, u);
        if (!link.IsImage)
        {
            return new LinkSite(url, null, link.Line + 1, link.Column + 1);
        }

        var alt = string.Concat(link.Descendants<LiteralInline>().Select(l => l.Content.ToString())).Trim();
        return new LinkSite(url, ImageText.Of(alt, link.Title, urls), link.Line + 1, link.Column + 1);
    }

    /// <summary>An image's description and title (an image with neither still has one: it marks the site an image).</summary>
    private sealed record ImageText(string? Alt, string? Title)
    {
        /// <summary>With <paramref name="texts"/> (a load's), the texts are its copies, shared by the images that show the same.</summary>
        public static ImageText Of(string? alt, string? title, System.Collections.Concurrent.ConcurrentDictionary<string, string>? texts = null) =>
            texts is null ? new(alt, title) : new(alt is null ? null : texts.GetOrAdd(alt, alt), title is null ? null : texts.GetOrAdd(title, title));
    }
}

/// <summary>An embed as written: its name and arguments (or why it cannot be read), one-based line and column.</summary>
internal sealed record EmbedSite(string Name, IReadOnlyList<string> Arguments, string? SyntaxError, int Line, int Column)
{
    public static EmbedSite Of(EmbedBlock block) => new(block.Name, block.Arguments, block.SyntaxError, block.Line + 1, block.Column + 1);
}
