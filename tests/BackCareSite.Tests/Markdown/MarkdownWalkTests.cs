using BackCareSite.Bench;
using BackCareSite.Markdown;
using BackCareSite.Tests.Support;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace BackCareSite.Tests.Markdown;

/// <summary>
/// <see cref="MarkdownWalk"/> finds a body's links and embeds in one walk: exactly the nodes, in exactly the order, that
/// Markdig's <c>Descendants&lt;T&gt;()</c> gives, which the link stage's results are matched to by place.
/// </summary>
public sealed class MarkdownWalkTests
{
    public static TheoryData<string> Bodies => new()
    {
        "",
        "Plain text.",
        "[a](/a/) and ![b](b.png \"t\") and [![c](c.png)](/c/) and <https://auto.example> and [d][ref]\n\n[ref]: /d/\n",
        "- [a](/a/)\n  - [b](/b/)\n    > [c](/c/)\n\n1. x [e](/e/)\n\n> quote [f](/f/)\n> - [g](/g/)\n",
        "| a | b |\n|:-|-:|\n| [x](/x/) | ![y](y.png) |\n| *[z](/z/)* | **[w](/w/)** |\n",
        "{% exercise walking %}\n\n- item\n\n  {% exercise swimming %}\n\n> {% red-flag-checker %}\n\n[after](/after/)\n",
        "# Heading [h](/h/)\n\nSetext [s](/s/)\n---\n\n    code [not](/not/)\n\n```\n[fenced](/no/)\n```\n\n<div>[html](/html/)</div>\n",
        "*emphasis [a](/a/) **strong [b](/b/)** `code [c](/c/)`*\n\nline  \nbreak [d](/d/)\n",
        "[outer ![inner](i.png) text](/outer/) ![alt [not a link] here](p.png)\n",
    };

    [Theory]
    [MemberData(nameof(Bodies))]
    public void FindsTheLinksAndEmbedsDescendantsFindsInItsOrder(string body)
    {
        AssertSame(Markdig.Markdown.Parse(body, MarkdownPipelineFactory.Create()), body);
    }

    [Fact]
    public void FindsTheLinksAndEmbedsOfEveryPageOfTheSampleSiteAndACorpusAsDescendantsDoes()
    {
        using var site = new TempSite(withDefaults: false);
        new Corpus(articles: 60, exercises: 12, seed: 11).Write(site.ContentDir);
        var pipeline = MarkdownPipelineFactory.Create();
        var files = Directory.EnumerateFiles(RepoPaths.Content, "*.md", SearchOption.AllDirectories)
            .Concat(Directory.EnumerateFiles(site.ContentDir, "*.md", SearchOption.AllDirectories)).ToList();
        Assert.True(files.Count > 70, $"only {files.Count} pages");
        var links = 0;
        foreach (var file in files)
        {
            links += AssertSame(Markdig.Markdown.Parse(File.ReadAllText(file), pipeline), file);
        }

        Assert.True(links > 200, $"only {links} links");
    }

    // The number of links found.
    private static int AssertSame(MarkdownDocument tree, string what)
    {
        var links = new List<LinkInline>();
        var embeds = new List<EmbedBlock>();
        MarkdownWalk.LinksAndEmbeds(tree, links, embeds);
        Assert.True(tree.Descendants<LinkInline>().SequenceEqual(links, ReferenceEqualityComparer.Instance), $"links differ: {what}");
        Assert.True(tree.Descendants<EmbedBlock>().SequenceEqual(embeds, ReferenceEqualityComparer.Instance), $"embeds differ: {what}");
        Assert.True(MarkdownWalk.Links(tree).SequenceEqual(links, ReferenceEqualityComparer.Instance), $"links alone differ: {what}");
        var nodes = new List<MarkdownObject>();
        MarkdownWalk.Nodes(tree, nodes.Add);
        var expected = tree.Descendants().ToList();
        Assert.True(expected.SequenceEqual(nodes, ReferenceEqualityComparer.Instance),
            $"nodes differ: {what}\nexpected: {string.Join(' ', expected.Select(n => n.GetType().Name))}\nactual: {string.Join(' ', nodes.Select(n => n.GetType().Name))}");
        return links.Count;
    }
}
