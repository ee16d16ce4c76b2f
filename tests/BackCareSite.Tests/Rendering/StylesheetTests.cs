using System.Text.RegularExpressions;
using BackCareSite.Tests.Support;

namespace BackCareSite.Tests.Rendering;

/// <summary>The hand-written stylesheet keeps its promises: no outside fonts, print rules, every checker class and care-card level styled.</summary>
public sealed class StylesheetTests
{
    private static readonly string Css = File.ReadAllText(Path.Combine(RepoPaths.Templates, "assets", "site.css"));

    [Fact]
    public void LoadsNothingFromOutsideTheSite()
    {
        Assert.DoesNotContain("@import", Css);
        Assert.DoesNotContain("@font-face", Css);
        Assert.DoesNotMatch(new Regex(@"url\(\s*['""]?(https?:)?//"), Css);
    }

    [Fact]
    public void StaysUnder30Kilobytes()
    {
        var bytes = new FileInfo(Path.Combine(RepoPaths.Templates, "assets", "site.css")).Length;
        Assert.True(bytes < 30 * 1024, $"site.css is {bytes} bytes; the budget for the hand-written stylesheet is 30 KB");
    }

    [Fact]
    public void StylesTheMarkdownTableAlignmentClassesAndVisibleFocus()
    {
        Assert.Contains(".align-right {", Css);
        Assert.Contains(".align-center {", Css);
        Assert.Matches(new Regex(@":focus-visible\s*\{[^}]*outline:\s*3px solid"), Css);
    }

    [Fact]
    public void PrintsAnExerciseWithoutNavigationAndKeepsStepsAndCautionsTogether()
    {
        var print = Regex.Match(Css, @"@media print \{(?<body>.*?)\n\}\n", RegexOptions.Singleline).Groups["body"].Value;

        Assert.Matches(new Regex(@"\.site-header,[^{]*\{\s*display: none;", RegexOptions.Singleline), print);
        Assert.Matches(new Regex(@"\.card-how,\s*\.card-cautions,[^{]*\{\s*break-inside: avoid;", RegexOptions.Singleline), print);
    }

    [Fact]
    public void StylesEveryClassOfTheRedFlagCheckerAndEachLevelAsACareCard()
    {
        var partial = File.ReadAllText(Path.Combine(RepoPaths.Templates, "partials", "red-flag-checker.html"));
        foreach (var cls in new[] { "red-flag-checker", "red-flag-signs", "red-flag-group", "red-flag-list", "red-flag-result", "care-card-heading", "care-card-content" })
        {
            Assert.Contains($"\"{cls}", partial);
            Assert.Matches(new Regex($@"\.{cls}[\s,{{:]"), Css);
        }

        // Each level of red-flags.yml has its care-card colour (the partial writes `care-card-{{ l.id }}`).
        Assert.Contains("care-card-{{ l.id }}", partial);
        foreach (var level in new[] { "emergency", "urgent", "soon", "self-care" })
        {
            Assert.Matches(new Regex($@"\.care-card-{level}\s*\{{\s*--care:"), Css);
        }
    }
}
