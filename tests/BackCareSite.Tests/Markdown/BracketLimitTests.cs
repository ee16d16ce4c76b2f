using BackCareSite.Markdown;

namespace BackCareSite.Tests.Markdown;

/// <summary>
/// The bracket limit is found line by line with vectorised searches: it must find the same `[` (line and column) as
/// the first implementation (below), which read the text a character at a time.
/// </summary>
public sealed class BracketLimitTests
{
    [Fact]
    public void FindsTheSameBracketAsReadingACharacterAtATime()
    {
        var random = new Random(308);
        var run = new string('[', 97);
        string[] pieces = [run, run, run, run, "[", "\\[", "\n", "\n", "\n", "\n\n", "\n  \n", "\n\t\n", " ", "a", "]", "\\", "x[y", "\\" + run];
        var found = 0;
        for (var n = 0; n < 3_000; n++)
        {
            var text = string.Concat(Enumerable.Range(0, random.Next(0, 200)).Select(_ => pieces[random.Next(pieces.Length)]));
            var expected = ByCharacter(text);
            Assert.Equal(expected, MarkdownLimits.FirstExcessBracket(text));
            found += expected is null ? 0 : 1;
        }

        Assert.True(found > 100, $"only {found} texts went over the limit");
        var many = new string('[', MarkdownLimits.MaxBracketsPerParagraph + 1);
        Assert.Equal((3, MarkdownLimits.MaxBracketsPerParagraph + 1), MarkdownLimits.FirstExcessBracket("a\n\n" + many));
        Assert.Null(MarkdownLimits.FirstExcessBracket("a\n\n" + many[1..] + "\n \n["));
    }

    private static (int Line, int Column)? ByCharacter(string text)
    {
        int line = 1, brackets = 0;
        var blank = true;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '\n')
            {
                if (blank)
                {
                    brackets = 0;
                }

                line++;
                blank = true;
            }
            else if (c is not (' ' or '\t'))
            {
                blank = false;
                if (c == '[' && (i == 0 || text[i - 1] != '\\') && ++brackets > MarkdownLimits.MaxBracketsPerParagraph)
                {
                    return (line, i - text.LastIndexOf('\n', Math.Max(0, i - 1)));
                }
            }
        }

        return null;
    }
}
