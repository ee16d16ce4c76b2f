using System.Collections.Concurrent;
using System.Net;
using BackCareSite.Cli;
using BackCareSite.Diagnostics;
using BackCareSite.Links;
using BackCareSite.Tests.Support;

namespace BackCareSite.Tests.Links;

/// <summary>
/// External fetching against a fake HTTP handler (there is no internet here): HEAD then GET, retries
/// with backoff, Retry-After, timeouts, the per-host and overall limits, and the cache file.
/// </summary>
public sealed class ExternalCheckerTests : IDisposable
{
    private readonly string _cache = Path.Combine(Path.GetTempPath(), "bcs-linkcache-" + Guid.NewGuid().ToString("N")[..12] + ".json");
    private readonly List<TimeSpan> _waits = [];
    private DateTimeOffset _now = new(2026, 11, 25, 12, 0, 0, TimeSpan.Zero);

    public void Dispose() => File.Delete(_cache);

    private ExternalChecker Checker(FakeHandler handler, int retries = 2, int perHost = 2, int concurrency = 8, double timeoutSeconds = 10) =>
        new(handler, new ExternalCheckOptions
        {
            Retries = retries,
            PerHost = perHost,
            Concurrency = concurrency,
            Timeout = TimeSpan.FromSeconds(timeoutSeconds),
            CachePath = _cache,
            Now = () => _now,
            Delay = (wait, _) =>
            {
                lock (_waits)
                {
                    _waits.Add(wait);
                }

                return Task.CompletedTask;
            },
        });

    [Fact]
    public async Task A_working_url_needs_one_HEAD_and_is_cached()
    {
        var handler = new FakeHandler((_, _) => Respond(HttpStatusCode.OK));

        var report = await Checker(handler).CheckAsync(["https://a.example/x"]);

        Assert.True(report.Outcomes["https://a.example/x"].Ok);
        Assert.Equal(["HEAD https://a.example/x"], handler.Requests);
        Assert.Contains("\"https://a.example/x\"", File.ReadAllText(_cache));
    }

    [Theory]
    [InlineData(HttpStatusCode.MethodNotAllowed)]
    [InlineData(HttpStatusCode.NotImplemented)]
    [InlineData(HttpStatusCode.Forbidden)]
    public async Task When_HEAD_is_refused_GET_decides(HttpStatusCode headStatus)
    {
        var handler = new FakeHandler((request, _) => Respond(request.Method == HttpMethod.Head ? headStatus : HttpStatusCode.OK));

        var report = await Checker(handler).CheckAsync(["https://a.example/x"]);

        Assert.True(report.Outcomes["https://a.example/x"].Ok);
        Assert.Equal(["HEAD https://a.example/x", "GET https://a.example/x"], handler.Requests);
    }

    [Fact]
    public async Task A_missing_page_is_an_error_at_every_use_and_is_not_retried_or_cached()
    {
        var handler = new FakeHandler((_, _) => Respond(HttpStatusCode.NotFound));
        var result = new LinkCheckResult([], 1, 1, 2, new Dictionary<string, IReadOnlyList<LinkUse>>
        {
            ["https://a.example/gone"] = [new LinkUse("public/a.html", 3, 4), new LinkUse("content/b.md", 9, 1)],
        });

        var report = await Checker(handler).CheckAsync(result.External.Keys);
        var diagnostics = report.Diagnostics(result).ToList();

        Assert.Equal(2, handler.Requests.Count);
        Assert.Empty(_waits);
        Assert.Equal(
            [
                "public/a.html:3:4: error BCS0510: external link `https://a.example/gone` is broken: the site answered HTTP 404 Not Found",
                "content/b.md:9:1: error BCS0510: external link `https://a.example/gone` is broken: the site answered HTTP 404 Not Found",
            ],
            diagnostics.Select(d => d.ToString()));
        Assert.DoesNotContain("gone", File.ReadAllText(_cache));
    }

