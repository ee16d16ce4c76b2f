using System.Net;
using BackCareSite.Build;
using BackCareSite.Cli;
using BackCareSite.Serve;
using BackCareSite.Tests.Support;

namespace BackCareSite.Tests.Serve;

/// <summary>
/// <c>serve</c> in-process on a free port over a temporary site: pages with the live-reload
/// script and the production headers, a reload event and new content after a save, the
/// error page after a broken save and the page again after the fix.
/// </summary>
public sealed class ServeIntegrationTests : IAsyncLifetime
{
    private const string Csp = "default-src 'self'; script-src 'self'; style-src 'self'";

    private readonly TempSite _site = new();
    private readonly StringWriter _out = new();
    private readonly StringWriter _err = new();
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(20) };
    private ServeHost? _host;

    private ServeHost Host => _host!;

    public async Task InitializeAsync()
    {
        _site.Article("sitting-well", "tags:\n  - posture\n", body: "Sit with your feet flat.", title: "Sitting well")
            .Article("walking", "tags:\n  - posture\n", body: "Walk a little every day.", title: "Walking");
        File.WriteAllText(Path.Combine(_site.Root, "netlify.toml"), $"""
            [[headers]]
              for = "/*"
              [headers.values]
                Content-Security-Policy = "{Csp}"
                X-Content-Type-Options = "nosniff"
            """);
        _host = await ServeHost.StartAsync(Options(), 0, Path.Combine(_site.Root, "netlify.toml"), _out, _err);
        _http.BaseAddress = Host.Address;
    }

    private BuildOptions Options() => new() { ContentDir = _site.ContentDir, TemplatesDir = _site.TemplatesDir, Today = new DateOnly(2026, 6, 1) };

    public async Task DisposeAsync()
    {
        if (_host is not null)
        {
            await _host.DisposeAsync();
        }

        _http.Dispose();
        _site.Dispose();
    }

    [Fact]
    public async Task ServesPagesWithTheLiveReloadScriptAndTheHeadersOfNetlifyToml()
    {
        var response = await _http.GetAsync("articles/sitting-well/");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("Sit with your feet flat.", html);
        Assert.Matches(@"<script src=""/__backcaresite/live\.js\?v=\d+"" defer></script>\s*</body>", html);
        Assert.Equal(Csp, string.Join(",", response.Headers.GetValues("Content-Security-Policy")));
        var script = await _http.GetAsync("__backcaresite/live.js");
        Assert.Equal("text/javascript", script.Content.Headers.ContentType?.MediaType);
        Assert.Contains("EventSource", await script.Content.ReadAsStringAsync());
        Assert.False(Directory.Exists(_site.OutDir), "serve must never write the output folder");
    }

    [Fact]
    public async Task AnUnknownAddressGetsThe404PageWithStatus404AndADirectoryWithoutSlashIsRedirected()
    {
        var missing = await _http.GetAsync("no-such-page/");
        var redirect = await new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = Host.Address }.GetAsync("articles/walking");

        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Contains("Page not found", await missing.Content.ReadAsStringAsync());
        Assert.Contains("nosniff", missing.Headers.GetValues("X-Content-Type-Options"));
        Assert.Equal(HttpStatusCode.MovedPermanently, redirect.StatusCode);
        Assert.Equal("/articles/walking/", redirect.Headers.Location?.ToString());
    }

    [Fact]
    public async Task ASavedEditSendsAReloadEventAndServesTheNewContent()
    {
        await using var events = await EventStream.OpenAsync(_http);
        var first = await events.NextAsync("version");
        // The terminal's line is written after the reload event is sent: wait for the rebuild to be reported.
        var reported = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Host.Rebuilt += (_, _) => reported.TrySetResult();

        _site.Article("sitting-well", "tags:\n  - posture\n", body: "Sit with your back supported.", title: "Sitting well");
        var reload = await events.NextAsync("reload");

        Assert.True(long.Parse(reload) > long.Parse(first));
        var html = await _http.GetStringAsync("articles/sitting-well/");
        Assert.Contains("Sit with your back supported.", html);
        Assert.DoesNotContain("Sit with your feet flat.", html);
        Assert.Contains($"?v={reload}\"", html);
        await reported.Task.WaitAsync(TimeSpan.FromSeconds(90));
        Assert.Contains("reload sent", _out.ToString());
    }

    [Fact]
    public async Task ABrokenEditShowsTheErrorPageWithFileAndLineAndAFixBringsThePageBack()
    {
        await using var events = await EventStream.OpenAsync(_http);
        await events.NextAsync("version");

        _site.Write("articles/walking.md", "---\ntitle: Walking <b>fast</b>\ndescription: About walking.\ndate: 2026-13-45\n---\n\nWalk a little every day.\n");
        await events.NextAsync("reload");
        var broken = await _http.GetAsync("articles/walking/");
        var css = await _http.GetAsync("__backcaresite/overlay.css");

        Assert.Equal(HttpStatusCode.InternalServerError, broken.StatusCode);
        var page = await broken.Content.ReadAsStringAsync();
        Assert.Contains("content/articles/walking.md:4:", page);
        Assert.Contains("BCS0204", page);
        Assert.Contains("live.js", page);
        Assert.Equal(Csp, string.Join(",", broken.Headers.GetValues("Content-Security-Policy")));
        Assert.Equal(HttpStatusCode.OK, css.StatusCode);
        Assert.Contains("content/articles/walking.md:4:", _err.ToString());

        _site.Article("walking", "tags:\n  - posture\n", body: "Walk a little more every day.", title: "Walking");
        await events.NextAsync("reload");
        var fixedPage = await _http.GetAsync("articles/walking/");

        Assert.Equal(HttpStatusCode.OK, fixedPage.StatusCode);
        Assert.Contains("Walk a little more every day.", await fixedPage.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task ALinkToAHeadingThatDoesNotExistShowsTheErrorPageAsBuildFailsAndItsIconIsServed()
    {
        await using var events = await EventStream.OpenAsync(_http);
        await events.NextAsync("version");

        // Issue #14: serve skipped the link check, so this page showed as fine while build failed.
        _site.Article("walking", "tags:\n  - posture\n", body: "Read [how to sit](sitting-well.md#no-such-heading).", title: "Walking");
        await events.NextAsync("reload");
        var broken = await _http.GetAsync("articles/walking/");
        var page = await broken.Content.ReadAsStringAsync();
        var icon = await _http.GetAsync("__backcaresite/icon.svg");

        Assert.Equal(HttpStatusCode.InternalServerError, broken.StatusCode);
        Assert.Contains("content/articles/walking.md:16:", page);
        Assert.Contains(Diagnostics.ErrorCodes.LinkFragmentMissing, page);
        Assert.Contains("<link rel=\"icon\" href=\"/__backcaresite/icon.svg\"", page);
        Assert.Equal(HttpStatusCode.OK, icon.StatusCode);
        Assert.Equal("image/svg+xml", icon.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task ACheckoutOfTwoHundredFilesEndsWithTheSiteMatchingTheFiles()
    {
        await using var events = await EventStream.OpenAsync(_http);
        await events.NextAsync("version");

        for (var n = 0; n < 200; n++)
        {
            _site.Article($"checkout-{n:000}", body: $"Checked out {n}.", title: $"Checkout {n}");
        }

        // Batches follow one another until every change is built: wait for the last file's page.
        var deadline = DateTime.UtcNow.AddSeconds(60);
        HttpResponseMessage last;
        do
        {
            await events.NextAsync("reload");
            last = await _http.GetAsync("articles/checkout-199/");
        }
        while (last.StatusCode != HttpStatusCode.OK && DateTime.UtcNow < deadline);

        for (var n = 0; n < 200; n += 13)
        {
            Assert.Contains($"Checked out {n}.", await _http.GetStringAsync($"articles/checkout-{n:000}/"));
        }

        Assert.Contains("Checked out 199.", await last.Content.ReadAsStringAsync());
    }

    [Fact]
    public void AServeOnATakenPortExitsWithCodeTwoAndOneClearLine()
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();

        var code = CommandLine.Run(
            ["serve", "--content", _site.ContentDir, "--templates", _site.TemplatesDir, "--port", Host.Address.Port.ToString(System.Globalization.CultureInfo.InvariantCulture)],
            stdout, stderr);

        Assert.Equal(ExitCodes.Usage, code);
        var line = Assert.Single(stderr.ToString().TrimEnd().Split('\n'));
        Assert.Contains($"127.0.0.1:{Host.Address.Port}", line);
        Assert.Contains("already in use", line);
    }

    /// <summary>Reads a server-sent-event stream event by event.</summary>
    private sealed class EventStream : IAsyncDisposable
    {
        private readonly HttpResponseMessage _response;
        private readonly StreamReader _reader;

        private EventStream(HttpResponseMessage response, StreamReader reader)
        {
            _response = response;
            _reader = reader;
        }

        public static async Task<EventStream> OpenAsync(HttpClient http)
        {
            var response = await http.GetAsync("__backcaresite/events", HttpCompletionOption.ResponseHeadersRead);
            Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
            return new EventStream(response, new StreamReader(await response.Content.ReadAsStreamAsync()));
        }

        /// <summary>Waits (10 s at most) for the next event named <paramref name="name"/> and returns its data.</summary>
        public async Task<string> NextAsync(string name)
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            string? eventName = null;
            while (true)
            {
                var line = await _reader.ReadLineAsync(timeout.Token) ?? throw new InvalidOperationException("the event stream ended");
                if (line.StartsWith("event: ", StringComparison.Ordinal))
                {
                    eventName = line[7..];
                }
                else if (line.StartsWith("data: ", StringComparison.Ordinal) && eventName == name)
                {
                    return line[6..];
                }
            }
        }

        public ValueTask DisposeAsync()
        {
            _reader.Dispose();
            _response.Dispose();
            return ValueTask.CompletedTask;
        }
    }
}
