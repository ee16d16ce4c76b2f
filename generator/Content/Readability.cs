using System.Text;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace BackCareSite.Content;

/// <summary>
/// A sentence of a page: where it starts, and its own grade. Its text is not kept: the warning and the report
/// name its line, and on a large site the three hardest sentences of every page were tens of megabytes.
/// </summary>
internal sealed record ReadableSentence(Spot At, int Words, int Syllables)
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
internal static class Readability
{
    /// <summary>Pages with fewer words than this are not judged: too short for the formula to mean much.</summary>
    public const int MinimumWords = 30;

    public static double Grade(int words, int sentences, int syllables) =>
        0.39 * words / sentences + 11.8 * syllables / words - 15.59;

    public static ReadabilityScore Measure(ContentItem item, IReadOnlySet<string> glossed)
    {
        var sentences = new List<Counted>();
        foreach (var text in item.ReadableFields)
        {
            var at = text.At;
            Count(text.Value, _ => at, glossed, sentences);
        }

        foreach (var block in item.OpenBody().Descendants<LeafBlock>())
        {
            if (block is ParagraphBlock && !IsInTable(block) && block.Inline is { } inline)
            {
                var (text, lines) = Flatten(inline);
                Count(text, i => new Spot(lines.LineOf(i) + 1, 1), glossed, sentences);
            }
        }

        // Only the three hardest are kept (a page has hundreds of sentences).
        var hardest = sentences
            .OrderByDescending(s => s.Grade).ThenByDescending(s => s.Words).ThenBy(s => s.At.Line)
            .Take(3)
            .Select(s => new ReadableSentence(s.At, s.Words, s.Syllables))
            .ToList();
        var words = 0;
        var syllables = 0;
        foreach (var s in sentences)
        {
            words += s.Words;
            syllables += s.Syllables;
        }

        return new ReadabilityScore(words, sentences.Count, syllables, hardest);
    }

