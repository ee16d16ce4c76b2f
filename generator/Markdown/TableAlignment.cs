using Markdig.Extensions.Tables;
using Markdig.Renderers.Html;
using Markdig.Syntax;

namespace BackCareSite.Markdown;

/// <summary>
/// Turns pipe-table column alignment into classes (<c>align-right</c>,
/// <c>align-center</c>). Markdig writes it as a <c>style</c> attribute, which the
/// site's Content-Security-Policy (no inline styles) would block.
/// </summary>
internal static class TableAlignment
{
    public static void Apply(MarkdownDocument document) => ApplyWithin(document);

    // Every table among the blocks, walked without an iterator per container (as Descendants<Table> finds them).
    private static void ApplyWithin(ContainerBlock container)
    {
        for (var i = 0; i < container.Count; i++)
        {
            if (container[i] is Table table)
            {
                Apply(table);
            }

            if (container[i] is ContainerBlock child)
            {
                ApplyWithin(child);
            }
        }
    }

    private static void Apply(Table table)
    {
        for (var column = 0; column < table.ColumnDefinitions.Count; column++)
        {
            var alignment = table.ColumnDefinitions[column].Alignment;
            table.ColumnDefinitions[column].Alignment = null;
            var css = alignment switch
            {
                TableColumnAlign.Right => "align-right",
                TableColumnAlign.Center => "align-center",
                _ => null,
            };
            if (css is null)
            {
                continue;
            }

            foreach (var row in table.OfType<TableRow>())
            {
                foreach (var cell in row.OfType<TableCell>())
                {
                    var index = cell.ColumnIndex < 0 ? row.IndexOf(cell) : cell.ColumnIndex;
                    if (index == column)
                    {
                        cell.GetAttributes().AddClass(css);
                    }
                }
            }
        }
    }
}
