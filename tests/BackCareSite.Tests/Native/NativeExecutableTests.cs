using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;
using BackCareSite.Serve;
using BackCareSite.Tests.Support;

namespace BackCareSite.Tests.Native;

/// <summary>
/// The native executable (what the benchmark times, and what CI can ship) must do
/// exactly what the JIT build does: the same bytes for the sample site, the same
/// diagnostics for every invalid fixture and broken link, the same headers from
/// netlify.toml in <c>serve</c>. Trimming or a reflection-only code path would show
/// up here first.
/// </summary>
[Collection(NativeCollection.Name)]
public sealed partial class NativeExecutableTests(NativeExecutable native) : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("bcs-native-run-").FullName;

    [NativeFact]
    public void BuildsTheSampleSiteToTheSameBytesAsTheJitBuild()
    {
        string[] Args(string name) => ["build", "--content", RepoPaths.Content, "--templates", RepoPaths.Templates, "--out", Path.Combine(_root, name)];

        var nativeRun = native.Run(RepoPaths.Root, Args("native"));
        var jitRun = InProcess.RunIn(RepoPaths.Root, Args("jit"));

        Assert.Equal((0, ""), (nativeRun.Code, nativeRun.Err));
        Assert.Equal(jitRun.Code, nativeRun.Code);
        Assert.Equal(Normalise(jitRun.Out).Replace("/jit/", "/native/"), Normalise(nativeRun.Out));
        var nativeFiles = Files(Path.Combine(_root, "native"));
        var jitFiles = Files(Path.Combine(_root, "jit"));
        Assert.True(nativeFiles.Count > 20, $"only {nativeFiles.Count} files were written");
        Assert.Equal(jitFiles.Keys, nativeFiles.Keys);
        foreach (var (path, bytes) in jitFiles)
        {
            Assert.True(bytes.AsSpan().SequenceEqual(nativeFiles[path]), $"{path} differs between the native and the JIT build");
        }
    }

    /// <summary>
    /// libvips through P/Invoke in the native executable: a rotated phone photo and a 16-bit PNG
    /// become the same AVIF, WebP, JPEG and PNG bytes as in the JIT build (each from its own empty
    /// cache), and a cut-short photo is reported the same way.
    /// </summary>
    [NativeFact]
    public void MakesPicturesToTheSameBytesAsTheJitBuildAndReportsADamagedOneTheSame()
    {
        using var site = new TempSite().Write("site.yml", TempSite.SiteYml + "\npictures:\n  widths: [120, 240]\n")
            .WriteBytes("media/photo.jpg", PictureFixtures.RotatedJpegWithGps(360, 240))
            .WriteBytes("media/scan.png", PictureFixtures.Png16(300, 200))
            .Article("photos", body: "![A stretch](../media/photo.jpg)\n\n![A scan of a leaflet](../media/scan.png)\n");
        string[] Args(string name) =>
            ["build", "--content", "content", "--templates", RepoPaths.Templates, "--out", Path.Combine(_root, name), "--cache-dir", Path.Combine(_root, name + "-cache")];

        var nativeRun = native.Run(site.Root, Args("native"));
        var jitRun = InProcess.RunIn(site.Root, Args("jit"));

        Assert.Equal((0, ""), (nativeRun.Code, nativeRun.Err));
        Assert.Equal(0, jitRun.Code);
        var nativeFiles = Files(Path.Combine(_root, "native"));
        var jitFiles = Files(Path.Combine(_root, "jit"));
        Assert.Contains("media/photo-240w.avif", nativeFiles.Keys);
        Assert.Contains("media/scan-240w.webp", nativeFiles.Keys);
        Assert.Equal(jitFiles.Keys, nativeFiles.Keys);
        foreach (var (path, bytes) in jitFiles)
        {
            Assert.True(bytes.AsSpan().SequenceEqual(nativeFiles[path]), $"{path} differs between the native and the JIT build");
        }

        var photo = PictureFixtures.Jpeg(360, 240);
        site.WriteBytes("media/photo.jpg", photo[..(photo.Length / 2)]);
        var nativeFailed = native.Run(site.Root, Args("native-damaged"));
        var jitFailed = InProcess.RunIn(site.Root, Args("jit-damaged"));

        Assert.True(nativeFailed.Code == 1, nativeFailed.Err);
        Assert.Contains("error BCS1001", nativeFailed.Err, StringComparison.Ordinal);
        Assert.Contains("cut short", nativeFailed.Err, StringComparison.Ordinal);
        Assert.Equal((jitFailed.Code, Normalise(jitFailed.Err).Replace("jit-damaged", "native-damaged")), (nativeFailed.Code, Normalise(nativeFailed.Err)));
    }

    [NativeFact]
    public void ReportsEveryInvalidFixtureExactlyAsTheJitBuildDoes()
    {
        var fixtures = Directory.EnumerateDirectories(Path.Combine(RepoPaths.Fixtures, "invalid")).Order(StringComparer.Ordinal).ToList();
        Assert.NotEmpty(fixtures);
        foreach (var fixture in fixtures)
        {
            using var site = new TempSite();
            foreach (var file in Directory.EnumerateFiles(Path.Combine(fixture, "content"), "*", SearchOption.AllDirectories))
            {
                site.WriteBytes(Path.GetRelativePath(Path.Combine(fixture, "content"), file), File.ReadAllBytes(file));
            }

            string[] args = ["build", "--content", "content", "--templates", RepoPaths.Templates, "--out", "public"];
            var nativeRun = native.Run(site.Root, args);
            var jitRun = InProcess.RunIn(site.Root, args);

            var name = Path.GetFileName(fixture);
            Assert.True(nativeRun.Code == 1, $"{name}: exit {nativeRun.Code}\n{nativeRun.Err}");
            Assert.Equal((name, jitRun.Code, jitRun.Err), (name, nativeRun.Code, nativeRun.Err));
            Assert.False(Directory.Exists(Path.Combine(site.Root, "public")), $"{name}: a failed build published");
        }
    }

    [NativeFact]
    public void ChecksLinksExactlyAsTheJitBuildDoes()
    {
        foreach (var format in new[] { "text", "json" })
        {
            string[] args = ["check", Path.Combine(RepoPaths.Fixtures, "links", "broken"), "--format", format];

            var nativeRun = native.Run(RepoPaths.Root, args);
            var jitRun = InProcess.RunIn(RepoPaths.Root, args);

            Assert.Equal(1, nativeRun.Code);
            Assert.Equal((jitRun.Code, Normalise(jitRun.Out), Normalise(jitRun.Err)), (nativeRun.Code, Normalise(nativeRun.Out), Normalise(nativeRun.Err)));
        }
    }

    /// <summary>
    /// The collector's young budget is compiled into the executable (16 MiB, generator/Generator.csproj),
    /// not left to the processor's cache size: on a virtual machine that reports no cache (CI's) the
    /// runtime's own choice was about 3 MB, a young collection, stopping both cores, every 3 MB allocated.
    /// </summary>
    [NativeFact]
    public void CollectsTheYoungGenerationEverySixteenMegabytesOrSo()
    {
        var content = Path.Combine(_root, "content");
        // 600 articles allocate well over 100 MB, enough to see the budget (300 fell under it once pages were copied
        // less, and allocations keep falling).
        new BackCareSite.Bench.Corpus(articles: 600, exercises: 60, seed: 3).Write(content);

        var run = native.Run(RepoPaths.Root, ["build", "--timings", "--no-search", "--content", content, "--templates", RepoPaths.Templates, "--out", Path.Combine(_root, "out")]);

        Assert.True(run.Code == 0, run.Err);
        var match = Regex.Match(run.Out, @"allocated (\d+) MB; collections gen0 (\d+),");
        Assert.True(match.Success, run.Out);
        var (allocated, young) = (int.Parse(match.Groups[1].Value), int.Parse(match.Groups[2].Value));
        Assert.True(allocated >= 100, $"the corpus allocated only {allocated} MB, too little to measure the budget");
        // Every 16 MiB: about allocated / 16 collections; with the runtime's 3 MB, allocated / 3.
        Assert.InRange(young, allocated / 32, allocated / 10);
    }

    [NativeFact]
    public async Task ServesThePreviewWithTheHeadersOfNetlifyToml()
    {
        var port = FreePort();
        var start = NativeExecutable.Start(native.Path, RepoPaths.Root, ["serve", "--port", port.ToString(), "--content", RepoPaths.Content]);
        using var process = System.Diagnostics.Process.Start(start)!;
        try
        {
            using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
            // Until the first build is done, serve refuses connections or answers 503.
            HttpResponseMessage? response = null;
            for (var attempt = 0; attempt < 200 && response?.StatusCode is null or HttpStatusCode.ServiceUnavailable; attempt++)
            {
                try
                {
                    if (response is not null)
                    {
                        response.Dispose();
                        await Task.Delay(100);
                    }

                    response = await client.GetAsync($"http://127.0.0.1:{port}/articles/");
                }
                catch (HttpRequestException)
                {
                    if (process.HasExited)
                    {
                        Assert.Fail($"serve exited with {process.ExitCode}: {await process.StandardError.ReadToEndAsync()}");
                    }

                    await Task.Delay(100);
                }
            }

            Assert.NotNull(response);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Contains("<h1", await response.Content.ReadAsStringAsync());
            var expected = NetlifyHeaders.Load(Path.Combine(RepoPaths.Root, "netlify.toml")).For("/articles/");
            Assert.Contains(expected, h => h.Name == "Content-Security-Policy");
            foreach (var (name, value) in expected)
            {
                Assert.True(response.Headers.TryGetValues(name, out var values) || response.Content.Headers.TryGetValues(name, out values),
                    $"serve did not send {name}");
                Assert.Equal(value, string.Join(", ", values));
            }

            // Stopped as a process manager would (SIGTERM): it ends a Pagefind run it started and
            // deletes the preview's index folders (a SIGKILL here left one behind after each run).
            using (var kill = System.Diagnostics.Process.Start("kill", ["-TERM", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
            {
                await kill.WaitForExitAsync();
            }

            await process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(2));
            Assert.Equal(0, process.ExitCode);
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync();
            }
        }
    }

    /// <summary>Closing lines give the time taken (" in 0.09 s", "(0.01 s)"), which differs from run to run.</summary>
    private static string Normalise(string output) => Seconds().Replace(output, "N s");

    [GeneratedRegex(@"(?<=( in |\())[0-9]+\.[0-9]+ s")]
    private static partial Regex Seconds();

    private static SortedDictionary<string, byte[]> Files(string dir) => new(
        Directory.EnumerateFiles(dir, "*", SearchOption.AllDirectories)
            .ToDictionary(f => Path.GetRelativePath(dir, f).Replace('\\', '/'), File.ReadAllBytes),
        StringComparer.Ordinal);

    private static int FreePort()
    {
        using var socket = new TcpListener(IPAddress.Loopback, 0);
        socket.Start();
        return ((IPEndPoint)socket.LocalEndpoint).Port;
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);
}
