using Markdig;
using Markdig.Renderers;
using Markdig.Syntax;

namespace BackCareSite.Markdown;

/// <summary>Renders a parsed body to HTML with the shared pipeline, writing embeds and raster pictures through callbacks.</summary>
internal static class MarkdownHtml
{
    public static string Render(MarkdownDocument document, MarkdownPipeline pipeline, Func<EmbedBlock, string> embeds, Func<BodyPicture, string>? pictures = null)
    {
        using var writer = new StringWriter();
        var renderer = new HtmlRenderer(writer);
        pipeline.Setup(renderer);
        renderer.ObjectRenderers.Insert(0, new EmbedRenderer(embeds));
        if (pictures is not null)
        {
            renderer.ObjectRenderers.Insert(0, new PictureInlineRenderer(pictures));
        }

        renderer.Render(document);
        writer.Flush();
        return writer.ToString();
    }
}
