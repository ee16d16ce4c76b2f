using System.Text;
using System.Text.RegularExpressions;
using BackCareSite.Bench;
using BackCareSite.Content;
using BackCareSite.Markdown;
using BackCareSite.Tests.Support;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace BackCareSite.Tests.Content;

/// <summary>
/// Readability is counted by hand-written scanners (for speed); they must give exactly what the
/// definition in regular expressions gives (below, the first implementation), sentence by sentence.
/// </summary>
public sealed partial class ReadabilityOracleTests
{
    [Theory]
    [InlineData("Stop. Rest.. Breathe?! Walk... \"Really.\" (Yes.) [No.] Then.x and .5 and e.g. this?)b end")]
    [InlineData("Yes. Yoga's ace. Goes. Trees. Makes. Liked. Tuned. Lie. Candle. Bee. Eyes. Yyes. Yxes. Queueing. Aeiou. Kelvin\u212A. İstanbul. Café. Naïve.")]
    [InlineData("Well-being, self-care and re--entry: don’t, it's fine - yes\u00a0no.\tTab.\nNew line. 12 34. \U0001D400bc. Ωmega word.")]
    [InlineData("Physiotherapists help. PHYSIOTHERAPIST Yogas yogas' Well-Being WELL-BEINGS. Pneumonoultramicroscopicsilicovolcanoconiosisandthensomemorelettersforlength is long.")]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("No full stop at all")]
    public void TrickyTextCountsAsTheRegexDefinitionCounts(string text)
    {
        var glossaries = new[] { new HashSet<string>(), new HashSet<string> { "physiotherapist", "well-being", "yoga" } };
        foreach (var glossary in glossaries)
        {
            var item = Parse("articles/x.md", "---\ntitle: X\ndescription: Y.\ndate: 2026-01-01\nhealth: false\n---\n\n" + text + "\n");
            AssertSame(item, glossary);
        }
    }

    [Fact]
    public void EveryPageOfTheSampleSiteAndTheBenchCorpusCountsAsTheRegexDefinitionCounts()
    {
        using var site = new TempSite(withDefaults: false);
        new Corpus(articles: 30, exercises: 8, seed: 3).Write(site.ContentDir);
        var items = Load(RepoPaths.Content).Concat(Load(site.ContentDir)).ToList();
        Assert.True(items.Count > 45, $"only {items.Count} pages");
        var glossary = new HashSet<string>(StringComparer.Ordinal) { "physiotherapist", "sciatica", "exercise" };
        foreach (var item in items)
        {
            AssertSame(item, new HashSet<string>());
            AssertSame(item, glossary);
        }
    }

    private static void AssertSame(ContentItem item, IReadOnlySet<string> glossary)
    {
        var actual = Readability.Measure(item, glossary);
        var expected = Oracle.Measure(item, glossary);
        var where = item.Source.RelativePath;
        Assert.True((expected.Words, expected.Sentences, expected.Syllables) == (actual.Words, actual.Sentences, actual.Syllables),
            $"{where}: expected {expected.Words} words, {expected.Sentences} sentences, {expected.Syllables} syllables; got {actual.Words}, {actual.Sentences}, {actual.Syllables}");
        Assert.Equal(expected.Hardest, actual.Hardest);
    }

    private static List<ContentItem> Load(string contentDir)
    {
        var diagnostics = new BackCareSite.Diagnostics.DiagnosticBag();
        var content = new ContentLoader(MarkdownPipelineFactory.Create()).Load(contentDir, includeDrafts: true, new DateOnly(2026, 6, 1), diagnostics);
        return content!.All.ToList();
    }

    private static ContentItem Parse(string relative, string text)
    {
        using var site = new TempSite(withDefaults: false);
        site.Write(relative, text);
        return Assert.Single(Load(site.ContentDir));
    }

    /// <summary>The first implementation, kept as the definition.</summary>
    private static partial class Oracle
    {
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

                yield return new ReadableSentence(at(leading), words.Count, words.Sum(w => Syllables(w, glossed)));
            }
        }

        private static int Syllables(string word, IReadOnlySet<string> glossed)
        {
            var lower = word.ToLowerInvariant();
            if (glossed.Contains(lower) || (lower.EndsWith('s') && glossed.Contains(lower[..^1])))
            {
                return 1;
            }

            return lower.Split('-', StringSplitOptions.RemoveEmptyEntries).Sum(Syllables);
        }

        private static int Syllables(string word)
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
}
