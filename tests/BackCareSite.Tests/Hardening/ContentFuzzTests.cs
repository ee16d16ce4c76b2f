using System.Diagnostics;
using System.Security.Cryptography;
using AngleSharp.Html.Parser;
using BackCareSite.Build;
using BackCareSite.Markdown;
using BackCareSite.Tests.Support;
using Xunit.Abstractions;

namespace BackCareSite.Tests.Hardening;

/// <summary>
/// Issue #20: a seeded, time-bounded fuzz run over the sample site. Each round mutates one
/// to three content files at random (bytes, YAML structure, Markdown syntax, hostile raw
/// HTML), builds, and asserts what must hold for any input: the build returns (no crash,
/// no exception: the command line would print `internal error`) within a time bound; a
/// failed build leaves the previous output exactly as it was; nothing is written beside
/// the output folder; a published page holds no element or attribute that neither the
/// templates nor the raw-HTML allow-list produce. The seed is printed on failure;
/// <c>BCS_FUZZ_SEED</c> replays it, <c>BCS_FUZZ_SECONDS</c> changes the budget (default 20 s: as many rounds as 25 s gave before each round checked only the pages it changed).
/// A collection of its own that starts when the native executable is published (<see cref="Support.NativeTestFramework"/>):
/// its budget is wall time, and while the publish runs (at a higher priority) a round gets little of the CPU.
/// </summary>
[Collection(FuzzCollection.Name)]
public sealed class ContentFuzzTests(ITestOutputHelper output)
{
    // Generous: a shared CI machine can be slow; the bound is there to catch a hang or a quadratic blow-up, not to time the build.
    private static readonly TimeSpan BuildBound = TimeSpan.FromSeconds(120);

    private static readonly string[] HostileHtml =
    [
        "<script>alert(1)</script>", "<img src=x onerror=alert(1)>", "<a title=\">\" onclick=\"alert(1)\">x</a>",
        "<a href=\"&#106;avascript&colon;alert(1)\">x</a>", "<a href=\"data:text/html,<script>alert(1)</script>\">x</a>",
        "<svg onload=alert(1)>", "<iframe src=https://evil.example></iframe>", "<style>*{display:none}</style>",
        "<div title=\"unclosed", "<!-- unclosed comment", "<body onload=alert(1)>", "<base href=https://evil.example/>",
        "<details open ontoggle=alert(1)>", "<math><mi xlink:href=javascript:alert(1)>x</mi></math>", "<textarea>", "<xmp>", "<plaintext>",
        "<img srcset=\"javascript:alert(1) 1x\" alt=x>", "<a href=\"  java\tscript:alert(1)\">x</a>", "<meta http-equiv=refresh content=0;url=https://evil.example>",
    ];

    private static readonly string[] YamlBits =
    [
        "[", "]", "{", "}", "&a ", "*a", "!!binary ", "? ", "- ", ": ", "\"\\e[31m\"", "'", "\"", "|", ">-", "\t", "%YAML 1.1\n", "---\n", "...\n",
        "<<: *a\n", "title: again\n", "\\x00", "\"\\u0000\"", "&a [*a, *a, *a, *a]",
    ];

    private static readonly string[] MarkdownBits =
    [
        "[", "]", "](", ">", "> > > ", "*", "**", "_", "`", "```", "~~~", "|", "| --- |", "#", "- ", "1. ", "    ", "\\", "<", "&#0;", "&#x1b;",
        "[x](javascript:alert(1))", "![x](data:text/html,x)", "<https://x.example>", "<javascript:alert(1)>", "{% exercise knee-rolls %}",
        "{% video javascript:alert(1) \"x\" %}", "{% red-flag-checker %}", "[x](../exercises/missing.md)", "[x]: javascript:alert(1)\n",
    ];