    /// <summary>A sentence as counted: where its (trimmed) text starts, its words and syllables.</summary>
    private readonly record struct Counted(Spot At, int Words, int Syllables)
    {
        public double Grade => Readability.Grade(Words, 1, Syllables);
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

    /// <summary>The zero-based source line of each character of a flattened paragraph, as runs (one per inline).</summary>
    private sealed class LineRuns
    {
        private readonly List<(int Start, int Line)> _runs = [];

        public void Add(int start, int line)
        {
            if (_runs.Count == 0 || _runs[^1].Line != line)
            {
                _runs.Add((start, line));
            }
        }

        /// <summary>The line of character <paramref name="index"/>; past the end, the last character's.</summary>
        public int LineOf(int index)
        {
            var line = _runs.Count == 0 ? 0 : _runs[0].Line;
            foreach (var (start, l) in _runs)
            {
                if (start > index)
                {
                    break;
                }

                line = l;
            }

            return line;
        }
    }

    /// <summary>A paragraph's reader-visible text, and the zero-based line of each character.</summary>
    private static (string Text, LineRuns Lines) Flatten(ContainerInline inline)
    {
        var text = new StringBuilder();
        var lines = new LineRuns();
        void Append(ReadOnlySpan<char> s, int line)
        {
            if (s.Length > 0)
            {
                lines.Add(text.Length, line);
                text.Append(s);
            }
        }

        foreach (var node in inline.Descendants())
        {
            switch (node)
            {
                case LiteralInline literal:
                    Append(literal.Content.AsSpan(), literal.Line);
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

    /// <summary>
    /// Splits text into sentences after <c>.</c>, <c>!</c> or <c>?</c> (then any closing quotes
    /// or brackets) followed by white space or the end, and counts the words and syllables of each.
    /// </summary>
    private static void Count(string text, Func<int, Spot> at, IReadOnlySet<string> glossed, List<Counted> into)
    {
        var start = 0;
        var position = 0;
        while (start < text.Length)
        {
            var end = NextSentenceEnd(text, ref position);
            var segment = text.AsSpan(start, end - start);
            var trimmedStart = segment.Length - segment.TrimStart().Length;
            var sentence = segment.Trim();
            var (words, syllables) = CountWords(sentence, glossed);
            if (words > 0)
            {
                into.Add(new Counted(at(start + trimmedStart), words, syllables));
            }

            start = end;
        }
    }

    /// <summary>
    /// The end of the next sentence from <paramref name="position"/> (the text's length when there is
    /// none): a run of <c>.!?</c> and its closing quotes or brackets, where white space or the end follows.
    /// </summary>
    private static int NextSentenceEnd(string text, ref int position)
    {
        while (position < text.Length)
        {
            if (!IsStop(text[position]))
            {
                position++;
                continue;
            }

            var end = position;
            while (end < text.Length && IsStop(text[end]))
            {
                end++;
            }

            while (end < text.Length && text[end] is '"' or '\'' or ')' or ']')
            {
                end++;
            }

            position = end;
            if (end == text.Length || char.IsWhiteSpace(text[end]))
            {
                return end;
            }
        }

        return text.Length;

        static bool IsStop(char c) => c is '.' or '!' or '?';
    }

    /// <summary>Words (a letter, then letters, apostrophes or hyphens) and their syllables.</summary>
    private static (int Words, int Syllables) CountWords(ReadOnlySpan<char> sentence, IReadOnlySet<string> glossed)
    {
        var words = 0;
        var syllables = 0;
        var i = 0;
        while (i < sentence.Length)
        {
            if (!char.IsLetter(sentence[i]))
            {
                i++;
                continue;
            }

            var start = i++;
            while (i < sentence.Length && (char.IsLetter(sentence[i]) || sentence[i] is '\'' or '’' or '-'))
            {
                i++;
            }

            words++;
            syllables += Syllables(sentence[start..i], glossed);
        }

        return (words, syllables);
    }

    public static int Syllables(string word, IReadOnlySet<string> glossed) => Syllables(word.AsSpan(), glossed);

    private static int Syllables(ReadOnlySpan<char> word, IReadOnlySet<string> glossed)
    {
        if (glossed.Count > 0)
        {
            var lower = word.ToString().ToLowerInvariant();
            if (glossed.Contains(lower) || (lower.EndsWith('s') && glossed.Contains(lower[..^1])))
            {
                return 1;
            }
        }

        var sum = 0;
        foreach (var range in word.Split('-'))
        {
            if (range.End.GetOffset(word.Length) > range.Start.GetOffset(word.Length))
            {
                sum += Syllables(word[range]);
            }
        }

        return sum;
    }

    /// <summary>
    /// Syllables of one word by vowel groups: a silent final <c>e</c>, <c>es</c> or
    /// <c>ed</c> does not count, a leading <c>y</c> is a consonant, and every word
    /// has at least one.
    /// </summary>
    public static int Syllables(string word) => Syllables(word.AsSpan());

    private static int Syllables(ReadOnlySpan<char> word)
    {
        // The word's ASCII letters, lower-cased; a word is short.
        Span<char> letters = word.Length <= 64 ? stackalloc char[word.Length] : new char[word.Length];
        var n = 0;
        foreach (var c in word)
        {
            var lower = char.ToLowerInvariant(c);
            if (char.IsAsciiLetterLower(lower))
            {
                letters[n++] = lower;
            }
        }

        if (n <= 3)
        {
            return 1;
        }

        var w = letters[..n];
        // A silent ending: a consonant (or y) then "es", or "ed", or a consonant then a final "e".
        if (w.EndsWith("es") && !IsLaeiouy(w[^3]))
        {
            w = w[..^3];
        }
        else if (w.EndsWith("ed"))
        {
            w = w[..^2];
        }
        else if (w[^1] == 'e' && !IsLaeiouy(w[^2]))
        {
            w = w[..^2];
        }

        if (w.Length > 0 && w[0] == 'y')
        {
            w = w[1..];
        }

        // Vowel groups, counted as the pairs and single vowels they hold: "aeiou" is three.
        var groups = 0;
        var run = 0;
        foreach (var c in w)
        {
            if (c is 'a' or 'e' or 'i' or 'o' or 'u' or 'y')
            {
                run++;
                continue;
            }

            groups += (run + 1) / 2;
            run = 0;
        }

        groups += (run + 1) / 2;
        return Math.Max(1, groups);

        static bool IsLaeiouy(char c) => c is 'l' or 'a' or 'e' or 'i' or 'o' or 'u' or 'y';
    }
}
