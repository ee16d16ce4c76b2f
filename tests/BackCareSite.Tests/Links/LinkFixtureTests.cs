using System.Reflection;
using System.Text.Json;
using BackCareSite.Cli;
using BackCareSite.Diagnostics;
using BackCareSite.Tests.Support;

namespace BackCareSite.Tests.Links;

/// <summary>
/// tests/fixtures/links/broken/ has one fault per line for every rule; its report must be exactly
/// broken.expected.txt (BCS_UPDATE_GOLDEN=1 rewrites it; review the diff). Its clean twin uses every
/// kind of link correctly and must give no finding and exit 0.
/// </summary>
public sealed class LinkFixtureTests
{
    private static (int Exit, string Out, string Err) Check(params string[] args)
    {
        var (exit, stdout, stderr) = InProcess.RunIn(RepoPaths.Root, ["check", .. args]);
        return (exit, stdout.ReplaceLineEndings("\n"), stderr);
    }

    [Fact]
    public void The_broken_site_gives_exactly_its_golden_report_and_exit_1()
    {
        var (exit, output, _) = Check("tests/fixtures/links/broken");

        var expectedPath = Path.Combine(RepoPaths.Fixtures, "links", "broken.expected.txt");
        if (Environment.GetEnvironmentVariable("BCS_UPDATE_GOLDEN") == "1")
        {
            File.WriteAllText(expectedPath, output);
        }

        Assert.Equal(ExitCodes.Failed, exit);
        Assert.Equal(File.ReadAllText(expectedPath).ReplaceLineEndings("\n"), output);
    }

    [Fact]
    public void Every_rule_has_a_fault_in_the_broken_site_on_a_line_that_names_it()
    {
        var (_, output, _) = Check("tests/fixtures/links/broken");
        var html = File.ReadAllLines(Path.Combine(RepoPaths.Fixtures, "links", "broken", "index.html"));

        // Every code the checker finds in a site by itself (not external fetching or an unreadable file).
        var codes = typeof(ErrorCodes).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(f => f.Name.StartsWith("Link", StringComparison.Ordinal))
            .Select(f => (string)f.GetValue(null)!)
            .Except([ErrorCodes.LinkExternalBroken, ErrorCodes.LinkExternalUnverified, ErrorCodes.LinkPageUnreadable])
            .ToList();
        Assert.Equal(9, codes.Count);
        foreach (var code in codes)
        {
            Assert.Contains($"error {code}:", output);
        }

        // One fault per line: each finding's line names its code in the fixture (or is in the head).
        foreach (var line in output.Split('\n').Where(l => l.StartsWith("tests/fixtures/links/broken/index.html:", StringComparison.Ordinal)))
        {
            var parts = line.Split(':');
            var number = int.Parse(parts[1], System.Globalization.CultureInfo.InvariantCulture);
            var code = line.Split(' ')[2].TrimEnd(':');
            Assert.True(html[number - 1].Contains(code, StringComparison.Ordinal) || number <= 7, $"line {number} does not name {code}: {html[number - 1]}");
        }

        Assert.Equal(1, output.Split('\n').Count(l => l.Contains(":27:", StringComparison.Ordinal)));
    }

    [Fact]
    public void The_clean_twin_gives_no_finding_and_exit_0()
    {
        var (exit, output, _) = Check("tests/fixtures/links/clean");

        Assert.Equal(ExitCodes.Ok, exit);
        Assert.DoesNotContain(": error ", output);
        Assert.Contains("Checked 5 pages", output);
        Assert.Contains(": 0 errors, 0 warnings; 2 external URLs on 2 hosts not checked (use --external).", output);
        Assert.Contains("external (not checked): https://www.nhs.uk/conditions/back-pain/ (1 use, first at tests/fixtures/links/clean/index.html:27:4)", output);
    }

    [Fact]
    public void Json_output_has_every_finding_with_its_place_and_the_external_urls()
    {
        var (exit, output, _) = Check("tests/fixtures/links/broken", "--format", "json");

        Assert.Equal(ExitCodes.Failed, exit);
        using var json = JsonDocument.Parse(output);
        var root = json.RootElement;
        Assert.Equal(3, root.GetProperty("pages").GetInt32());
        var findings = root.GetProperty("findings").EnumerateArray().ToList();
        Assert.Equal(root.GetProperty("errors").GetInt32(), findings.Count);
        var missingPage = findings.Single(f => f.GetProperty("message").GetString()!.StartsWith("link `missing.html`", StringComparison.Ordinal));
        Assert.Equal("tests/fixtures/links/broken/index.html", missingPage.GetProperty("path").GetString());
        Assert.Equal(9, missingPage.GetProperty("line").GetInt32());
        Assert.Equal(4, missingPage.GetProperty("column").GetInt32());
        Assert.Equal("BCS0501", missingPage.GetProperty("code").GetString());
        Assert.Equal("error", missingPage.GetProperty("severity").GetString());
        var external = Assert.Single(root.GetProperty("external").EnumerateArray());
        Assert.Equal("https://example.org/ok", external.GetProperty("url").GetString());
        Assert.False(external.GetProperty("checked").GetBoolean());
    }

    [Theory]
    [InlineData(new string[0], "needs the folder")]
    [InlineData(new[] { "tests/fixtures/links/none" }, "does not exist")]
    [InlineData(new[] { "tests/fixtures/links/clean", "--format", "xml" }, "`--format` must be `text` or `json`")]
    [InlineData(new[] { "tests/fixtures/links/clean", "--base-url", "clinic" }, "must be a full address")]
    [InlineData(new[] { "tests/fixtures/links/clean", "--externals" }, "did you mean `--external`?")]
    public void Usage_errors_exit_2(string[] args, string message)
    {
        var (exit, _, error) = Check(args);

        Assert.Equal(ExitCodes.Usage, exit);
        Assert.Contains(message, error);
    }
}
