using System.Text.RegularExpressions;
using BackCareSite.Tests.Support;

namespace BackCareSite.Tests.Rendering;

/// <summary>The hand-written stylesheet keeps its promises: no outside fonts, print rules, the red-flag section last.</summary>
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
    public void EndsWithTheRedFlagCheckerSectionAndItsClasses()
    {
        const string marker = "/* Red-flag checker (owned by the red-flag checker work) */";
        var start = Css.IndexOf(marker, StringComparison.Ordinal);

        Assert.True(start > 0, "the red-flag section is missing");
        var section = Css[start..];
        var partial = File.ReadAllText(Path.Combine(RepoPaths.Templates, "partials", "red-flag-checker.html"));
        foreach (var cls in new[] { "red-flag-checker", "red-flag-signs", "red-flag-group", "red-flag-list", "red-flag-result" })
        {
            Assert.Contains($"\"{cls}", partial);
            Assert.Contains($".{cls} ", section);
        }

        foreach (var level in new[] { "emergency", "urgent", "soon" })
        {
            Assert.Contains($".red-flag-group-{level} ", section);
        }
    }
}
