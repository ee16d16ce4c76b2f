using System.Diagnostics;
using BackCareSite.Tests.Support;

namespace BackCareSite.Tests.Deploy;

/// <summary>
/// Runs scripts/netlify-build.sh as Netlify would, with the SDK already on
/// PATH and no network: the download tools are replaced by shims that record
/// any call and fail, and every HTTP proxy points at a closed port.
/// The script runs the README's build command, <c>./backcaresite</c>, which runs the
/// generator the native tests publish: in their collection, these tests run after that
/// publish instead of holding a test thread while they wait for it.
/// </summary>
[Collection(Native.NetlifyScriptCollection.Name)]
public sealed class NetlifyBuildScriptTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "bcs-netlify-" + Guid.NewGuid().ToString("N")[..10]);

    public NetlifyBuildScriptTests(Native.NativeExecutable native)
    {
        Directory.CreateDirectory(_root);

        // The collection's publish comes first, whichever class xunit starts with: inside the
        // script's run there is no network for the restore, and no time for a publish.
        if (Native.NativeFactAttribute.HasToolchain())
        {
            _ = native.Path;
        }
    }

    // The script requires the search index; with the pinned Pagefind already in node_modules
    // (npm ci, as CI runs first) it needs no network for it either.
    [NpmToolFact("pagefind")]
    public void ProductionBuildUsesTheSdkOnPathNeedsNoNetworkAndWritesUrlIntoCanonicalLinks()
    {
        var (exit, output, downloads) = Run(new() { ["CONTEXT"] = "production", ["URL"] = "https://example.test" });

        Assert.True(exit == 0, output);
        Assert.Empty(downloads);
        Assert.Contains("using .NET SDK", output);
        Assert.DoesNotContain("--drafts", output);
        var out_ = Path.Combine(_root, "public");
        var home = File.ReadAllText(Path.Combine(out_, "index.html"));
        Assert.Contains("<link rel=\"canonical\" href=\"https://example.test/\">", home);
        Assert.Contains("<link rel=\"canonical\" href=\"https://example.test/red-flags/\">", File.ReadAllText(Path.Combine(out_, "red-flags", "index.html")));
        Assert.True(File.Exists(Path.Combine(out_, "404.html")), "404.html is what Netlify serves for unknown paths");
        Assert.True(File.Exists(Path.Combine(out_, "_redirects")));
        Assert.True(File.Exists(Path.Combine(out_, "pagefind", "pagefind-entry.json")), "the search index is published with the site");

        // The CMS bundle comes from node_modules, installed exactly as locked; the site's headers file is written.
        Assert.StartsWith("npm ci", File.ReadAllText(Path.Combine(_root, "npm.log")));
        Assert.True(File.Exists(Path.Combine(out_, "admin", "config.yml")));
        Assert.True(File.Exists(Path.Combine(out_, "_headers")));
    }

    [NpmToolFact("pagefind")]
    public void DeployPreviewsUseTheirOwnAddressAndIncludeDrafts()
    {
        var (exit, output, downloads) = Run(new()
        {
            ["CONTEXT"] = "deploy-preview",
            ["URL"] = "https://example.test",
            ["DEPLOY_PRIME_URL"] = "https://deploy-preview-7--clinic.example.test",
        });

        Assert.True(exit == 0, output);
        Assert.Empty(downloads);
        Assert.Contains("--drafts", output);
        var home = File.ReadAllText(Path.Combine(_root, "public", "index.html"));
        Assert.Contains("<link rel=\"canonical\" href=\"https://deploy-preview-7--clinic.example.test/\">", home);
    }

    [Fact]
    public void OnNetlifyTheEncodedPicturesAreKeptInTheBuildCacheFolder()
    {
        var cache = Path.Combine(_root, "netlify-cache");
        Directory.CreateDirectory(cache);
        // Where the script looks for the generator on Netlify: the one the native tests published (no second publish).
        var launcher = Path.Combine(RepoPaths.Root, ".cache", "launcher");
        Directory.CreateDirectory(launcher);
        Directory.CreateSymbolicLink(Path.Combine(cache, "backcaresite"), launcher);

        var (exit, output, downloads) = Run(new() { ["CONTEXT"] = "production", ["URL"] = "https://example.test", ["NETLIFY_CACHE_DIR"] = cache });

        Assert.True(exit == 0, output);
        Assert.Empty(downloads);
        Assert.Contains("--cache-dir " + Path.Combine(cache, "pictures"), output);
        Assert.NotEmpty(Directory.EnumerateFiles(Path.Combine(cache, "pictures"), "*-cover.jpeg", SearchOption.AllDirectories));
    }

    private (int Exit, string Output, string Downloads) Run(Dictionary<string, string> environment)
    {
        if (OperatingSystem.IsWindows())
        {
            throw new PlatformNotSupportedException("Netlify builds run bash on Linux");
        }

        // Shims for the tools the script would download the SDK with.
        var shims = Path.Combine(_root, "shims");
        var log = Path.Combine(_root, "downloads.log");
        Directory.CreateDirectory(shims);
        foreach (var tool in new[] { "curl", "wget" })
        {
            var shim = Path.Combine(shims, tool);
            File.WriteAllText(shim, $"#!/bin/sh\necho \"{tool} $*\" >> '{log}'\nexit 1\n");
            File.SetUnixFileMode(shim, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

        // npm only records its call: the real `npm ci` would reinstall the repository's node_modules under the running tests.
        var npm = Path.Combine(shims, "npm");
        File.WriteAllText(npm, $"#!/bin/sh\necho \"npm $*\" >> '{Path.Combine(_root, "npm.log")}'\nexit 0\n");
        File.SetUnixFileMode(npm, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);

        var dotnet = Path.GetDirectoryName(ResolveDotnet())!;
        var start = new ProcessStartInfo("bash", [Path.Combine(RepoPaths.Root, "scripts", "netlify-build.sh")])
        {
            WorkingDirectory = _root,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["PATH"] = string.Join(':', shims, dotnet, "/usr/local/bin", "/usr/bin", "/bin");
        start.Environment["BCS_OUT"] = Path.Combine(_root, "public");
        foreach (var proxy in new[] { "http_proxy", "https_proxy", "HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "all_proxy" })
        {
            start.Environment[proxy] = "http://127.0.0.1:9";
        }

        start.Environment.Remove("no_proxy");
        start.Environment.Remove("NO_PROXY");
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        // HOME stays as it is: the same NuGet settings as the test run's own
        // restore, so restoring is the no-op it is on a machine that has built once.

        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = process.StandardOutput.ReadToEnd();
        if (!process.WaitForExit(TimeSpan.FromMinutes(5)))
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail("scripts/netlify-build.sh took more than five minutes");
        }

        return (process.ExitCode, stdout + stderr.Result, File.Exists(log) ? File.ReadAllText(log) : "");
    }

    /// <summary>The dotnet running these tests: the SDK "already on PATH".</summary>
    private static string ResolveDotnet()
    {
        var host = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH");
        if (!string.IsNullOrEmpty(host) && File.Exists(host))
        {
            return host;
        }

        foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = Path.Combine(dir, "dotnet");
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new InvalidOperationException("dotnet is not on PATH");
    }

    public void Dispose()
    {
        if (Directory.Exists(_root))
        {
            Directory.Delete(_root, recursive: true);
        }
    }
}
