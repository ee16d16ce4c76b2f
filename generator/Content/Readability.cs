using System.Text;
using System.Text.RegularExpressions;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace BackCareSite.Content;

/// <summary>A sentence of a page, where it starts, and its own grade.</summary>
internal sealed record ReadableSentence(string Text, Spot At, int Words, int Syllables)
{
    public double Grade => Readability.Grade(Words, 1, Syllables);
}

/// <summary>The readability of a page: counts, the Flesch-Kincaid grade and the reading age.</summary>
internal sealed record ReadabilityScore(int Words, int Sentences, int Syllables, IReadOnlyList<ReadableSentence> Hardest)
{
    public double Grade => Words == 0 ? 0 : Readability.Grade(Words, Sentences, Syllables);

    /// <summary>The age at which a reader can follow the text: the US school grade plus 5 (grade 1 is age 6).</summary>
    public double ReadingAge => Grade + 5;
}

/// <summary>
/// Plain-language measure of a health page: the Flesch-Kincaid grade level
/// (Kincaid, Fishburne, Rogers and Chissom, 1975, for the US Navy):
/// <c>0.39 × words per sentence + 11.8 × syllables per word − 15.59</c>, and
/// the reading age as grade + 5 (NHS guidance aims at a reading age of 11,
/// grade 6). Measured on the Markdown body's paragraphs and list items (not
/// headings, code, tables or embeds) and on an exercise's position and steps;
/// words the clinic glosses (site.yml <c>glossed_words</c>) count as one syllable.
/// </summary>
internal static partial class Readability
{
    /// <summary>Pages with fewer words than this are not judged: too short for the formula to mean much.</summary>
    public const int MinimumWords = 30;

    public static double Grade(int words, int sentences, int syllables) =>
        0.39 * words / sentences + 11.8 * syllables / words - 15.59;

    public static ReadabilityScore Measure(ContentItem item, IReadOnlySet<string> glossed)
    {
        var sentences = new List<ReadableSentence>();
        foreach (var text in item.ReadableFields)
        {
            sentences.AddRange(Sentences(text.Value, _ => text.At, glossed));
        }

        foreach (var block in item.Body.Descendants<LeafBlock>())
        {
            if (block is ParagraphBlock && !IsInTable(block) && block.Inline is { } inline)
            {
                var (text, lines) = Flatten(inline);
                sentences.AddRange(Sentences(text, i => new Spot(lines[Math.Min(i, lines.Count - 1)] + 1, 1), glossed));
            }
        }

        var hardest = sentences
            .OrderByDescending(s => s.Grade).ThenByDescending(s => s.Words).ThenBy(s => s.At.Line)
            .Take(3).ToList();
        return new ReadabilityScore(sentences.Sum(s => s.Words), sentences.Count, sentences.Sum(s => s.Syllables), hardest);
    }

    private static bool IsInTable(Block block)
    {
        for (var parent = block.Parent; parent is not null; parent = parent.Parent)
        {
            if (parent is Markdig.Extensions.Tables.Table)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>A paragraph's reader-visible text, and the zero-based line of each character.</summary>
    private static (string Text, List<int> Lines) Flatten(ContainerInline inline)
    {
        var text = new StringBuilder();
        var lines = new List<int>();
        void Append(string s, int line)
        {
            text.Append(s);
            lines.AddRange(Enumerable.Repeat(line, s.Length));
        }

        foreach (var node in inline.Descendants())
        {
            switch (node)
            {
                case LiteralInline literal:
                    Append(literal.Content.ToString(), literal.Line);
                    break;
                case CodeInline code:
                    Append(code.Content, code.Line);
                    break;
                case LineBreakInline br:
                    Append(" ", br.Line);
                    break;
            }
        }

        return (text.ToString(), lines);
    }

    /// <summary>Splits text into sentences at <c>.</c>, <c>!</c> or <c>?</c> followed by a space, and counts each.</summary>
    private static IEnumerable<ReadableSentence> Sentences(string text, Func<int, Spot> at, IReadOnlySet<string> glossed)
    {
        var start = 0;
        foreach (var end in SentenceEnd().Matches(text).Select(m => m.Index + m.Length).Append(text.Length))
        {
            if (end <= start)
            {
                continue;
            }

            var sentence = text[start..end].Trim();
            var leading = start + (text[start..end].Length - text[start..end].TrimStart().Length);
            start = end;
            var words = WordPattern().Matches(sentence).Select(m => m.Value).ToList();
            if (words.Count == 0)
            {
                continue;
            }

            yield return new ReadableSentence(sentence, at(leading), words.Count, words.Sum(w => Syllables(w, glossed)));
        }
    }

    public static int Syllables(string word, IReadOnlySet<string> glossed)
    {
        var lower = word.ToLowerInvariant();
        if (glossed.Contains(lower) || (lower.EndsWith('s') && glossed.Contains(lower[..^1])))
        {
            return 1;
        }

        return lower.Split('-', StringSplitOptions.RemoveEmptyEntries).Sum(Syllables);
    }

    /// <summary>
    /// Syllables of one word by vowel groups: a silent final <c>e</c>, <c>es</c> or
    /// <c>ed</c> does not count, a leading <c>y</c> is a consonant, and every word
    /// has at least one.
    /// </summary>
    public static int Syllables(string word)
    {
        var w = new string(word.ToLowerInvariant().Where(char.IsAsciiLetterLower).ToArray());
        if (w.Length <= 3)
        {
            return 1;
        }

        w = SilentEnding().Replace(w, "");
        w = w.StartsWith('y') ? w[1..] : w;
        return Math.Max(1, VowelGroup().Count(w));
    }

    [GeneratedRegex(@"[.!?]+[""')\]]*(?=\s|$)")]
    private static partial Regex SentenceEnd();

    [GeneratedRegex(@"[\p{L}][\p{L}'’-]*")]
    private static partial Regex WordPattern();

    [GeneratedRegex("(?:[^laeiouy]es|ed|[^laeiouy]e)$")]
    private static partial Regex SilentEnding();

    [GeneratedRegex("[aeiouy]{1,2}")]
    private static partial Regex VowelGroup();
}
