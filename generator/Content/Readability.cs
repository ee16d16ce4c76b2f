using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace BackCareSite.Content;

/// <summary>
/// A sentence of a page: where it starts, and its own grade. Its text is not kept: the warning and the report
/// name its line, and on a large site the three hardest sentences of every page were tens of megabytes. A value, kept in
/// its score's array (serve keeps every item's score: at 10,000 articles 31,000 sentences, each an object of its own, in a
/// list of its own, took 2 MB).
/// </summary>
internal readonly record struct ReadableSentence(Spot At, int Words, int Syllables)
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
        var sentences = _sentences ?? [];
        _sentences = null;
        sentences.Clear();
        var glossary = new Glossary(glossed);
        foreach (var text in item.ReadableFields)
        {
            Count(text.Value, null, text.At, glossary, sentences);
        }

        var flat = Flattened.Rent();
        CountParagraphs(item.OpenBody(), flat, glossary, sentences);
        Flattened.Return(flat);

        // Only the three hardest are kept (a page has hundreds of sentences): by grade, then words, then line, the
        // first written first among equals (as a stable sort would order them).
        Span<int> top = [-1, -1, -1];
        var words = 0;
        var syllables = 0;
        for (var i = 0; i < sentences.Count; i++)
        {
            var s = sentences[i];
            words += s.Words;
            syllables += s.Syllables;
            for (var k = 0; k < top.Length; k++)
            {
                if (top[k] < 0 || Harder(s, sentences[top[k]]))
                {
                    for (var m = top.Length - 1; m > k; m--)
                    {
                        top[m] = top[m - 1];
                    }

                    top[k] = i;
                    break;
                }
            }
        }

        var kept = 0;
        foreach (var i in top)
        {
            kept += i >= 0 ? 1 : 0;
        }

        var hardest = new ReadableSentence[kept];
        for (var k = 0; k < kept; k++)
        {
            var s = sentences[top[k]];
            hardest[k] = new ReadableSentence(s.At, s.Words, s.Syllables);
        }

        var score = new ReadabilityScore(words, sentences.Count, syllables, hardest);
        // Kept for the next page unless a very long page grew it: a thread keeps no large list for the process's life.
        _sentences = sentences.Capacity <= KeepUpTo ? sentences : null;
        return score;
    }

    // The largest buffer or list a thread keeps between pages (a page's sentences, a paragraph's characters).
    private const int KeepUpTo = 16 * 1024;

    // The sentences of the page being measured, kept per thread for the next page.
    [ThreadStatic]
    private static List<Counted>? _sentences;

    private static bool Harder(Counted a, Counted b)
    {
        var (ga, gb) = (a.Grade, b.Grade);
        return ga > gb || (ga == gb && (a.Words > b.Words || (a.Words == b.Words && a.At.Line < b.At.Line)));
    }

    /// <summary>A sentence as counted: where its (trimmed) text starts, its words and syllables.</summary>
    private readonly record struct Counted(Spot At, int Words, int Syllables)
    {
        public double Grade => Readability.Grade(Words, 1, Syllables);
    }

    // The paragraphs of the blocks, in document order (as Descendants<LeafBlock>() gives them), not those in tables.
    private static void CountParagraphs(ContainerBlock container, Flattened flat, in Glossary glossary, List<Counted> sentences)
    {
        for (var i = 0; i < container.Count; i++)
        {
            switch (container[i])
            {
                case ParagraphBlock { Inline: { } inline }:
                    flat.Fill(inline);
                    Count(flat.Text, flat, default, glossary, sentences);
                    break;
                case Markdig.Extensions.Tables.Table:
                    break;
                case ContainerBlock child:
                    CountParagraphs(child, flat, glossary, sentences);
                    break;
            }
        }
    }

    /// <summary>
    /// A paragraph's reader-visible text in a reused buffer, and the zero-based source line of each
    /// character, as runs (one per line change). One per thread, so a page's paragraphs make no strings.
    /// </summary>
    private sealed class Flattened
    {
        [ThreadStatic]
        private static Flattened? _spare;

        private char[] _chars = new char[1024];
        private int _length;
        private (int Start, int Line)[] _runs = new (int, int)[16];
        private int _runCount;

        public ReadOnlySpan<char> Text => _chars.AsSpan(0, _length);

        public static Flattened Rent()
        {
            var flat = _spare ?? new Flattened();
            _spare = null;
            return flat;
        }

        // Kept for the next page unless a very long paragraph grew it (serve's threads live as long as the process).
        public static void Return(Flattened flat) => _spare = flat._chars.Length <= KeepUpTo ? flat : null;

        public void Fill(ContainerInline inline)
        {
            _length = 0;
            _runCount = 0;
            Walk(inline);
        }

        // The inlines in document order (as Descendants() gives them), without an iterator per paragraph.
        private void Walk(ContainerInline container)
        {
            for (var node = container.FirstChild; node is not null; node = node.NextSibling)
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

                if (node is ContainerInline child)
                {
                    Walk(child);
                }
            }
        }

        private void Append(ReadOnlySpan<char> s, int line)
        {
            if (s.Length == 0)
            {
                return;
            }

            if (_runCount == 0 || _runs[_runCount - 1].Line != line)
            {
                if (_runCount == _runs.Length)
                {
                    Array.Resize(ref _runs, _runs.Length * 2);
                }

                _runs[_runCount++] = (_length, line);
            }

            if (_length + s.Length > _chars.Length)
            {
                Array.Resize(ref _chars, Math.Max(_chars.Length * 2, _length + s.Length));
            }

            s.CopyTo(_chars.AsSpan(_length));
            _length += s.Length;
        }

        /// <summary>The line of character <paramref name="index"/>; past the end, the last character's.</summary>
        public int LineOf(int index)
        {
            var line = _runCount == 0 ? 0 : _runs[0].Line;
            for (var r = 0; r < _runCount; r++)
            {
                if (_runs[r].Start > index)
                {
                    break;
                }

                line = _runs[r].Line;
            }

            return line;
        }
    }

    /// <summary>The glossed words, looked up by a span (no string made per word) when the set allows it.</summary>
    private readonly struct Glossary
    {
        private readonly IReadOnlySet<string> _set;
        private readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> _lookup;
        private readonly bool _byspan;

        public Glossary(IReadOnlySet<string> set)
        {
            _set = set;
            _byspan = set is HashSet<string> hash && hash.TryGetAlternateLookup(out _lookup);
            IsEmpty = set.Count == 0;
        }

        public bool IsEmpty { get; }

        /// <summary>True when the word, lower-cased, or without a final <c>s</c>, is glossed.</summary>
        public bool Has(ReadOnlySpan<char> word)
        {
            if (!_byspan)
            {
                var lower = word.ToString().ToLowerInvariant();
                return _set.Contains(lower) || (lower.EndsWith('s') && _set.Contains(lower[..^1]));
            }

            // The same lower-casing as string.ToLowerInvariant (TextInfo.Invariant), into a span.
            Span<char> buffer = stackalloc char[64];
            var lowered = word.Length <= buffer.Length ? buffer[..word.Length] : new char[word.Length];
            word.ToLowerInvariant(lowered);
            return _lookup.Contains(lowered) || (lowered.Length > 0 && lowered[^1] == 's' && _lookup.Contains(lowered[..^1]));
        }
    }

    /// <summary>
    /// Splits text into sentences after <c>.</c>, <c>!</c> or <c>?</c> (then any closing quotes
    /// or brackets) followed by white space or the end, and counts the words and syllables of each.
    /// A sentence's place is <paramref name="at"/> when <paramref name="lines"/> is null, else the
    /// line of its first character.
    /// </summary>
    private static void Count(ReadOnlySpan<char> text, Flattened? lines, Spot at, in Glossary glossed, List<Counted> into)
    {
        var start = 0;
        var position = 0;
        while (start < text.Length)
        {
            var end = NextSentenceEnd(text, ref position);
            var segment = text[start..end];
            var trimmedStart = segment.Length - segment.TrimStart().Length;
            var sentence = segment.Trim();
            var (words, syllables) = CountWords(sentence, glossed);
            if (words > 0)
            {
                into.Add(new Counted(lines is null ? at : new Spot(lines.LineOf(start + trimmedStart) + 1, 1), words, syllables));
            }

            start = end;
        }
    }

    /// <summary>
    /// The end of the next sentence from <paramref name="position"/> (the text's length when there is
    /// none): a run of <c>.!?</c> and its closing quotes or brackets, where white space or the end follows.
    /// </summary>
    private static int NextSentenceEnd(ReadOnlySpan<char> text, ref int position)
    {
        while (position < text.Length)
        {
            var next = text[position..].IndexOfAny(Stops);
            if (next < 0)
            {
                position = text.Length;
                break;
            }

            var end = position + next;
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

    private static readonly System.Buffers.SearchValues<char> Stops = System.Buffers.SearchValues.Create(".!?");

    /// <summary>Words (a letter, then letters, apostrophes or hyphens) and their syllables.</summary>
    private static (int Words, int Syllables) CountWords(ReadOnlySpan<char> sentence, in Glossary glossed)
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

    public static int Syllables(string word, IReadOnlySet<string> glossed) => Syllables(word.AsSpan(), new Glossary(glossed));

    private static int Syllables(ReadOnlySpan<char> word, in Glossary glossed)
    {
        if (!glossed.IsEmpty && glossed.Has(word))
        {
            return 1;
        }

        if (!word.IsEmpty && !word.Contains('-'))
        {
            return Syllables(word);
        }

        // Each part between hyphens counts on its own ("well-being" is "well" and "being").
        var sum = 0;
        var part = 0;
        for (var i = 0; i <= word.Length; i++)
        {
            if (i == word.Length || word[i] == '-')
            {
                if (i > part)
                {
                    sum += Syllables(word[part..i]);
                }

                part = i + 1;
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
        // The word's ASCII letters, lower-cased (a character outside ASCII counts when it lower-cases to one, as
        // U+0130 does), copied into a buffer in one pass; then the vowel groups of those between the leading y and
        // the silent ending, from the buffer.
        Span<byte> letters = word.Length <= 64 ? stackalloc byte[64] : new byte[word.Length];
        var n = 0;
        foreach (var c in word)
        {
            var lower = c < 128 ? AsciiLower[c] : NonAsciiLower(c);
            letters[n] = lower;
            n += lower == 0 ? 0 : 1;
        }

        if (n <= 3)
        {
            return 1;
        }

        var (third, second, last) = (letters[n - 3], letters[n - 2], letters[n - 1]);

        // A silent ending: a consonant (or y) then "es", or "ed", or a consonant then a final "e".
        var end = n;
        if (second == 'e' && last == 's' && !IsLaeiouy(third))
        {
            end -= 3;
        }
        else if (second == 'e' && last == 'd')
        {
            end -= 2;
        }
        else if (last == 'e' && !IsLaeiouy(second))
        {
            end -= 2;
        }

        // A leading y is a consonant (what is left of the word is never empty: n > 3, at most 3 cut).
        var start = letters[0] == 'y' ? 1 : 0;

        // Vowel groups, counted as the pairs and single vowels they hold: "aeiou" is three.
        var groups = 0;
        var run = 0;
        foreach (var letter in letters[start..end])
        {
            if (IsVowel(letter))
            {
                run++;
            }
            else
            {
                groups += (run + 1) / 2;
                run = 0;
            }
        }

        groups += (run + 1) / 2;
        return Math.Max(1, groups);

        static byte NonAsciiLower(char c)
        {
            var lower = char.ToLowerInvariant(c);
            return char.IsAsciiLetterLower(lower) ? (byte)lower : (byte)0;
        }

        static bool IsVowel(byte c) => c is (byte)'a' or (byte)'e' or (byte)'i' or (byte)'o' or (byte)'u' or (byte)'y';

        static bool IsLaeiouy(byte c) => c is (byte)'l' or (byte)'a' or (byte)'e' or (byte)'i' or (byte)'o' or (byte)'u' or (byte)'y';
    }

    // Each ASCII character's lower-case letter, or 0 for one that is not a letter.
    private static ReadOnlySpan<byte> AsciiLower =>
    [
        0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
        0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
        0, (byte)'a', (byte)'b', (byte)'c', (byte)'d', (byte)'e', (byte)'f', (byte)'g', (byte)'h', (byte)'i', (byte)'j', (byte)'k',
        (byte)'l', (byte)'m', (byte)'n', (byte)'o', (byte)'p', (byte)'q', (byte)'r', (byte)'s', (byte)'t', (byte)'u', (byte)'v',
        (byte)'w', (byte)'x', (byte)'y', (byte)'z', 0, 0, 0, 0, 0,
        0, (byte)'a', (byte)'b', (byte)'c', (byte)'d', (byte)'e', (byte)'f', (byte)'g', (byte)'h', (byte)'i', (byte)'j', (byte)'k',
        (byte)'l', (byte)'m', (byte)'n', (byte)'o', (byte)'p', (byte)'q', (byte)'r', (byte)'s', (byte)'t', (byte)'u', (byte)'v',
        (byte)'w', (byte)'x', (byte)'y', (byte)'z', 0, 0, 0, 0, 0,
    ];
}
