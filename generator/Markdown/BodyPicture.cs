using BackCareSite.Pictures;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace BackCareSite.Markdown;

/// <summary>
/// One raster picture of a body as the template partial writes it: its plan, alt text,
/// title and place among the body's pictures (<see cref="ResolvedLinkRenderer"/> makes them).
/// </summary>
internal sealed record BodyPicture(PicturePlan Plan, string Alt, string? Title, int Index)
{
    /// <summary>An image's description as text (Markdig writes it the same way: inline markup dropped).</summary>
    public static string PlainText(ContainerInline container)
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
