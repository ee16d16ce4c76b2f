using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Text.Json;
using BackCareSite.Diagnostics;

namespace BackCareSite.Links;

/// <summary>What fetching one external URL found.</summary>
internal sealed record ExternalOutcome(bool Ok, int? Status, string Detail, bool RateLimited = false);

/// <summary>Every fetched external URL's outcome, and how many came from the cache.</summary>
internal sealed record ExternalReport(IReadOnlyDictionary<string, ExternalOutcome> Outcomes, int FromCache)
{
    /// <summary>One diagnostic per use of a URL that failed: an error, or a warning when the site only rate-limited us.</summary>
    public IEnumerable<Diagnostic> Diagnostics(LinkCheckResult result)
    {
        foreach (var (url, uses) in result.External)
        {
            if (!Outcomes.TryGetValue(url, out var outcome) || outcome.Ok)
            {
                continue;
            }

            foreach (var use in uses)
            {
                yield return outcome.RateLimited
                    ? Diagnostic.Warning(ErrorCodes.LinkExternalUnverified, use.Path, use.Line, use.Column, $"external link `{url}` could not be verified: {outcome.Detail}")
                    : Diagnostic.Error(ErrorCodes.LinkExternalBroken, use.Path, use.Line, use.Column, $"external link `{url}` is broken: {outcome.Detail}");
            }
        }
    }
}

/// <summary>Limits and cache for <see cref="ExternalChecker"/>.</summary>
internal sealed class ExternalCheckOptions
{
    /// <summary>Requests in flight at once, over all hosts.</summary>
    public int Concurrency { get; init; } = 8;

    /// <summary>Requests in flight at once to one host.</summary>
    public int PerHost { get; init; } = 2;

    /// <summary>Time allowed for one request (to the response headers).</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Further attempts after a timeout, a network error, a 5xx or a 429.</summary>
    public int Retries { get; init; } = 2;

    /// <summary>The wait before the first retry; doubled for each next one (a Retry-After header wins, up to 30 s).</summary>
    public TimeSpan Backoff { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>The cache file, or null for none. Only working URLs are cached.</summary>
    public string? CachePath { get; init; } = ".linkcheck-cache.json";

    /// <summary>How long a cached working URL is trusted.</summary>
    public TimeSpan CacheTtl { get; init; } = TimeSpan.FromHours(24);

    public Func<DateTimeOffset> Now { get; init; } = () => DateTimeOffset.UtcNow;

    /// <summary>How to wait between attempts (tests replace it to run instantly).</summary>
    public Func<TimeSpan, CancellationToken, Task> Delay { get; init; } = Task.Delay;
}

/// <summary>
/// Fetches external URLs: HEAD first, then GET (headers only) when HEAD is refused or answered with an
/// error, since many servers mishandle HEAD; redirects followed; bounded concurrency overall and per
/// host; a timeout per request; retries with exponential backoff for timeouts, network errors, 5xx and
/// 429; and a cache file of working URLs with a time-to-live, so CI does not hammer other sites.
/// </summary>
internal sealed class ExternalChecker(HttpMessageHandler handler, ExternalCheckOptions options)
{
    private const int MaxRetryAfterSeconds = 30;

    public static HttpMessageHandler DefaultHandler() => new SocketsHttpHandler
    {
        AllowAutoRedirect = true,
        MaxAutomaticRedirections = 10,
        AutomaticDecompression = DecompressionMethods.All,
        PooledConnectionLifetime = TimeSpan.FromMinutes(2),
        ConnectTimeout = TimeSpan.FromSeconds(10),
    };

    public async Task<ExternalReport> CheckAsync(IEnumerable<string> urls, CancellationToken cancel = default)
    {
        var now = options.Now();
        var cache = LoadCache(now);
        var outcomes = new ConcurrentDictionary<string, ExternalOutcome>(StringComparer.Ordinal);
        var fromCache = 0;
        using var client = new HttpClient(handler, disposeHandler: false) { Timeout = Timeout.InfiniteTimeSpan };
        client.DefaultRequestHeaders.UserAgent.ParseAdd("BackCareSite-linkcheck/1.0");
        using var global = new SemaphoreSlim(options.Concurrency);
        var hosts = new ConcurrentDictionary<string, SemaphoreSlim>(StringComparer.OrdinalIgnoreCase);
        var tasks = new List<Task>();
        foreach (var url in urls.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal))
        {
            if (cache.TryGetValue(url, out var entry))
            {
                outcomes[url] = new ExternalOutcome(true, entry.Status, "from the cache");
                fromCache++;
                continue;
            }

            tasks.Add(Task.Run(async () =>
            {
                var host = hosts.GetOrAdd(LinkReport.Host(url), _ => new SemaphoreSlim(options.PerHost));
                await host.WaitAsync(cancel).ConfigureAwait(false);
                try
                {
                    outcomes[url] = await CheckOne(client, global, url, cancel).ConfigureAwait(false);
                }
                finally
                {
                    host.Release();
                }
            }, cancel));
        }

        await Task.WhenAll(tasks).ConfigureAwait(false);
        foreach (var semaphore in hosts.Values)
        {
            semaphore.Dispose();
        }

        foreach (var (url, outcome) in outcomes)
        {
            if (outcome.Ok && !cache.ContainsKey(url))
            {
                cache[url] = new CacheEntry(now, outcome.Status);
            }
        }

        SaveCache(cache);
        return new ExternalReport(outcomes.ToDictionary(o => o.Key, o => o.Value, StringComparer.Ordinal), fromCache);
    }

    private async Task<ExternalOutcome> CheckOne(HttpClient client, SemaphoreSlim global, string url, CancellationToken cancel)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https") || uri.Host.Length == 0)
        {
            return new ExternalOutcome(false, null, "it is not a valid web address");
        }

