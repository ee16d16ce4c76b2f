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

    // A detached table (for a tree that was let go): the resolved link of each LinkInline and the
    // embed of each EmbedBlock in document order, which a new parse of the same text repeats.
    private ResolvedLink?[]? _linkOrder;
    private Embed?[]? _embedOrder;

    // Set once a detached table's link results are let go (its body rendered for the last time).
    private bool _linksLetGo;

    /// <summary>Every embed of the body (also of a detached table, whose <see cref="Embeds"/> is empty until <see cref="For"/>).</summary>
    public IEnumerable<Embed> AllEmbeds => _embedOrder?.OfType<Embed>() ?? Embeds.Values;

    /// <summary>True when <paramref name="test"/> holds for every embed of <see cref="AllEmbeds"/> (a loop: asked of every item at every rebuild of <c>serve</c>).</summary>
    public bool EveryEmbed(Func<Embed, bool> test)
    {
        if (_embedOrder is { } order)
        {
            foreach (var embed in order)
            {
                if (embed is not null && !test(embed))
                {
                    return false;
                }
            }

            return true;
        }

        foreach (var embed in Embeds.Values)
        {
            if (!test(embed))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// The same table, holding nothing of <paramref name="tree"/> (whose nodes would keep the whole
    /// tree in memory): links and embeds by their place in document order.
    /// </summary>
    public LinkedBody Detach(MarkdownDocument tree)
    {
        var (links, embeds) = MarkdownWalk.LinksAndEmbeds(tree);
        return new(Empty.Links, Empty.Embeds, Origins)
        {
            _linkOrder = links.Select(l => Links.GetValueOrDefault(l)).ToArray(),
            _embedOrder = Shared(embeds.Select(b => Embeds.GetValueOrDefault(b)).ToArray()),
        };
    }

    // Most bodies have no embed: they share one empty array (a large site's tables are kept while every page renders).
    private static Embed?[] Shared(Embed?[] embeds) => embeds.Length == 0 ? [] : embeds;

    /// <summary>A detached table made without a tree, from the results of a body's links and embeds in document order (<see cref="BodySites"/>).</summary>
    public static LinkedBody Detached(ResolvedLink?[] links, Embed?[] embeds, IReadOnlyList<LinkOrigin> origins) =>
        new(Empty.Links, Empty.Embeds, origins) { _linkOrder = links, _embedOrder = Shared(embeds) };

    /// <summary>The table keyed by the nodes of <paramref name="tree"/>, a new parse of the text a detached table was made from.</summary>
    public LinkedBody For(MarkdownDocument tree)
    {
        if (_linkOrder is null || _embedOrder is null)
        {
            return this;
        }

        if (_linksLetGo)
        {
            throw new InvalidOperationException("this body was rendered and its links' results let go (LetGoOfLinks)");
        }

        var (links, embeds) = MarkdownWalk.LinksAndEmbeds(tree);
        return new LinkedBody(Keyed(links, _linkOrder), Keyed(embeds, _embedOrder), Origins);
    }

    /// <summary>
    /// For a one-off build, which renders each body once: lets go of a detached table's link results (a URL and
    /// sizes for each link of the body) once the body is rendered; <see cref="Origins"/> stay, for the link check.
    /// </summary>
    public void LetGoOfLinks()
    {
        if (_linkOrder is not null)
        {
            _linkOrder = [];
            _linksLetGo = true;
        }
    }

    /// <summary>Each node with the value at its place in <paramref name="order"/>; the counts must agree.</summary>
    internal static Dictionary<TNode, TValue> Keyed<TNode, TValue>(IEnumerable<TNode> nodes, TValue?[] order)
        where TNode : class
        where TValue : class
    {
        var keyed = new Dictionary<TNode, TValue>(ReferenceEqualityComparer.Instance);
        var i = 0;
        foreach (var node in nodes)
        {
            if (i < order.Length && order[i] is { } value)
            {
                keyed[node] = value;
            }

            i++;
        }

        return i == order.Length
            ? keyed
            : throw new InvalidOperationException("a Markdown file parsed again gave another tree (was it changed during the build?)");
    }

    /// <summary>
    /// True when both give the same HTML for the same tree: the same links and embeds, in the same places
    /// (for detached tables, in the same order; a detached table and a keyed one are not compared: false).
    /// </summary>
    public bool SameAs(LinkedBody other) =>
        ReferenceEquals(this, other)
        || (_linkOrder is null && other._linkOrder is null
            ? Links.Count == other.Links.Count && Embeds.Count == other.Embeds.Count
              && Links.All(l => other.Links.TryGetValue(l.Key, out var o) && o == l.Value)
              && Embeds.All(e => other.Embeds.TryGetValue(e.Key, out var o) && o == e.Value)
            : _linkOrder is not null && other._linkOrder is not null
              && _linkOrder.SequenceEqual(other._linkOrder) && _embedOrder!.SequenceEqual(other._embedOrder!));
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
