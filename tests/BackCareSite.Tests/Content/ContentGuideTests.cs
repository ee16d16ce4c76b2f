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

    [GeneratedRegex(@"```(?:markdown|yaml) file=(?<file>\S+)\n(?<text>.*?)```", RegexOptions.Singleline)]
    private static partial Regex ExampleBlock();
}
