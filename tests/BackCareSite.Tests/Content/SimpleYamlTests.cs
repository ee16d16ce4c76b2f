using System.Text;
using BackCareSite.Bench;
using BackCareSite.Content;
using BackCareSite.Tests.Support;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace BackCareSite.Tests.Content;

/// <summary>
/// <see cref="SimpleYaml"/> reads most front matter instead of YamlDotNet's parser: wherever it gives events, they
/// must be exactly the parser's (kind, text, style, flags and every mark), and wherever the parser would fail, it
/// must give none, so that the parser reports the problem as it always did.
/// </summary>
public sealed class SimpleYamlTests
{
    [Fact]
    public void EveryFrontMatterAndDataFileOfTheSampleSiteAndACorpusReadsAsYamlDotNetReadsIt()
    {
        using var site = new TempSite(withDefaults: false);
        new Corpus(articles: 40, exercises: 10, seed: 5).Write(site.ContentDir);
        var texts = YamlOf(RepoPaths.Content).Concat(YamlOf(site.ContentDir)).ToList();
        var read = 0;
        foreach (var (path, text) in texts)
        {
            read += AssertSameOrLeftToYamlDotNet(text, path) ? 1 : 0;
        }

        // Every page's front matter is read here (the sample's data files have comments, which are YamlDotNet's).
        var pages = texts.Count(t => t.Path.EndsWith(".md", StringComparison.Ordinal));
        Assert.True(pages > 60, $"only {pages} pages");
        Assert.True(read >= pages, $"{read} of {texts.Count} files read without YamlDotNet ({pages} pages)");
    }

    [Fact]
    public void FrontMatterChangedAtRandomReadsAsYamlDotNetReadsItOrIsLeftToIt()
    {
        var texts = YamlOf(RepoPaths.Content).Where(t => t.Path.EndsWith(".md", StringComparison.Ordinal)).Select(t => t.Text).ToList();
        var random = new Random(20261204);
        string[] pieces =
        [
            " ", "  ", "\n", "\n  ", "-", "- ", ":", ": ", "'", "\"", "#", " #", "[", "]", "{", "}", "[]", "{}", ",", "?", "&a", "*a", "!", "|",
            ">", "\\", "\t", "%", "@", "`", "x", "é", "\u2028", "\uFEFF", "\u0085", "---", "...", "\n- ", "\n-", "key: v", "\nk:", "\n  k:",
            "\n    - v", "''", "\"\"", "~", "\U0001F600", "\uD800",
        ];
        var read = 0;
        for (var n = 0; n < 20_000; n++)
        {
            var text = new StringBuilder(texts[random.Next(texts.Count)]);
            for (var m = random.Next(1, 4); m > 0; m--)
            {
                var at = random.Next(text.Length);
                switch (random.Next(4))
                {
                    case 0 or 1:
                        text.Insert(at, pieces[random.Next(pieces.Length)]);
                        break;
                    case 2:
                        text.Remove(at, Math.Min(random.Next(1, 6), text.Length - at));
                        break;
                    default:
                        var lines = text.ToString().Split('\n').ToList();
                        var line = random.Next(lines.Count);
                        if (random.Next(2) == 0)
                        {
                            lines.Insert(line, lines[random.Next(lines.Count)]);
                        }
                        else
                        {
                            lines[line] = new string(' ', random.Next(5)) + lines[line].TrimStart();
                        }

                        text.Clear().AppendJoin('\n', lines);
                        break;
                }
            }

            read += AssertSameOrLeftToYamlDotNet(text.ToString(), $"changed text {n}") ? 1 : 0;
        }

        Assert.True(read > 2_000, $"only {read} of the changed texts were read without YamlDotNet");
    }

