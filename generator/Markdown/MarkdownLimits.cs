using BackCareSite.Content;
using BackCareSite.Diagnostics;
using Markdig;
using Markdig.Syntax;

namespace BackCareSite.Markdown;

/// <summary>
/// Stated bounds on Markdown, so that parse time stays linear in the input and no
/// input crashes the parser: at most <see cref="MaxBracketsPerParagraph"/> link
/// brackets in one paragraph (Markdig's cost grows with the square of unclosed
/// <c>[</c> in a paragraph: 60,000 of them took a minute), and a tree no deeper than
/// <see cref="MaxDepth"/> (Markdig refuses to parse or render past 128), each an error at its line.
/// </summary>
internal static class MarkdownLimits
{
    public const int MaxBracketsPerParagraph = 1000;

    /// <summary>The deepest Markdown tree rendered: below Markdig's 128, with room for the renderer's own levels.</summary>
    public const int MaxDepth = 100;

    /// <summary>Parses <paramref name="file"/>; null after reporting a limit the text exceeds.</summary>
    public static MarkdownDocument? Parse(SourceFile file, MarkdownPipeline pipeline, DiagnosticBag diagnostics)
    {
        if (!CheckBrackets(file, diagnostics))
        {
            return null;
        }

        MarkdownDocument document;
        try
        {
            document = Markdig.Markdown.Parse(file.Text, pipeline);
        }
        catch (Exception ex) when (ex is ArgumentException or InvalidOperationException && ex.Message.Contains("nested", StringComparison.OrdinalIgnoreCase))
        {
            ReportDepth(file, DeepestLine(file.Text), diagnostics);
            return null;
        }

        // The parser's own limit leaves trees the renderer refuses (unclosed brackets nest
        // inside each other): measured here, so that rendering never meets its limit.
        if (DeepestNode(document) is { } deep)
        {
            ReportDepth(file, deep.Line + 1, diagnostics);
            return null;
        }

        return document;
    }

    private static void ReportDepth(SourceFile file, int line, DiagnosticBag diagnostics) =>
        diagnostics.Error(ErrorCodes.MarkdownTooDeep, file.DisplayPath, line, 1,
            $"the Markdown here is nested more than {MaxDepth} levels deep (quotes, lists, emphasis or brackets inside each other); write it flatter");

    /// <summary>The first node nested deeper than <see cref="MaxDepth"/>, found without recursion; null when none is.</summary>
    private static MarkdownObject? DeepestNode(MarkdownDocument document)
    {
        var pending = new Stack<(MarkdownObject Node, int Depth)>();
        pending.Push((document, 0));
        while (pending.Count > 0)
        {
            var (node, depth) = pending.Pop();
            if (depth > MaxDepth)
            {
                return node;
            }

            // Children in their order, walked without an enumerator object per node.
            switch (node)
            {
                case ContainerBlock container:
                    for (var i = 0; i < container.Count; i++)
                    {
                        pending.Push((container[i], depth + 1));
                    }

                    break;
                case LeafBlock { Inline: { } inline }:
                    pending.Push((inline, depth + 1));
                    break;
                case Markdig.Syntax.Inlines.ContainerInline inlines:
                    for (var child = inlines.FirstChild; child is not null; child = child.NextSibling)
                    {
                        pending.Push((child, depth + 1));
                    }

                    break;
            }
        }

        return null;
    }

    private static bool CheckBrackets(SourceFile file, DiagnosticBag diagnostics)
    {
        if (FirstExcessBracket(file.Text) is not var (line, column))
        {
            return true;
        }

        diagnostics.Error(ErrorCodes.TooManyBrackets, file.DisplayPath, line, column,
            $"this paragraph has more than {MaxBracketsPerParagraph} `[`, the most one paragraph may hold (each costs time in the parser); "
            + "split the paragraph, or write `\\[` for a bracket that starts no link");
        return false;
    }

    /// <summary>
    /// Where the first `[` (not written `\[`) beyond <see cref="MaxBracketsPerParagraph"/> in one paragraph is (a blank
    /// line ends a paragraph), or null. Line by line, with vectorised searches: most lines hold no bracket.
    /// </summary>
    internal static (int Line, int Column)? FirstExcessBracket(string text)
    {
        var brackets = 0;
        var line = 1;
        var start = 0;
        while (start <= text.Length)
        {
            var feed = text.IndexOf('\n', start);
            var end = feed < 0 ? text.Length : feed;
            var content = text.AsSpan(start, end - start);
            if (content.IndexOfAnyExcept(' ', '\t') < 0)
            {
                // A blank line ends the paragraph.
                brackets = 0;
            }
            else
            {
                for (var at = content.IndexOf('['); at >= 0;)
                {
                    var i = start + at;
                    if ((i == 0 || text[i - 1] != '\\') && ++brackets > MaxBracketsPerParagraph)
                    {
                        return (line, at + 1);
                    }

                    var next = content[(at + 1)..].IndexOf('[');
                    at = next < 0 ? -1 : at + 1 + next;
                }
            }

            if (feed < 0)
            {
                break;
            }

            start = feed + 1;
            line++;
        }

        return null;
    }

    /// <summary>The line most likely to hold the deepest nesting: the most quote, list and opening-bracket marks.</summary>
    private static int DeepestLine(string text)
    {
        int best = 1, bestScore = -1, line = 1, score = 0;
        for (var i = 0; i <= text.Length; i++)
        {
            if (i == text.Length || text[i] == '\n')
            {
                if (score > bestScore)
                {
                    (best, bestScore) = (line, score);
                }

                line++;
                score = 0;
            }
            else if (text[i] is '>' or '[' or '*' or '_' or '-' or '+' or '(' or '<' or '`' or '~')
            {
                score++;
            }
        }

        return best;
    }
}
