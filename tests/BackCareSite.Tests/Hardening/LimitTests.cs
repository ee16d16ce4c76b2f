using System.Text;
using BackCareSite.Content;
using BackCareSite.Diagnostics;
using BackCareSite.Links;
using BackCareSite.Tests.Support;

namespace BackCareSite.Tests.Hardening;

/// <summary>Issue #20: no page is cut short, and every stated limit is an error at its file and line, never a crash.</summary>
public sealed class LimitTests
{
    [Fact]
    public void WritesAPageOverOneMebibyteWhole()
    {
        var paragraph = string.Concat(Enumerable.Repeat("Gentle movement helps most back pain settle. ", 1000));
        var body = string.Join("\n\n", Enumerable.Repeat(paragraph, 30)) + "\n\nTHE-LAST-SENTENCE.";
        using var site = new TempSite().Article("long", body: body);

        site.Build().Succeeded();

        var html = site.Read("articles/long/index.html");
        Assert.True(Encoding.UTF8.GetByteCount(html) > 1_100_000);
        Assert.Contains("THE-LAST-SENTENCE.", html);
        Assert.EndsWith("</html>\n", html);
    }

    [Fact]
    public void ReportsVeryDeepYamlAtItsLineInsteadOfOverflowingTheStack()
    {
        using var site = new TempSite().Article("deep", extraFrontMatter: "tags: " + new string('[', 20_000) + "\n");

        var result = site.Build();

        result.HasError("BCS0112", "content/articles/deep.md", 5);
        Assert.False(result.Published);
    }

    [Fact]
    public void ReportsVeryDeepMarkdownAsAnError()
    {
        using var site = new TempSite().Article("deep", body: "Intro.\n\n" + new string('>', 5_000) + " quoted\n");

        var result = site.Build();

        result.HasError("BCS0307", "content/articles/deep.md", 16);
    }

    [Fact]
    public void StopsAParagraphOfUnclosedBracketsAtItsLine()
    {
        using var site = new TempSite().Article("brackets", body: "Intro.\n\n" + new string('[', 60_000) + "\n");

        var result = site.Build();

        result.HasError("BCS0308", "content/articles/brackets.md", 16);
    }

    [Fact]
    public void ReportsALineLongerThanTheLimit()
    {
        using var site = new TempSite().Article("wide", body: new string('a', SourceReader.MaxLineLength + 1));

        site.Build().HasError("BCS0110", "content/articles/wide.md", 14);
    }

    [Fact]
    public void ReportsAFileLargerThanTheLimit()
    {
        var line = new string('a', 1000) + "\n";
        using var site = new TempSite().Article("huge", body: string.Concat(Enumerable.Repeat(line, SourceReader.MaxBytes / line.Length + 1)));

        site.Build().HasError("BCS0109", "content/articles/huge.md", 1);
    }

    [Theory]
    [InlineData("title: \"Back \\e[31mpain\"\n", 2)]
    [InlineData("title: \"Back \u001b[31mpain\"\n", 2)]
    [InlineData("title: \"Feed \\x01 breaker\"\n", 2)]
    public void ReportsControlCharactersInATitleAtTheirLine(string titleLine, int line)
    {
        using var site = new TempSite().Write("articles/odd.md", "---\n" + titleLine + "description: x.\ndate: 2026-01-15\n---\n\nText.\n");

        var result = site.Build();

        result.HasError("BCS0111", "content/articles/odd.md", line);
        Assert.False(result.Published);
    }

    [Theory]
    [InlineData("Caf\u00e9 \u2019quoted\u2019\tthen \u0007 bell.\n", 1, 20)]
    [InlineData("Line one.\n\u00a0Line two \u0085 next line.\n", 2, 11)]
    [InlineData("Fine.\n\nEnd \ufffe", 3, 5)]
    [InlineData("\u001b[31m", 1, 1)]
    public void ReportsAControlCharacterAtItsLineAndColumnWhateverComesBefore(string text, int line, int column)
    {
        using var site = new TempSite();
        site.Write("articles/odd.md", text);
        var bag = new DiagnosticBag();

        Assert.Null(SourceReader.Read(Path.Combine(site.ContentDir, "articles", "odd.md"), "articles/odd.md", bag));

        var error = Assert.Single(bag.Sorted());
        Assert.Equal(("BCS0111", line, column), (error.Code, error.Line, error.Column));
    }

    [Fact]
    public void PrintsControlCharactersFromContentEscaped()
    {
        var diagnostic = Diagnostic.Error("BCS0111", "content/a\u001b]0;x\u0007.md", 1, 1, "title `\u001b[2J` here");

        var printed = diagnostic.ToString();

        Assert.DoesNotContain('\u001b', printed);
        Assert.Contains("\\u001B[2J", printed);
        Assert.Contains("\\u0007", printed);
    }

    [Theory]
    [InlineData("plain ASCII text: nothing to escape")]
    [InlineData("")]
    [InlineData("\u001b")]
    [InlineData("caf\u00e9 \u2014 then \u001b[2J and \u0085 and \ufffe and \uffff at the end")]
    [InlineData("tab\there, line\nbreak, carriage\rreturn, delete\u007f, nbsp\u00a0, C1 end\u009f")]
    [InlineData("\t\n")]
    [InlineData("a long line of printable text well past one vector's width before the control character \u0007 appears")]
    public void EscapesExactlyWhatTheFirstImplementationEscaped(string text)
    {
        // The first implementation, character by character, as the oracle.
        static string Oracle(string text, bool lineBreaks)
        {
            bool Escaped(char c) => SourceReader.IsControl(c) || (lineBreaks && c is '\n' or '\t');
            return text.Any(Escaped) ? string.Concat(text.Select(c => Escaped(c) ? $"\\u{(int)c:X4}" : c.ToString())) : text;
        }

        Assert.Equal(Oracle(text, lineBreaks: false), Diagnostic.Escape(text));
        Assert.Equal(Oracle(text, lineBreaks: true), Diagnostic.Escape(text, lineBreaks: true));
        if (!text.Any(c => SourceReader.IsControl(c) || c is '\n' or '\t'))
        {
            Assert.Same(text, Diagnostic.Escape(text, lineBreaks: true));
        }
    }

    [Fact]
    public void ReportsAnUnreadableFileWithItsOwnCode()
    {
        using var site = new TempSite();
        var folder = Path.Combine(site.ContentDir, "articles", "not-a-file.md");
        Directory.CreateDirectory(folder);
        var bag = new DiagnosticBag();

        Assert.Null(SourceReader.Read(folder, "articles/not-a-file.md", bag));

        Assert.Equal("BCS0106", Assert.Single(bag.Sorted()).Code);
    }

    [Fact]
    public void CheckReportsLinesPast65535WithoutWrapping()
    {
        var html = "<!doctype html><html><body>" + new string('\n', 70_000) + "<p>x</p><img src=\"a.png\"></body></html>";

        var scan = PageScanner.Scan("index.html", html);

        var problem = Assert.Single(scan.Problems);
        Assert.Equal(70_001, problem.Line);
    }
}
