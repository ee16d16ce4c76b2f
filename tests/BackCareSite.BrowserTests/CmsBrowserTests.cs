using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using BackCareSite.Build;
using BackCareSite.BrowserTests.Support;
using BackCareSite.Serve;
using Microsoft.Playwright;

namespace BackCareSite.BrowserTests;

/// <summary>
/// The content manager end to end, as docs/editing.md tells an editor to try it:
/// <c>serve</c> and <c>decap-server</c> on free loopback ports, /admin/ in Chromium under
/// the production headers, an exercise created through the form, saved into the content
/// folder, accepted by the build, previewed as its card and served as its page.
/// </summary>
public sealed class CmsBrowserTests
{
    [BrowserNpmFact("decap-cms", "decap-server")]
    public async Task AnEditorCreatesAnExerciseThroughTheFormAndTheSiteBuildsIt()
    {
        var root = Path.Combine(Path.GetTempPath(), "bcs-cms-" + Guid.NewGuid().ToString("N")[..10]);
        var content = Path.Combine(root, "content");
        Folders.Copy(Path.Combine(RepoPaths.Root, "content"), content);
        File.Copy(Path.Combine(RepoPaths.Root, "netlify.toml"), Path.Combine(root, "netlify.toml"));
        // The site's folder has node_modules beside content/, as after `npm ci`: the bundle comes from there.
        Directory.CreateSymbolicLink(Path.Combine(root, "node_modules"), Node.Modules);

        var options = new BuildOptions { ContentDir = content, TemplatesDir = Path.Combine(RepoPaths.Root, "templates") };
        await using var host = await ServeHost.StartAsync(options, 0, Path.Combine(root, "netlify.toml"), TextWriter.Null, TextWriter.Null);
        var port = FreePort();
        using var decapServer = StartDecapServer(root, port);
        await using var context = await SharedChromium.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 1400, Height = 1000 } });
        var page = await context.NewPageAsync();
        var console = new List<string>();
        var elsewhere = new List<string>();
        page.Console += (_, message) => console.Add(message.Text);
        page.Request += (_, request) =>
        {
            if (!request.Url.StartsWith("http://127.0.0.1:", StringComparison.Ordinal) && !request.Url.StartsWith("blob:", StringComparison.Ordinal)
                && !request.Url.StartsWith("data:", StringComparison.Ordinal))
            {
                elsewhere.Add(request.Url);
            }
        };

        // decap-server is on a free port rather than its default 8081: point the generated configuration at it.
        await page.RouteAsync("**/admin/config.yml", async route =>
        {
            var response = await route.FetchAsync();
            var text = await response.TextAsync();
            Assert.Contains("local_backend: true", text);
            await route.FulfillAsync(new RouteFulfillOptions
            {
                Response = response,
                Body = text.Replace("local_backend: true", $"local_backend:\n  url: http://127.0.0.1:{port}/api/v1", StringComparison.Ordinal),
            });
        });

        try
        {
            var admin = new Uri(host.Address, "admin/").ToString();
            await page.GotoAsync(admin);
            await page.GetByRole(AriaRole.Button, new() { Name = "Login" }).ClickAsync();
            await page.GotoAsync(admin + "#/collections/exercises/new");
            await page.WaitForSelectorAsync("input[id^='title-field']");

            await page.FillAsync("input[id^='title-field']", "Cat-cow stretch");
            await page.FillAsync("input[id^='description-field']", "Move your spine \"one bone at a time\": gently.");
            await page.FillAsync("textarea[id^='position-field']", "Kneel on all fours, hands under your shoulders.");
            await page.GetByRole(AriaRole.Button, new() { Name = "Add steps" }).ClickAsync();
            await page.Locator("[id^='steps-field'] input").First.FillAsync("Breathe in and let your belly sink.");
            await page.Locator("input[id^='difficulty-field']").ClickAsync();
            await page.Keyboard.TypeAsync("moderate");
            await page.Keyboard.PressAsync("Enter");
            await page.FillAsync("input[id^='reps-field']", "5-10");

            // The preview beside the form: the exercise as its card, in the site's stylesheet.
            var preview = page.Locator("iframe").First.ContentFrame;
            await Assertions.Expect(preview.Locator(".exercise-card .card-title")).ToHaveTextAsync("Cat-cow stretch");
            await Assertions.Expect(preview.Locator(".exercise-card .badge")).ToHaveTextAsync("Moderate");
            await Assertions.Expect(preview.Locator(".exercise-card .card-steps li")).ToHaveTextAsync("Breathe in and let your belly sink.");
            Assert.Contains("/assets/site.", await preview.Locator("head").InnerHTMLAsync());

            // Locally there is no Git workflow, so saving publishes straight into the content folder.
            await page.GetByRole(AriaRole.Button, new() { Name = "Publish" }).First.ClickAsync();
            await page.GetByText("Publish now").ClickAsync();
            var saved = Path.Combine(content, "exercises", "cat-cow-stretch.md");
            // decap-server may still be writing when the file appears: wait for its closing front-matter line.
            var text = "";
            await WaitUntil(() => IsWhole(text = ReadIfPresent(saved)),
                TimeSpan.FromSeconds(90), "the CMS did not write content/exercises/cat-cow-stretch.md");
            Assert.StartsWith("---\ntitle: Cat-cow stretch\n", text);
            Assert.Contains("difficulty: moderate\n", text);
            Assert.Contains("  - Breathe in and let your belly sink.\n", text);

            // A health page also needs its clinician's sign-off and sources (#13), which this form run
            // leaves empty: the reviewer adds them, as in the editorial workflow, before it can publish.
            await File.WriteAllTextAsync(saved, "---\nreview:\n  reviewed_on: 2026-11-02\n  reviewed_by: leila-haddad\n  next_review: 2027-11-02\n"
                + "sources:\n  - title: Back pain\n    url: https://www.nhs.uk/conditions/back-pain/\n" + text["---\n".Length..]);

            // The build accepts what the form wrote.
            var result = SiteBuilder.Build(options with { OutDir = Path.Combine(root, "public") });
            Assert.True(result.Published && result.Diagnostics.Count == 0, string.Join('\n', result.Diagnostics));
            Assert.Contains("Cat-cow stretch", await File.ReadAllTextAsync(Path.Combine(root, "public", "exercises", "cat-cow-stretch", "index.html")));

            // serve rebuilt on the save: the exercise's page is there. Until then the page shown is serve's error
            // page, whose live-reload script reloads it when a rebuild ends: that reload can interrupt the next
            // visit, which then only means "not yet".
            var exercise = await context.NewPageAsync();
            await WaitUntil(async () => await StatusOf(exercise, new Uri(host.Address, "exercises/cat-cow-stretch/")) == 200,
                TimeSpan.FromSeconds(90), "serve did not publish the new exercise");
            await Assertions.Expect(exercise.Locator("h1")).ToHaveTextAsync("Cat-cow stretch");

            Assert.Empty(elsewhere);
            Assert.DoesNotContain(console, m => m.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase));
        }
        finally
        {
            await page.CloseAsync();
            decapServer.Kill(entireProcessTree: true);
            Directory.Delete(root, recursive: true);
        }
    }

    private static Process StartDecapServer(string repository, int port)
    {
        var start = new ProcessStartInfo(Node.Path!, [Path.Combine(Node.Modules, "decap-server", "dist", "index.js")])
        {
            WorkingDirectory = repository,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["PORT"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        start.Environment["BIND_HOST"] = "127.0.0.1";
        start.Environment["GIT_REPO_DIRECTORY"] = repository;
        start.Environment["MODE"] = "fs";
        var process = Process.Start(start) ?? throw new InvalidOperationException("decap-server did not start");
        var listening = new TaskCompletionSource();
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data?.Contains("listening", StringComparison.OrdinalIgnoreCase) == true)
            {
                listening.TrySetResult();
            }
        };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        if (!listening.Task.Wait(TimeSpan.FromSeconds(60)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException("decap-server did not start listening in 60 s");
        }

        return process;
    }

    /// <summary>Whether a Markdown file's front matter is closed: its opening line, then a closing <c>---</c> line.</summary>
    private static bool IsWhole(string text) =>
        text.StartsWith("---\n", StringComparison.Ordinal) && text.IndexOf("\n---\n", "---".Length, StringComparison.Ordinal) > 0;

    private static string ReadIfPresent(string path)
    {
        try
        {
            return File.ReadAllText(path);
        }
        catch (FileNotFoundException)
        {
            return "";
        }
    }

    /// <summary>The status of a visit to <paramref name="address"/>, or 0 when the page's own navigation (a live
    /// reload) interrupted it.</summary>
    private static async Task<int> StatusOf(IPage page, Uri address)
    {
        try
        {
            return (await page.GotoAsync(address.ToString()))?.Status ?? 0;
        }
        catch (PlaywrightException e) when (e.Message.Contains("interrupted by another navigation", StringComparison.Ordinal))
        {
            return 0;
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static Task WaitUntil(Func<bool> condition, TimeSpan timeout, string message) =>
        WaitUntil(() => Task.FromResult(condition()), timeout, message);

    private static async Task WaitUntil(Func<Task<bool>> condition, TimeSpan timeout, string message)
    {
        var watch = Stopwatch.StartNew();
        while (!await condition())
        {
            Assert.True(watch.Elapsed < timeout, message);
            await Task.Delay(250);
        }
    }
}
