using BackCareSite.Pictures;
using Markdig.Renderers;
using Markdig.Syntax;
using Markdig.Renderers.Html;
using Markdig.Renderers.Html.Inlines;
using Markdig.Syntax.Inlines;

namespace BackCareSite.Markdown;

/// <summary>One picture of a body as the template partial writes it: its plan, alt text and place on the page.</summary>
internal sealed record BodyPicture(PicturePlan Plan, string Alt, string? Title, int Index);

/// <summary>
/// Writes a Markdown image of a raster picture (one the link stage gave a
/// <see cref="PicturePlan"/>) through a callback, as a <c>&lt;picture&gt;</c>; every
/// other link and image goes to Markdig's own renderer.
/// </summary>
internal sealed class PictureInlineRenderer(Func<BodyPicture, string> render) : HtmlObjectRenderer<LinkInline>
{
    private int _count;

    protected override void Write(HtmlRenderer renderer, LinkInline link)
    {
        if (!link.IsImage || link.GetData(typeof(PicturePlan)) is not PicturePlan plan)
        {
            renderer.ObjectRenderers.FindExact<LinkInlineRenderer>()!.Write(renderer, link);
            return;
        }

        renderer.Write(render(new BodyPicture(plan, PlainText(link), link.Title, _count++)));
    }

    /// <summary>The image's description as text (Markdig writes it the same way: inline markup dropped).</summary>
    private static string PlainText(ContainerInline container)
    {
        var text = new System.Text.StringBuilder();
        foreach (var inline in container.Descendants<Inline>())
        {
            switch (inline)
            {
                case LiteralInline literal:
                    text.Append(literal.Content.ToString());
                    break;
                case CodeInline code:
                    text.Append(code.Content);
                    break;
                case LineBreakInline:
                    text.Append(' ');
                    break;
            }
        }

        return text.ToString();
    }
}