    [Fact]
    public void YamlMadeFromAGrammarOfTrickyValuesReadsAsYamlDotNetReadsItOrIsLeftToIt()
    {
        var random = new Random(7);
        string[] keys = ["a", "title", "x-y", "k_1", "9", "on", "null", "true", "URL", "é", "a.b", "\"q\""];
        string[] values =
        [
            "plain", "two words", "a  b", "with: colon", "http://x.y/z?q=1#f", "don't", "say \"hi\"", "\"quoted\"", "\"\"", "''", "'single'",
            "'it''s'", "[]", "[ ]", "{}", "{ }", "[a]", "-5", "5-", "a:", "a :b", "é ü", "x\\y", "\"a\\nb\"", "~", "a,b", "a, b", "x [y] {z}",
            "a ]", "a # c", "a#c", "'", "\"", "|", ">", "*x", "&x y", "!t v", "? q", "2024-01-01", "\U0001F600 ok", "a\tb", "\"open", "'open",
        ];
        var read = 0;
        for (var n = 0; n < 20_000; n++)
        {
            var text = new StringBuilder();
            if (random.Next(10) == 0)
            {
                text.Append('\n');
            }

            Mapping(text, 0, 0, firstOnThisLine: false);
            var yaml = random.Next(5) == 0 ? text.ToString().TrimEnd('\n') : text.ToString();
            read += AssertSameOrLeftToYamlDotNet(yaml, $"made text {n}") ? 1 : 0;
        }

        Assert.True(read > 1_000, $"only {read} of the texts made were read without YamlDotNet");

        void Mapping(StringBuilder text, int indent, int depth, bool firstOnThisLine)
        {
            for (var i = random.Next(1, 5); i > 0; i--)
            {
                if (!firstOnThisLine)
                {
                    text.Append(' ', indent);
                }

                firstOnThisLine = false;
                text.Append(keys[random.Next(keys.Length)]).Append(':');
                switch (depth > 3 ? 0 : random.Next(6))
                {
                    case 0 or 1 or 2:
                        if (random.Next(10) > 0)
                        {
                            text.Append(' ', random.Next(1, 3)).Append(values[random.Next(values.Length)]);
                        }

                        text.Append(random.Next(8) == 0 ? " \n" : "\n");
                        break;
                    case 3:
                        text.Append('\n');
                        Mapping(text, indent + random.Next(1, 4), depth + 1, false);
                        break;
                    default:
                        text.Append('\n');
                        Sequence(text, random.Next(3) == 0 ? indent : indent + random.Next(1, 4), depth + 1);
                        break;
                }

                if (random.Next(10) == 0)
                {
                    text.Append(' ', random.Next(6)).Append('\n');
                }
            }
        }

        void Sequence(StringBuilder text, int indent, int depth)
        {
            for (var i = random.Next(1, 4); i > 0; i--)
            {
                text.Append(' ', indent).Append('-').Append(' ', random.Next(1, 3));
                if (depth < 4 && random.Next(3) == 0)
                {
                    var column = text.Length - text.ToString().LastIndexOf('\n') - 1;
                    Mapping(text, column, depth + 1, firstOnThisLine: true);
                }
                else
                {
                    text.Append(values[random.Next(values.Length)]).Append('\n');
                }
            }
        }
    }

    [Theory]
    [InlineData("title: x\n# a comment\n")]
    [InlineData("title: \"a\\tb\"\n")]
    [InlineData("title: a\n  continued\n")]
    [InlineData("title: \"a\n  b\"\n")]
    [InlineData("title: &a x\nother: *a\n")]
    [InlineData("title: !tag x\n")]
    [InlineData("title:\ttab\n")]
    [InlineData("tags: [a, b]\n")]
    [InlineData("body: |\n  text\n")]
    [InlineData("title: x\n  ")]
    [InlineData("  title: x\n")]
    [InlineData("title: 'it''s'\n")]
    [InlineData("list:\n  -\n  - b\n")]
    [InlineData("---\ntitle: x\n")]
    [InlineData("title: x\u2028y\n")]
    public void WhatItDoesNotReadIsLeftToYamlDotNet(string yaml)
    {
        Assert.Null(SimpleYaml.TryRead(yaml));
    }