    [Fact]
    public async Task Server_errors_are_retried_with_exponential_backoff()
    {
        // The first two attempts fail (their HEAD and their GET); the third works.
        var heads = 0;
        var handler = new FakeHandler((request, _) =>
        {
            var attempt = request.Method == HttpMethod.Head ? Interlocked.Increment(ref heads) : Volatile.Read(ref heads);
            return Respond(attempt <= 2 ? HttpStatusCode.ServiceUnavailable : HttpStatusCode.OK);
        });

        var report = await Checker(handler, retries: 3).CheckAsync(["https://a.example/x"]);

        Assert.True(report.Outcomes["https://a.example/x"].Ok);
        Assert.Equal([TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2)], _waits);
        Assert.Equal(5, handler.Requests.Count);
    }

    [Fact]
    public async Task Rate_limiting_honours_Retry_After_and_ends_as_a_warning()
    {
        var handler = new FakeHandler((_, _) =>
        {
            var response = new HttpResponseMessage(HttpStatusCode.TooManyRequests);
            response.Headers.RetryAfter = new System.Net.Http.Headers.RetryConditionHeaderValue(TimeSpan.FromSeconds(3));
            return Task.FromResult(response);
        });
        var result = new LinkCheckResult([], 1, 1, 1, new Dictionary<string, IReadOnlyList<LinkUse>>
        {
            ["https://busy.example/"] = [new LinkUse("public/a.html", 1, 2)],
        });

        var report = await Checker(handler, retries: 2).CheckAsync(result.External.Keys);

        Assert.Equal(3, handler.Requests.Count);
        Assert.Equal([TimeSpan.FromSeconds(3), TimeSpan.FromSeconds(3)], _waits);
        var warning = Assert.Single(report.Diagnostics(result));
        Assert.False(warning.IsError);
        Assert.Equal(ErrorCodes.LinkExternalUnverified, warning.Code);
    }

    [Fact]
    public async Task A_server_that_never_answers_times_out_after_every_retry()
    {
        var handler = new FakeHandler(async (_, cancel) =>
        {
            await Task.Delay(Timeout.Infinite, cancel);
            return new HttpResponseMessage(HttpStatusCode.OK);
        });

        var report = await Checker(handler, retries: 1, timeoutSeconds: 1).CheckAsync(["https://slow.example/"]);

        var outcome = report.Outcomes["https://slow.example/"];
        Assert.False(outcome.Ok);
        Assert.Equal("no answer within 1 s", outcome.Detail);
        Assert.Equal(2, handler.Requests.Count);
    }

    [Fact]
    public async Task Network_errors_are_reported_with_their_reason()
    {
        var handler = new FakeHandler((_, _) => throw new HttpRequestException("Name or service not known (gone.example:443)"));

        var report = await Checker(handler, retries: 0).CheckAsync(["https://gone.example/"]);

        Assert.Equal("cannot connect: Name or service not known (gone.example:443)", report.Outcomes["https://gone.example/"].Detail);
    }

    [Fact]
    public async Task The_cache_saves_requests_until_its_entries_expire()
    {
        var handler = new FakeHandler((_, _) => Respond(HttpStatusCode.OK));
        await Checker(handler).CheckAsync(["https://a.example/x"]);

        _now = _now.AddHours(23);
        var cached = await Checker(handler).CheckAsync(["https://a.example/x"]);
        Assert.Equal(1, cached.FromCache);
        Assert.Single(handler.Requests);

        _now = _now.AddHours(2);
        var expired = await Checker(handler).CheckAsync(["https://a.example/x"]);
        Assert.Equal(0, expired.FromCache);
        Assert.Equal(2, handler.Requests.Count);
    }

    [Fact]
    public async Task A_damaged_cache_file_is_ignored()
    {
        File.WriteAllText(_cache, "{ not json");
        var handler = new FakeHandler((_, _) => Respond(HttpStatusCode.OK));

        var report = await Checker(handler).CheckAsync(["https://a.example/x"]);

        Assert.True(report.Outcomes["https://a.example/x"].Ok);
        Assert.Single(handler.Requests);
    }

    [Fact]
    public async Task Requests_stay_within_the_per_host_and_overall_limits()
    {
        var inFlight = new ConcurrentDictionary<string, int>();
        var maxPerHost = new ConcurrentDictionary<string, int>();
        var total = 0;
        var maxTotal = 0;
        var handler = new FakeHandler(async (request, _) =>
        {
            var host = request.RequestUri!.Host;
            var now = inFlight.AddOrUpdate(host, 1, (_, n) => n + 1);
            maxPerHost.AddOrUpdate(host, now, (_, n) => Math.Max(n, now));
            var all = Interlocked.Increment(ref total);
            InterlockedMax(ref maxTotal, all);
            await Task.Delay(20);
            Interlocked.Decrement(ref total);
            inFlight.AddOrUpdate(host, 0, (_, n) => n - 1);
            return new HttpResponseMessage(HttpStatusCode.OK);
        });
        var urls = Enumerable.Range(0, 12).SelectMany(i => new[] { $"https://a.example/{i}", $"https://b.example/{i}", $"https://c.example/{i}" });

        var report = await Checker(handler, perHost: 2, concurrency: 4).CheckAsync(urls);

        Assert.Equal(36, report.Outcomes.Count(o => o.Value.Ok));
        Assert.All(maxPerHost.Values, n => Assert.True(n <= 2, $"{n} requests at once to one host"));
        Assert.True(maxTotal <= 4, $"{maxTotal} requests at once");
        Assert.True(maxTotal >= 2, "requests never ran in parallel");
    }

    [Fact]
    public void The_check_command_fetches_with_external_and_fails_on_a_broken_one()
    {
        var handler = new FakeHandler((request, _) => Respond(request.RequestUri!.Host == "www.nhs.uk" ? HttpStatusCode.NotFound : HttpStatusCode.OK));
        var stdout = new StringWriter();
        var exit = WorkingDirectory.In(RepoPaths.Root, () =>
            CheckCommand.Run(["tests/fixtures/links/clean", "--external", "--retries", "0", "--cache", _cache], stdout, new StringWriter(), () => handler));

        Assert.Equal(ExitCodes.Failed, exit);
        var lines = stdout.ToString().ReplaceLineEndings("\n").TrimEnd().Split('\n');
        Assert.Equal(
            [
                "tests/fixtures/links/clean/index.html:27:4: error BCS0510: external link `https://www.nhs.uk/conditions/back-pain/` is broken: the site answered HTTP 404 Not Found",
                "Checked 5 pages, 55 links, 15 files: 1 error, 0 warnings; 2 external URLs checked (0 from the cache).",
            ],
            lines);
    }

    private static Task<HttpResponseMessage> Respond(HttpStatusCode status) => Task.FromResult(new HttpResponseMessage(status));

    private static void InterlockedMax(ref int target, int value)
    {
        int current;
        while ((current = Volatile.Read(ref target)) < value && Interlocked.CompareExchange(ref target, value, current) != current)
        {
        }
    }

    private sealed class FakeHandler(Func<HttpRequestMessage, CancellationToken, Task<HttpResponseMessage>> respond) : HttpMessageHandler
    {
        public ConcurrentQueue<string> Queue { get; } = new();

        public List<string> Requests => [.. Queue];

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Queue.Enqueue($"{request.Method} {request.RequestUri}");
            return respond(request, cancellationToken);
        }
    }
}
