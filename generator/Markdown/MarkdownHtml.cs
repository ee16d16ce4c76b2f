using System.Globalization;
using Markdig;
using Markdig.Renderers;
using Markdig.Renderers.Html;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace BackCareSite.Markdown;

/// <summary>
/// Renders a parsed body to HTML with the shared pipeline: links and images as the link
/// stage resolved them (<see cref="LinkedBody"/>), embeds and raster pictures through callbacks.
/// </summary>
internal static class MarkdownHtml
{
    public static string Render(
        MarkdownDocument document, MarkdownPipeline pipeline, LinkedBody linked, Func<EmbedBlock, string> embeds, Func<LinkInline, string?>? pictures = null)
    {
        var html = new System.Text.StringBuilder();
        Render(document, pipeline, linked, embeds, pictures, html);
        return html.ToString();
    }

    /// <summary>The same HTML, appended to <paramref name="into"/>.</summary>
    public static void Render(
        MarkdownDocument document, MarkdownPipeline pipeline, LinkedBody linked, Func<EmbedBlock, string> embeds, Func<LinkInline, string?>? pictures,
        System.Text.StringBuilder into)
    {
        using var writer = new StringWriter(into);
        var renderer = new HtmlRenderer(writer);
        pipeline.Setup(renderer);
        renderer.ObjectRenderers.Insert(0, new EmbedRenderer(embeds));
        renderer.ObjectRenderers.Insert(0, new ResolvedLinkRenderer(linked.Links, pictures));
        renderer.Render(document);
        writer.Flush();
    }
}

/// <summary>
/// Markdig's link renderer, reading the URL (and an image's size) from the link stage's table
/// instead of the tree: the same HTML Markdig writes, with <c>width</c>, <c>height</c>,
/// <c>loading="lazy"</c> and <c>decoding="async"</c> on images. A raster picture goes to the
/// pictures callback (a <c>&lt;picture&gt;</c> from the template partial). Links the stage left
/// alone (external, fragments, errors) are written as parsed.
/// </summary>
internal sealed class ResolvedLinkRenderer(IReadOnlyDictionary<LinkInline, ResolvedLink> links, Func<LinkInline, string?>? pictures = null)
    : HtmlObjectRenderer<LinkInline>
{
    private readonly Markdig.Renderers.Html.Inlines.LinkInlineRenderer _markdig = new();

    protected override void Write(HtmlRenderer renderer, LinkInline link)
    {
        if (!links.TryGetValue(link, out var resolved) || !renderer.EnableHtmlForInline)
        {
            ((IMarkdownObjectRenderer)_markdig).Write(renderer, link);
            return;
        }

        if (link.IsImage && resolved.Picture is not null && pictures?.Invoke(link) is { } picture)
        {
            renderer.Write(picture);
            return;
        }

        renderer.Write(link.IsImage ? "<img src=\"" : "<a href=\"");
        renderer.WriteEscapeUrl(resolved.Url);
        renderer.Write('"');
        renderer.WriteAttributes(Attributes(link, resolved));
        if (link.IsImage)
        {
            renderer.Write(" alt=\"");
            renderer.EnableHtmlForInline = false;
            renderer.WriteChildren(link);
            renderer.EnableHtmlForInline = true;
            renderer.Write('"');
        }

        if (!string.IsNullOrEmpty(link.Title) && !resolved.Decorative)
        {
            renderer.Write(" title=\"");
            renderer.WriteEscape(link.Title);
            renderer.Write('"');
        }

        if (link.IsImage)
        {
            renderer.Write(" />");
            return;
        }

        renderer.Write('>');
        renderer.WriteChildren(link);
        renderer.Write("</a>");
    }

    private static HtmlAttributes Attributes(LinkInline link, ResolvedLink resolved)
    {
        var attributes = new HtmlAttributes();
        link.TryGetAttributes()?.CopyTo(attributes, shared: false);
        if (resolved.Lazy)
        {
            if (resolved.Width is { } width && resolved.Height is { } height)
            {
                attributes.AddPropertyIfNotExist("width", width.ToString(CultureInfo.InvariantCulture));
                attributes.AddPropertyIfNotExist("height", height.ToString(CultureInfo.InvariantCulture));
            }

            attributes.AddPropertyIfNotExist("loading", "lazy");
            attributes.AddPropertyIfNotExist("decoding", "async");
        }

        return attributes;
    }
}
