using System.Diagnostics;
using System.Text.RegularExpressions;
using BackCareSite.Build;
using BackCareSite.Tests.Support;

namespace BackCareSite.Tests.Deploy;

/// <summary>
/// netlify.toml: Netlify publishes what the build writes, runs the build
/// script, and sends the security and caching headers the site relies on.
/// </summary>
public sealed partial class NetlifyTomlTests
{
    private static readonly NetlifyConfig Config = NetlifyConfig.Repository;

    /// <summary>Paths of every kind the site serves, and one that does not exist (404.html).</summary>
    private static readonly string[] SamplePaths =
        ["/", "/red-flags/", "/articles/", "/articles/staying-active/", "/404.html", "/robots.txt", "/assets/site.0123456789.css", "/no-such-page/",
         "/search/", "/pagefind/pagefind.js", "/pagefind/pagefind-worker.js", "/pagefind/wasm.en-gb.pagefind"];

    [Fact]
    public void PublishesTheBuildsDefaultOutputFolder()
    {
        Assert.Equal(new BuildOptions().OutDir, Config.Publish);
        Assert.Equal("public", Config.Publish);
    }

    [Fact]
    public void RunsTheBuildScriptWhichExistsAndIsExecutable()
    {
        Assert.Equal("scripts/netlify-build.sh", Config.Command);
        var script = Path.Combine(RepoPaths.Root, "scripts", "netlify-build.sh");
        Assert.True(File.Exists(script), "scripts/netlify-build.sh is missing");
        var text = File.ReadAllText(script);
        Assert.StartsWith("#!/usr/bin/env bash\n", text);
        Assert.Contains("\nset -euo pipefail\n", text);
        if (!OperatingSystem.IsWindows())
        {
            Assert.True(File.GetUnixFileMode(script).HasFlag(UnixFileMode.UserExecute), "scripts/netlify-build.sh is not executable");
        }

        // Netlify runs a fresh clone: the executable bit must be in git, not just on this disk.
        Assert.Equal("100755", GitFileMode("scripts/netlify-build.sh"));
    }

    [Fact]
    public void EveryPathGetsEachSecurityHeaderOnce()
    {
        foreach (var path in SamplePaths)
        {
            var headers = Config.HeadersFor(path);
            Assert.True(headers.ContainsKey("content-security-policy"), $"{path}: no CSP");
            Assert.Equal("nosniff", headers["x-content-type-options"]);
            Assert.Equal("strict-origin-when-cross-origin", headers["referrer-policy"]);
            var permissions = headers["permissions-policy"].Split(',', StringSplitOptions.TrimEntries);
            Assert.Contains("camera=()", permissions);
            Assert.Contains("microphone=()", permissions);
            Assert.Contains("geolocation=()", permissions);

            var hsts = headers["strict-transport-security"].Split(';', StringSplitOptions.TrimEntries);
            var maxAge = long.Parse(hsts.Single(p => p.StartsWith("max-age=", StringComparison.Ordinal))[8..], System.Globalization.CultureInfo.InvariantCulture);
            Assert.True(maxAge >= 63_072_000, $"HSTS max-age {maxAge} is under two years");
            Assert.Contains("includeSubDomains", hsts);
            Assert.Contains("preload", hsts);

            // A value set by two matching rules would be joined: each header must come from one rule.
            foreach (var (name, value) in headers)
            {
                var rules = Config.Rules.Count(r => NetlifyConfig.Matches(r.For, path) && r.Values.ContainsKey(name));
                Assert.True(rules == 1, $"{path}: `{name}` is set by {rules} rules, so Netlify would send `{value}`");
            }
        }
    }

    [Fact]
    public void TheCspAllowsNoUnsafeScriptAndLocksDownPluginsBaseFramingAndForms()
    {
        var csp = NetlifyConfig.Directives(Config.HeadersFor("/")["content-security-policy"]);

        Assert.Equal(["'self'"], csp["default-src"]);
        // Pagefind (search) compiles its WebAssembly: 'wasm-unsafe-eval' allows that and no JavaScript eval.
        // Its worker and index files come from this site, which 'self' already covers.
        Assert.Equal(["'self'", "'wasm-unsafe-eval'"], csp["script-src"]);
        Assert.Equal(["'self'"], csp["style-src"]);
        Assert.False(csp.ContainsKey("worker-src") || csp.ContainsKey("connect-src") || csp.ContainsKey("child-src"), "nothing but script-src changed for search");
        Assert.Equal(["'none'"], csp["object-src"]);
        Assert.Equal(["'self'"], csp["base-uri"]);
        Assert.Equal(["'none'"], csp["frame-ancestors"]);
        Assert.Equal(["'self'"], csp["form-action"]);
        foreach (var directive in new[] { "default-src", "script-src", "style-src" })
        {
            Assert.DoesNotContain(csp[directive], s => s is "'unsafe-inline'" or "'unsafe-eval'" or "'unsafe-hashes'" or "data:" or "*" or "https:" or "http:");
        }

        // Only the privacy-enhanced YouTube player may be framed, over https.
        Assert.Equal(["https://www.youtube-nocookie.com"], csp["frame-src"]);
        Assert.Equal(["'self'", "data:"], csp["img-src"]);
    }

