using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace BackCareSite.Markdown;

/// <summary>
/// What the link stage found in one item's body, kept beside its Markdown tree, which the
/// stage never changes: each rewritten link or image, each checked embed, and the origin of
/// every internal URL (for the link checker). Because the tree stays as parsed, <c>serve</c>
/// links a kept tree again on every rebuild at no cost, and the renderer reads this table.
/// </summary>
internal sealed class LinkedBody(
    IReadOnlyDictionary<LinkInline, ResolvedLink> links,
    IReadOnlyDictionary<EmbedBlock, Embed> embeds,
    IReadOnlyList<LinkOrigin> origins)
{
    public static readonly LinkedBody Empty = new(
        new Dictionary<LinkInline, ResolvedLink>(), new Dictionary<EmbedBlock, Embed>(), []);

    public IReadOnlyDictionary<LinkInline, ResolvedLink> Links { get; } = links;

    public IReadOnlyDictionary<EmbedBlock, Embed> Embeds { get; } = embeds;

    public IReadOnlyList<LinkOrigin> Origins { get; } = origins;

    /// <summary>True when both give the same HTML for the same tree: the same links and embeds, in the same places.</summary>
    public bool SameAs(LinkedBody other) =>
        Links.Count == other.Links.Count && Embeds.Count == other.Embeds.Count
        && Links.All(l => other.Links.TryGetValue(l.Key, out var o) && o == l.Value)
        && Embeds.All(e => other.Embeds.TryGetValue(e.Key, out var o) && o == e.Value);
}

/// <summary>
/// A link or image as published: its URL; for a picture of the site, <paramref name="Lazy"/> (lazy
/// loading) and its size when known; <paramref name="Decorative"/> for a picture marked as decoration
/// (written with <c>alt=""</c> and without its title).
/// </summary>
internal sealed record ResolvedLink(string Url, bool Lazy, int? Width = null, int? Height = null, bool Decorative = false)
{
    /// <summary>For a raster picture of the media folder, what it becomes: written as a <c>&lt;picture&gt;</c>.</summary>
    public Pictures.PicturePlan? Picture { get; init; }
}