    [Fact]
    public void NestingDeeperThanItReadsIsLeftToYamlDotNetWhichReportsItAtTheLimit()
    {
        var yaml = new StringBuilder();
        for (var depth = 0; depth <= SimpleYaml.MaxDepth + 1; depth++)
        {
            yaml.Append(' ', depth).Append("k:\n");
        }

        yaml.Append(' ', SimpleYaml.MaxDepth + 2).Append("k: v\n");
        Assert.Null(SimpleYaml.TryRead(yaml.ToString()));
        Assert.NotNull(SimpleYaml.TryRead("a:\n b:\n  c: v\n"));
    }

    [Fact]
    public void AFrontMatterTypoIsStillReportedByYamlDotNetAtItsLine()
    {
        using var site = new TempSite();
        site.Write("articles/broken.md", "---\ntitle: \"Broken\"\ndescription: x\ndate: 2026-01-01\ntags:\n  - a\n  b: c\n---\n\nText.\n");
        var result = site.Build();
        result.HasError(BackCareSite.Diagnostics.ErrorCodes.YamlSyntax, "content/articles/broken.md", 7);
    }

    // True when SimpleYaml read the text (and its events were YamlDotNet's), false when it left it to YamlDotNet.
    private static bool AssertSameOrLeftToYamlDotNet(string yaml, string where)
    {
        var fast = SimpleYaml.TryRead(yaml);
        if (fast is null)
        {
            return false;
        }

        List<string> expected;
        try
        {
            expected = [];
            var parser = new Parser(new StringReader(yaml));
            while (parser.MoveNext())
            {
                expected.Add(Show(parser.Current!));
            }
        }
        catch (Exception ex) when (ex is YamlException or InvalidOperationException or ArgumentException)
        {
            Assert.Fail($"{where}: read without YamlDotNet, which fails on it ({ex.Message}):\n{yaml}");
            return false;
        }

        Assert.True(expected.SequenceEqual(fast.Select(Show)),
            $"{where}: events differ from YamlDotNet's:\n{yaml}\nexpected:\n{string.Join('\n', expected)}\nactual:\n{string.Join('\n', fast.Select(Show))}");
        return true;
    }

    private static string Show(ParsingEvent e) =>
        $"{e.GetType().Name} {e.Start.Index}/{e.Start.Line}/{e.Start.Column}-{e.End.Index}/{e.End.Line}/{e.End.Column} " + e switch
        {
            Scalar s => $"[{s.Value}] {s.Style} key={s.IsKey} plain={s.IsPlainImplicit} quoted={s.IsQuotedImplicit} tag={s.Tag} anchor={s.Anchor}",
            MappingStart m => $"{m.Style} implicit={m.IsImplicit} tag={m.Tag} anchor={m.Anchor}",
            SequenceStart q => $"{q.Style} implicit={q.IsImplicit} tag={q.Tag} anchor={q.Anchor}",
            DocumentStart d => $"implicit={d.IsImplicit} version={d.Version}",
            DocumentEnd d => $"implicit={d.IsImplicit}",
            _ => "",
        };

    // The YAML of every data file, and the front matter of every page, under a content folder.
    private static IEnumerable<(string Path, string Text)> YamlOf(string contentDir)
    {
        foreach (var path in Directory.EnumerateFiles(contentDir, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            var text = File.ReadAllText(path).Replace("\r\n", "\n", StringComparison.Ordinal);
            if (path.EndsWith(".yml", StringComparison.Ordinal))
            {
                yield return (path, text);
            }
            else if (path.EndsWith(".md", StringComparison.Ordinal) && text.StartsWith("---\n", StringComparison.Ordinal))
            {
                var end = text.IndexOf("\n---", 4, StringComparison.Ordinal);
                if (end > 0)
                {
                    yield return (path, text[4..(end + 1)]);
                }
            }
        }
    }
}