    [Fact]
    public void ImmutableCachingAppliesOnlyToFingerprintedAssets()
    {
        var immutableRules = Config.Rules.Where(r => r.Values.TryGetValue("Cache-Control", out var v) && v.Contains("immutable", StringComparison.Ordinal)).ToList();
        var rule = Assert.Single(immutableRules);
        Assert.Equal("/assets/*", rule.For);
        Assert.Equal("public, max-age=31536000, immutable", rule.Values["Cache-Control"]);

        // HTML gets no Cache-Control from a rule, so Netlify's default (public, max-age=0, must-revalidate) applies.
        foreach (var path in SamplePaths.Where(p => !p.StartsWith("/assets/", StringComparison.Ordinal)))
        {
            Assert.False(Config.HeadersFor(path).ContainsKey("cache-control"), $"{path} must revalidate");
        }

        Assert.Equal("public, max-age=31536000, immutable", Config.HeadersFor("/assets/red-flags.0123456789.js")["cache-control"]);
    }

    [Fact]
    public void EveryFileOfTheBuiltSiteThatIsCachedForeverIsFingerprinted()
    {
        using var site = new TempSite(withDefaults: false);
        CopyFolder(RepoPaths.Content, site.ContentDir);
        site.Build().Succeeded();

        var files = Directory.EnumerateFiles(site.OutDir, "*", SearchOption.AllDirectories)
            .Select(f => "/" + Path.GetRelativePath(site.OutDir, f).Replace('\\', '/'))
            .ToList();
        var cachedForever = files.Where(f => Config.HeadersFor(f).TryGetValue("cache-control", out var v) && v.Contains("immutable", StringComparison.Ordinal)).ToList();

        Assert.NotEmpty(cachedForever);
        Assert.All(cachedForever, f => Assert.Matches(FingerprintedAsset(), f));
        Assert.Contains(cachedForever, f => f.EndsWith(".css", StringComparison.Ordinal));
        Assert.Contains(cachedForever, f => f.EndsWith(".js", StringComparison.Ordinal));

        // Each fingerprint is the start of the SHA-256 of the file's bytes, so a changed file gets a new name.
        foreach (var file in cachedForever)
        {
            var bytes = File.ReadAllBytes(Path.Combine(site.OutDir, file.TrimStart('/')));
            var hash = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(bytes))[..10];
            Assert.Contains("." + hash + ".", file);
        }
    }

    [Fact]
    public void TheHeadersEarnTheTopObservatoryGrade()
    {
        foreach (var path in SamplePaths)
        {
            var (score, grade, notes) = ObservatoryScore.Grade(Config.HeadersFor(path));
            Assert.True(grade == "A+", $"{path}: {grade} ({score}):\n" + string.Join('\n', notes));

            // Top grade with nothing marked down: every header test passes, not just enough of them.
            Assert.DoesNotContain(notes, n => n.Contains(": -", StringComparison.Ordinal));
        }
    }

    [Theory]
    [InlineData("script-src 'self' 'unsafe-inline'", 80, "B+")]
    [InlineData("script-src 'self' https:", 80, "B+")]
    [InlineData("script-src 'self' data:", 80, "B+")]
    [InlineData("script-src 'self' 'unsafe-eval'", 100, "A+")]
    public void TheObservatoryCheckMarksDownUnsafeScriptSources(string scriptSrc, int expectedScore, string expectedGrade)
    {
        var headers = new Dictionary<string, string>(Config.HeadersFor("/"), StringComparer.OrdinalIgnoreCase);
        headers["content-security-policy"] = headers["content-security-policy"].Replace("script-src 'self'", scriptSrc, StringComparison.Ordinal);

        var (score, grade, _) = ObservatoryScore.Grade(headers);

        Assert.Equal((expectedScore, expectedGrade), (score, grade));
        Assert.Equal(110, ObservatoryScore.Grade(Config.HeadersFor("/")).Score);
    }

    [Fact]
    public void TheObservatoryCheckPenalisesMissingHstsNosniffOrFrameAncestors()
    {
        var variants = new List<(string What, Dictionary<string, string> Headers)>();
        foreach (var drop in new[] { "strict-transport-security", "x-content-type-options" })
        {
            var headers = new Dictionary<string, string>(Config.HeadersFor("/"), StringComparer.OrdinalIgnoreCase);
            headers.Remove(drop);
            variants.Add(("without " + drop, headers));
        }

        var framing = new Dictionary<string, string>(Config.HeadersFor("/"), StringComparer.OrdinalIgnoreCase);
        framing["content-security-policy"] = framing["content-security-policy"].Replace("frame-ancestors 'none'; ", "", StringComparison.Ordinal);
        variants.Add(("without frame-ancestors", framing));
        variants.Add(("with a one-day HSTS", new Dictionary<string, string>(Config.HeadersFor("/"), StringComparer.OrdinalIgnoreCase) { ["strict-transport-security"] = "max-age=86400" }));

        foreach (var (what, headers) in variants)
        {
            var (score, _, notes) = ObservatoryScore.Grade(headers);
            Assert.True(score < 110, $"{what}: still {score}");
            Assert.Contains(notes, n => n.Contains(": -", StringComparison.Ordinal));
        }
    }

    [GeneratedRegex(@"^/assets/(.+/)?[a-z0-9_-]+\.[0-9a-f]{10}\.[a-z0-9]+$")]
    private static partial Regex FingerprintedAsset();

    private static string GitFileMode(string path)
    {
        var start = new ProcessStartInfo("git", ["ls-files", "--stage", "--", path])
        {
            WorkingDirectory = RepoPaths.Root,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var git = Process.Start(start)!;
        var output = git.StandardOutput.ReadToEnd();
        git.WaitForExit();
        Assert.True(git.ExitCode == 0, "git ls-files failed: " + git.StandardError.ReadToEnd());
        Assert.False(string.IsNullOrWhiteSpace(output), $"{path} is not tracked by git");
        return output.Split(' ')[0];
    }

    internal static void CopyFolder(string from, string to)
    {
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target, overwrite: true);
        }
    }
}
