using Markdig;
using Markdig.Renderers;
using Markdig.Renderers.Html;

namespace BackCareSite.Markdown;

/// <summary>Adds the embed syntax to a Markdig pipeline.</summary>
internal sealed class EmbedExtension : IMarkdownExtension
{
    public void Setup(MarkdownPipelineBuilder pipeline)
    {
        // Before the paragraph parser, which would otherwise take the line as text.
        pipeline.BlockParsers.InsertBefore<Markdig.Parsers.ParagraphBlockParser>(new EmbedParser());
    }

    public void Setup(MarkdownPipeline pipeline, IMarkdownRenderer renderer)
    {
    }
}

/// <summary>Writes an embed's HTML, which the build prepared once per embed target.</summary>
internal sealed class EmbedRenderer(Func<EmbedBlock, string> render) : HtmlObjectRenderer<EmbedBlock>
{
    protected override void Write(HtmlRenderer renderer, EmbedBlock block)
    {
        renderer.EnsureLine();
        renderer.Write(render(block));
        renderer.EnsureLine();
    }
}
