using System.Reflection;
using System.Text.RegularExpressions;
using BackCareSite.Diagnostics;
using BackCareSite.Tests.Support;

namespace BackCareSite.Tests.Content;

/// <summary>Keeps docs/content-guide.md true: its examples build, and it explains every error code.</summary>
public sealed partial class ContentGuideTests
{
    private static readonly string Guide = File.ReadAllText(Path.Combine(RepoPaths.Root, "docs", "content-guide.md"));

    [Fact]
    public void ExplainsEveryErrorCode()
    {
        var codes = typeof(ErrorCodes).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Select(f => (string)f.GetValue(null)!)
            .Distinct()
            .ToList();

        Assert.NotEmpty(codes);
        var missing = codes.Where(c => !Guide.Contains($"| {c} |", StringComparison.Ordinal)).ToList();
        Assert.True(missing.Count == 0, "docs/content-guide.md does not explain: " + string.Join(", ", missing));
    }

    /// <summary>
    /// Each code's row shows an example message; for every code that a golden file
    /// (tests/fixtures/invalid/*/expected.txt, tests/fixtures/links/broken.expected.txt)
    /// prints, the example is one of those messages word for word, so it stays true.
    /// </summary>
    [Fact]
    public void ShowsAnExampleMessageForEveryCodeThatTheBuildReallyPrints()
    {
        var printed = Directory.EnumerateFiles(Path.Combine(RepoPaths.Fixtures, "invalid"), "expected.txt", SearchOption.AllDirectories)
            .Append(Path.Combine(RepoPaths.Fixtures, "links", "broken.expected.txt"))
            .SelectMany(File.ReadAllLines)
            .Select(line => GoldenLine().Match(line))
            .Where(m => m.Success)
            .ToLookup(m => m.Groups["code"].Value, m => m.Groups["message"].Value);
        var rows = Guide.Split('\n').Select(l => l.TrimEnd()).Where(l => l.StartsWith("| BCS", StringComparison.Ordinal)).ToList();

        Assert.NotEmpty(rows);
        foreach (var row in rows)
        {
            var cells = row.Replace("\\|", "\u0001", StringComparison.Ordinal).Trim('|').Split(" | ")
                .Select(c => c.Trim().Replace("\u0001", "|", StringComparison.Ordinal)).ToList();
            Assert.True(cells.Count == 4 && cells[2].Length > 0,
                $"docs/content-guide.md: the row of {cells[0]} needs four cells, `| code | what is wrong | example message | how to fix it |`: {row}");
            var golden = printed[cells[0]].ToList();
            Assert.True(golden.Count == 0 || golden.Contains(cells[2]),
                $"docs/content-guide.md: the example for {cells[0]} is not a message the golden files print; copy one of:\n{string.Join('\n', golden)}");
        }
    }

    [Fact]
    public void ItsExampleFilesBuildWithoutErrors()
    {
        var examples = ExampleBlock().Matches(Guide);
        Assert.True(examples.Count >= 4, "the guide's examples were not found");

        using var site = new TempSite()
            .WriteBytes("media/spine.svg", "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 320 180\"></svg>"u8.ToArray());
        foreach (Match example in examples)
        {
            site.Write(example.Groups["file"].Value, example.Groups["text"].Value);
        }

        var result = site.Build();

        result.Succeeded();
        Assert.Equal(0, result.WarningCount);
    }

    [GeneratedRegex(@"(?:error|warning) (?<code>BCS\d+): (?<message>.*)$")]
    private static partial Regex GoldenLine();

    [GeneratedRegex(@"```(?:markdown|yaml) file=(?<file>\S+)\n(?<text>.*?)```", RegexOptions.Singleline)]
    private static partial Regex ExampleBlock();
}