    [Fact]
    public void AnyMutationOfTheSampleContentFailsCleanlyOrPublishesOnlyAllowedMarkup()
    {
        var seed = int.TryParse(Environment.GetEnvironmentVariable("BCS_FUZZ_SEED"), out var s) ? s : Random.Shared.Next();
        var budget = TimeSpan.FromSeconds(double.TryParse(Environment.GetEnvironmentVariable("BCS_FUZZ_SECONDS"), out var b) ? b : 20);
        output.WriteLine($"fuzz seed {seed} (replay with BCS_FUZZ_SEED={seed})");
        var random = new Random(seed);

        using var site = new TempSite(withDefaults: false);
        HardeningSite.CopyFolder(RepoPaths.Content, site.ContentDir);
        var first = Build(site);
        Assert.True(first.Published, string.Join('\n', first.Diagnostics));
        var vocabulary = Vocabulary(site.OutDir);
        // The output as last checked: after a round, only the pages whose bytes changed are parsed
        // and checked again (the others were checked as they are), and a failed round's output is
        // compared with it, so each round hashes the output once.
        var lastChecked = Hashes(site.OutDir);
        CheckMarkup(site.OutDir, lastChecked.Keys, vocabulary, $"the sample site itself, seed {seed}");
        var files = Directory.EnumerateFiles(site.ContentDir, "*", SearchOption.AllDirectories)
            .Where(f => f.EndsWith(".md", StringComparison.Ordinal) || f.EndsWith(".yml", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal).ToList();

        var clock = Stopwatch.StartNew();
        var round = 0;
        while (round == 0 || clock.Elapsed < budget)
        {
            round++;
            var originals = new Dictionary<string, byte[]>();
            var changes = new List<string>();
            for (var i = random.Next(1, 4); i > 0; i--)
            {
                var file = files[random.Next(files.Count)];
                originals.TryAdd(file, File.ReadAllBytes(file));
                changes.Add($"{Path.GetRelativePath(site.ContentDir, file)}: {Mutate(file, random)}");
            }

            var context = $"seed {seed}, round {round} (replay with BCS_FUZZ_SEED={seed}): {string.Join("; ", changes)}";
            var timer = Stopwatch.StartNew();
            BuildResult result;
            try
            {
                result = Build(site);
            }
            catch (Exception ex)
            {
                Assert.Fail($"the build crashed ({context}): {ex}");
                return;
            }

            Assert.True(timer.Elapsed < BuildBound, $"the build took {timer.Elapsed.TotalSeconds:0.0} s ({context})");
            // `.cache` is the picture cache's documented place, beside the content folder.
            Assert.All(Directory.EnumerateFileSystemEntries(site.Root).Select(Path.GetFileName),
                name => Assert.True(name is "content" or "public" or ".public.lock" or ".cache", $"`{name}` was written beside the output folder ({context})"));
            var after = Hashes(site.OutDir);
            if (result.Published)
            {
                CheckMarkup(site.OutDir, after.Where(f => !lastChecked.TryGetValue(f.Key, out var was) || was != f.Value).Select(f => f.Key), vocabulary, context);
                lastChecked = after;
            }
            else
            {
                Assert.True(result.ErrorCount > 0, $"nothing published, yet no error ({context})");
                Assert.Equal(lastChecked, after);
            }

            foreach (var (file, bytes) in originals)
            {
                File.WriteAllBytes(file, bytes);
            }
        }

        output.WriteLine($"{round} rounds in {clock.Elapsed.TotalSeconds:0.0} s");
    }

    private static BuildResult Build(TempSite site) => SiteBuilder.Build(new BuildOptions
    {
        ContentDir = site.ContentDir, TemplatesDir = RepoPaths.Templates, OutDir = site.OutDir, Today = new DateOnly(2026, 11, 25),
    });

    private static string Mutate(string file, Random random)
    {
        var text = File.ReadAllText(file);
        var at = random.Next(text.Length + 1);
        switch (random.Next(5))
        {
            case 0:
                var bytes = File.ReadAllBytes(file);
                var index = random.Next(bytes.Length);
                bytes[index] = (byte)random.Next(256);
                File.WriteAllBytes(file, bytes);
                return $"byte {index} set to {bytes[index]}";
            case 1:
                var bit = YamlBits[random.Next(YamlBits.Length)];
                var yamlEnd = Math.Max(text.IndexOf("\n---", 3, StringComparison.Ordinal), 0);
                var yamlAt = file.EndsWith(".yml", StringComparison.Ordinal) ? at : random.Next(yamlEnd + 1);
                File.WriteAllText(file, text.Insert(yamlAt, bit));
                return $"YAML `{bit}` at {yamlAt}";
            case 2:
                var run = string.Concat(Enumerable.Repeat(MarkdownBits[random.Next(MarkdownBits.Length)], random.Next(1, 200)));
                File.WriteAllText(file, text.Insert(at, run));
                return $"Markdown `{Shorten(run)}` at {at}";
            case 3:
                var html = HostileHtml[random.Next(HostileHtml.Length)];
                var line = text.LastIndexOf('\n', Math.Max(at - 1, 0)) + 1;
                var insert = random.Next(2) == 0 ? "\n" + html + "\n" : html;
                File.WriteAllText(file, text.Insert(random.Next(2) == 0 ? line : at, insert));
                return $"HTML `{html}`";
            default:
                var from = random.Next(text.Length);
                var length = Math.Min(random.Next(1, 80), text.Length - from);
                File.WriteAllText(file, text.Remove(from, length).Insert(random.Next(text.Length - length + 1), text.Substring(from, length)));
                return $"moved {length} characters from {from}";
        }
    }

    private static string Shorten(string text) => text.Length > 30 ? text[..30] + "..." : text;

    /// <summary>Every element and element/attribute pair the templates write for the sample site.</summary>
    private static HashSet<string> Vocabulary(string outDir)
    {
        var words = new HashSet<string>(StringComparer.Ordinal);
        foreach (var file in Directory.EnumerateFiles(outDir, "*.html", SearchOption.AllDirectories))
        {
            foreach (var element in new HtmlParser().ParseDocument(File.ReadAllText(file)).All)
            {
                words.Add(element.LocalName);
                foreach (var attribute in element.Attributes)
                {
                    words.Add(element.LocalName + "@" + attribute.Name);
                }
            }
        }

        return words;
    }

    /// <summary>Checks the markup of the given output files (paths relative to <paramref name="outDir"/>) that are pages.</summary>
    private static void CheckMarkup(string outDir, IEnumerable<string> files, HashSet<string> vocabulary, string context)
    {
        foreach (var file in files.Where(f => f.EndsWith(".html", StringComparison.Ordinal)).Select(f => Path.Combine(outDir, f)))
        {
            foreach (var element in new HtmlParser().ParseDocument(File.ReadAllText(file)).All)
            {
                var name = element.LocalName;
                Assert.True(vocabulary.Contains(name) || RawHtmlAllowList.Elements.Contains(name), $"<{name}> in {file} ({context})");
                foreach (var attribute in element.Attributes)
                {
                    Assert.True(vocabulary.Contains(name + "@" + attribute.Name) || RawHtmlAllowList.IsAllowedAttribute(name, attribute.Name),
                        $"{name}@{attribute.Name} in {file} ({context})");
                    Assert.False(attribute.Name.StartsWith("on", StringComparison.Ordinal), $"{name}@{attribute.Name} in {file} ({context})");
                    if (RawHtmlAllowList.UrlAttributes.Contains(attribute.Name))
                    {
                        Assert.True(RawHtmlAllowList.IsAllowedUrls(attribute.Name, attribute.Value), $"{name}@{attribute.Name}=\"{attribute.Value}\" in {file} ({context})");
                    }
                }
            }
        }
    }

    private static SortedDictionary<string, string> Hashes(string folder)
    {
        var hashes = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var file in Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories))
        {
            hashes[Path.GetRelativePath(folder, file)] = Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(file)));
        }

        return hashes;
    }
}

[CollectionDefinition(Name)]
public sealed class FuzzCollection
{
    public const string Name = "content fuzzer";
}
