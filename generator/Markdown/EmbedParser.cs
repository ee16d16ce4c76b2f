using Markdig.Parsers;
using Markdig.Syntax;

namespace BackCareSite.Markdown;

/// <summary>Parses <c>{% name arguments %}</c> lines into <see cref="EmbedBlock"/>s.</summary>
internal sealed class EmbedParser : BlockParser
{
    public EmbedParser()
    {
        OpeningCharacters = ['{'];
    }

    public override BlockState TryOpen(BlockProcessor processor)
    {
        if (processor.IsCodeIndent)
        {
            return BlockState.None;
        }

        var line = processor.Line;
        var text = line.ToString().Trim();
        if (!text.StartsWith("{%", StringComparison.Ordinal) || !text.EndsWith("%}", StringComparison.Ordinal) || text.Length < 4)
        {
            return BlockState.None;
        }

        var (words, error) = Tokenise(text[2..^2]);
        var block = new EmbedBlock(this)
        {
            Line = processor.LineIndex,
            Column = processor.Column,
            Span = new SourceSpan(processor.Start, line.End),
            Name = words.Count > 0 ? words[0] : "",
            Arguments = words.Skip(1).ToList(),
            SyntaxError = error,
        };
        processor.NewBlocks.Push(block);
        return BlockState.BreakDiscard;
    }

    /// <summary>Splits on spaces, keeping "double-quoted text" together.</summary>
    internal static (List<string> Words, string? Error) Tokenise(string text)
    {
        var words = new List<string>();
        var i = 0;
        while (i < text.Length)
        {
            if (char.IsWhiteSpace(text[i]))
            {
                i++;
                continue;
            }

            if (text[i] == '"')
            {
                var end = text.IndexOf('"', i + 1);
                if (end < 0)
                {
                    return (words, "a quoted text is not closed: add the closing `\"`");
                }

                words.Add(text[(i + 1)..end]);
                i = end + 1;
                continue;
            }

            var start = i;
            while (i < text.Length && !char.IsWhiteSpace(text[i]))
            {
                i++;
            }

            words.Add(text[start..i]);
        }

        return (words, null);
    }
}
