using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace BackCareSite.Markdown;

/// <summary>
/// A body's links and embeds in document order, found in one walk of its tree: the order Markdig's
/// <c>Descendants&lt;LinkInline&gt;()</c> and <c>Descendants&lt;EmbedBlock&gt;()</c> give (<c>MarkdownWalkTests</c>
/// compares them), without their two walks of every node, each with a stack and an iterator per container (about 6%
/// of a build's CPU, several walks a body at loading and again at rendering).
/// </summary>
internal static class MarkdownWalk
{
    /// <summary>Adds the tree's links and images to <paramref name="links"/> and its embeds to <paramref name="embeds"/> (either may be null).</summary>
    public static void LinksAndEmbeds(ContainerBlock tree, List<LinkInline>? links, List<EmbedBlock>? embeds)
    {
        for (var i = 0; i < tree.Count; i++)
        {
            var block = tree[i];
            if (block is EmbedBlock embed)
            {
                embeds?.Add(embed);
            }

            if (block is LeafBlock { Inline: { } inline })
            {
                if (links is not null)
                {
                    Links(inline, links);
                }
            }
            else if (block is ContainerBlock container)
            {
                LinksAndEmbeds(container, links, embeds);
            }
        }
    }

    /// <summary>The tree's links and images, and its embeds, each in document order.</summary>
    public static (List<LinkInline> Links, List<EmbedBlock> Embeds) LinksAndEmbeds(ContainerBlock tree)
    {
        var (links, embeds) = (new List<LinkInline>(), new List<EmbedBlock>());
        LinksAndEmbeds(tree, links, embeds);
        return (links, embeds);
    }

    /// <summary>The tree's links and images, in document order.</summary>
    public static List<LinkInline> Links(ContainerBlock tree)
    {
        var links = new List<LinkInline>();
        LinksAndEmbeds(tree, links, null);
        return links;
    }

    /// <summary>Every node under <paramref name="tree"/> (not the tree itself), in the order Markdig's <c>Descendants()</c> gives them.</summary>
    public static void Nodes(ContainerBlock tree, Action<MarkdownObject> visit)
    {
        for (var i = 0; i < tree.Count; i++)
        {
            var block = tree[i];
            visit(block);
            if (block is LeafBlock { Inline: { } inline })
            {
                // The leaf's own container of inlines is not a node of its own here, as in Descendants().
                Inlines(inline, visit);
            }
            else if (block is ContainerBlock container)
            {
                Nodes(container, visit);
            }
        }
    }

    private static void Inlines(ContainerInline container, Action<MarkdownObject> visit)
    {
        for (var node = container.FirstChild; node is not null; node = node.NextSibling)
        {
            visit(node);
            if (node is ContainerInline child)
            {
                Inlines(child, visit);
            }
        }
    }

    private static void Links(ContainerInline container, List<LinkInline> links)
    {
        for (var node = container.FirstChild; node is not null; node = node.NextSibling)
        {
            if (node is LinkInline link)
            {
                links.Add(link);
            }

            if (node is ContainerInline child)
            {
                Links(child, links);
            }
        }
    }
}