        ExternalOutcome outcome = new(false, null, "not attempted");
        for (var attempt = 0; ; attempt++)
        {
            TimeSpan? retryAfter = null;
            await global.WaitAsync(cancel).ConfigureAwait(false);
            try
            {
                var (status, after) = await Fetch(client, uri, cancel).ConfigureAwait(false);
                retryAfter = after;
                var code = (int)status;
                if (code is >= 200 and < 400)
                {
                    return new ExternalOutcome(true, code, $"HTTP {code}");
                }

                outcome = code == 429
                    ? new ExternalOutcome(false, code, "the site answered HTTP 429 Too Many Requests every time; try again later", RateLimited: true)
                    : new ExternalOutcome(false, code, $"the site answered HTTP {code} {Reason(status)}");
                if (code != 429 && code < 500)
                {
                    return outcome;
                }
            }
            catch (OperationCanceledException) when (!cancel.IsCancellationRequested)
            {
                outcome = new ExternalOutcome(false, null, $"no answer within {options.Timeout.TotalSeconds.ToString("0.#", CultureInfo.InvariantCulture)} s");
            }
            catch (HttpRequestException ex)
            {
                outcome = new ExternalOutcome(false, null, $"cannot connect: {ex.Message}");
            }
            finally
            {
                global.Release();
            }

            if (attempt >= options.Retries)
            {
                return outcome;
            }

            var wait = retryAfter ?? options.Backoff * Math.Pow(2, attempt);
            await options.Delay(wait, cancel).ConfigureAwait(false);
        }
    }

    /// <summary>HEAD, then GET (headers only) when HEAD gets anything but success or 429.</summary>
    private async Task<(HttpStatusCode Status, TimeSpan? RetryAfter)> Fetch(HttpClient client, Uri uri, CancellationToken cancel)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancel);
        timeout.CancelAfter(options.Timeout);
        using (var head = await client.SendAsync(new HttpRequestMessage(HttpMethod.Head, uri), HttpCompletionOption.ResponseHeadersRead, timeout.Token).ConfigureAwait(false))
        {
            var code = (int)head.StatusCode;
            if (code is (>= 200 and < 400) or 429)
            {
                return (head.StatusCode, RetryAfter(head));
            }
        }

        using var get = await client.SendAsync(new HttpRequestMessage(HttpMethod.Get, uri), HttpCompletionOption.ResponseHeadersRead, timeout.Token).ConfigureAwait(false);
        return (get.StatusCode, RetryAfter(get));
    }

    private TimeSpan? RetryAfter(HttpResponseMessage response)
    {
        var header = response.Headers.RetryAfter;
        var wait = header?.Delta ?? (header?.Date is { } date ? date - options.Now() : null);
        if (wait is null)
        {
            return null;
        }

        return wait < TimeSpan.Zero ? TimeSpan.Zero : wait > TimeSpan.FromSeconds(MaxRetryAfterSeconds) ? TimeSpan.FromSeconds(MaxRetryAfterSeconds) : wait;
    }

    private static string Reason(HttpStatusCode status) => status switch
    {
        HttpStatusCode.NotFound => "Not Found",
        HttpStatusCode.Gone => "Gone",
        HttpStatusCode.Forbidden => "Forbidden",
        HttpStatusCode.Unauthorized => "Unauthorized",
        HttpStatusCode.MethodNotAllowed => "Method Not Allowed",
        HttpStatusCode.InternalServerError => "Internal Server Error",
        HttpStatusCode.BadGateway => "Bad Gateway",
        HttpStatusCode.ServiceUnavailable => "Service Unavailable",
        HttpStatusCode.GatewayTimeout => "Gateway Timeout",
        _ => "",
    };

    private sealed record CacheEntry(DateTimeOffset Checked, int? Status);

    private Dictionary<string, CacheEntry> LoadCache(DateTimeOffset now)
    {
        var cache = new Dictionary<string, CacheEntry>(StringComparer.Ordinal);
        if (options.CachePath is null || !File.Exists(options.CachePath))
        {
            return cache;
        }

        try
        {
            using var document = JsonDocument.Parse(File.ReadAllBytes(options.CachePath));
            foreach (var entry in document.RootElement.GetProperty("entries").EnumerateObject())
            {
                var checkedAt = DateTimeOffset.Parse(entry.Value.GetProperty("checked").GetString()!, CultureInfo.InvariantCulture);
                int? status = entry.Value.TryGetProperty("status", out var s) && s.ValueKind == JsonValueKind.Number ? s.GetInt32() : null;
                if (now - checkedAt < options.CacheTtl && checkedAt <= now)
                {
                    cache[entry.Name] = new CacheEntry(checkedAt, status);
                }
            }
        }
        catch (Exception ex) when (ex is JsonException or KeyNotFoundException or FormatException or InvalidOperationException or IOException)
        {
            // A damaged cache is only a slower run: start again.
            cache.Clear();
        }

        return cache;
    }

    private void SaveCache(Dictionary<string, CacheEntry> cache)
    {
        if (options.CachePath is null)
        {
            return;
        }

        using var stream = File.Create(options.CachePath);
        using var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true });
        json.WriteStartObject();
        json.WriteNumber("version", 1);
        json.WriteStartObject("entries");
        foreach (var (url, entry) in cache.OrderBy(e => e.Key, StringComparer.Ordinal))
        {
            json.WriteStartObject(url);
            json.WriteString("checked", entry.Checked.ToUniversalTime().ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture));
            if (entry.Status is { } status)
            {
                json.WriteNumber("status", status);
            }

            json.WriteEndObject();
        }

        json.WriteEndObject();
        json.WriteEndObject();
    }
}
