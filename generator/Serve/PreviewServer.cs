using System.Net;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.StaticFiles;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace BackCareSite.Serve;

/// <summary>
/// Kestrel on 127.0.0.1 serving a <see cref="SiteSnapshot"/> the way Netlify serves
/// the built site: directory URLs as their index.html, 404.html with status 404, the
/// <c>[[headers]]</c> of netlify.toml. HTML responses get the live-reload script; while
/// the site does not build, HTML requests get the error page instead.
/// </summary>
internal sealed class PreviewServer : IAsyncDisposable
{
    private static readonly FileExtensionContentTypeProvider ContentTypes = new();
    private readonly WebApplication _app;
    private readonly LiveReload _reload;

    private PreviewServer(WebApplication app, LiveReload reload, Uri address)
    {
        _app = app;
        _reload = reload;
        Address = address;
    }

    /// <summary>Where the preview shows the governance report (<c>report</c>); the built site has no such page.</summary>
    public const string ReportPath = "/_report/";

    /// <summary>The address listened on, such as http://127.0.0.1:8080/.</summary>
    public Uri Address { get; }

    public LiveReload Reload => _reload;

    /// <summary>Fires when the server stops on its own: Ctrl+C or SIGTERM, which Kestrel's host handles.</summary>
    public CancellationToken Stopping => _app.Lifetime.ApplicationStopping;

    /// <summary>
    /// Starts listening on 127.0.0.1:<paramref name="port"/> (0: any free port).
    /// Throws <see cref="IOException"/> when the port is taken.
    /// </summary>
    /// <param name="report">The governance report page, served at <see cref="ReportPath"/> (never part of the site).</param>
    public static async Task<PreviewServer> StartAsync(int port, Func<SiteSnapshot> snapshot, Func<NetlifyHeaders> headers, string basePath, Func<string>? report = null)
    {
        // The content root is the program's own folder, never the working directory: the
        // host watches its content root for appsettings.json, and a working directory can
        // vanish under a running process (a test's temporary folder, an editor's rename).
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory });
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, port));
        var app = builder.Build();
        var reload = new LiveReload();
        app.Run(context => report is not null && context.Request.Path.Value is ReportPath or "/_report"
            ? WriteHtml(context.Response, report(), context.Request)
            : Handle(context, snapshot, headers(), basePath, reload));
        try
        {
            await app.StartAsync();
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }

        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new PreviewServer(app, reload, new Uri(address.TrimEnd('/') + "/"));
    }

    private static async Task Handle(HttpContext context, Func<SiteSnapshot> snapshot, NetlifyHeaders headers, string basePath, LiveReload reload)
    {
        var site = snapshot();
        var request = context.Request;
        var response = context.Response;
        var path = request.Path.Value ?? "/";
        if (!HttpMethods.IsGet(request.Method) && !HttpMethods.IsHead(request.Method))
        {
            response.StatusCode = StatusCodes.Status405MethodNotAllowed;
            return;
        }

        if (path.StartsWith(PreviewPages.Prefix, StringComparison.Ordinal))
        {
            await Own(context, path, reload, snapshot);
            return;
        }

        foreach (var (name, value) in headers.ForResponse(path))
        {
            response.Headers[name] = value;
        }

        var relative = Resolve(path, basePath, site, out var redirect);
        if (redirect is not null)
        {
            response.StatusCode = StatusCodes.Status301MovedPermanently;
            response.Headers.Location = redirect + request.QueryString;
            return;
        }

        var html = relative is null || relative.EndsWith(".html", StringComparison.Ordinal);
        if (html && (site.Failed || site.Building))
        {
            response.StatusCode = site.Building ? StatusCodes.Status503ServiceUnavailable : StatusCodes.Status500InternalServerError;
            var page = site.Building ? PreviewPages.BuildingPage(site.Version) : PreviewPages.ErrorPage(site.Errors, site.Version);
            await WriteHtml(response, page, request);
            return;
        }

        if (relative is null || !site.Files.TryGetValue(relative, out var file))
        {
            response.StatusCode = StatusCodes.Status404NotFound;
            if (site.Files.TryGetValue("404.html", out var notFound) && notFound.Bytes is { } bytes)
            {
                await WriteHtml(response, PreviewPages.Inject(Encoding.UTF8.GetString(bytes), site.Version), request);
            }

            return;
        }

        if (relative.EndsWith(".html", StringComparison.Ordinal) && file.Bytes is { } pageBytes)
        {
            await WriteHtml(response, PreviewPages.Inject(Encoding.UTF8.GetString(pageBytes), site.Version), request);
            return;
        }

        response.ContentType = ContentTypes.TryGetContentType(relative, out var type)
            ? type + (type.StartsWith("text/", StringComparison.Ordinal) || type.EndsWith("xml", StringComparison.Ordinal) || type.EndsWith("javascript", StringComparison.Ordinal) ? "; charset=utf-8" : "")
            : "application/octet-stream";
        if (!response.Headers.ContainsKey("Cache-Control"))
        {
            response.Headers.CacheControl = "no-cache";
        }

        if (file.Bytes is { } content)
        {
            response.ContentLength = content.Length;
            if (!HttpMethods.IsHead(request.Method))
            {
                await response.Body.WriteAsync(content, context.RequestAborted);
            }
        }
        else if (File.Exists(file.SourcePath) && !Content.FileTree.IsLink(file.SourcePath!))
        {
            response.ContentLength = new FileInfo(file.SourcePath!).Length;
            if (!HttpMethods.IsHead(request.Method))
            {
                await response.SendFileAsync(file.SourcePath!, context.RequestAborted);
            }
        }
        else
        {
            response.StatusCode = StatusCodes.Status404NotFound;
        }
    }

    /// <summary>The output path for a request path; null when there is none (a 404).</summary>
    internal static string? Resolve(string path, string basePath, SiteSnapshot site, out string? redirect)
    {
        redirect = null;
        if (!path.StartsWith(basePath, StringComparison.Ordinal))
        {
            if (path + "/" == basePath)
            {
                redirect = basePath;
            }

            return null;
        }

        var relative = path[basePath.Length..];
        if (relative.Length == 0 || relative.EndsWith('/'))
        {
            relative += "index.html";
        }

        if (!site.Files.ContainsKey(relative) && site.Files.ContainsKey(relative + "/index.html"))
        {
            redirect = path + "/";
            return null;
        }

        return relative.Split('/').Any(p => p is ".." or ".") ? null : relative;
    }

    private static async Task WriteHtml(HttpResponse response, string html, HttpRequest request)
    {
        response.ContentType = "text/html; charset=utf-8";
        if (!response.Headers.ContainsKey("Cache-Control"))
        {
            response.Headers.CacheControl = "no-cache";
        }

        var bytes = Encoding.UTF8.GetBytes(html);
        response.ContentLength = bytes.Length;
        if (!HttpMethods.IsHead(request.Method))
        {
            await response.Body.WriteAsync(bytes);
        }
    }

    private static async Task Own(HttpContext context, string path, LiveReload reload, Func<SiteSnapshot> snapshot)
    {
        var response = context.Response;
        response.Headers.CacheControl = "no-store";
        switch (path)
        {
            case PreviewPages.ScriptPath:
                response.ContentType = "text/javascript; charset=utf-8";
                await response.WriteAsync(PreviewPages.Script);
                return;
            case PreviewPages.StylePath:
                response.ContentType = "text/css; charset=utf-8";
                await response.WriteAsync(PreviewPages.Style);
                return;
            case PreviewPages.IconPath:
                response.ContentType = "image/svg+xml";
                await response.WriteAsync(PreviewPages.Icon);
                return;
            case PreviewPages.EventsPath:
                await Events(context, reload, snapshot);
                return;
            default:
                response.StatusCode = StatusCodes.Status404NotFound;
                return;
        }
    }

    /// <summary>The server-sent-event stream: the current version at once, then one <c>reload</c> event per rebuild.</summary>
    private static async Task Events(HttpContext context, LiveReload reload, Func<SiteSnapshot> snapshot)
    {
        var response = context.Response;
        response.ContentType = "text/event-stream";

        // Listen first, then read the version: a rebuild in between is then never missed.
        var reader = reload.Listen();
        var version = snapshot().Version;
        try
        {
            await response.WriteAsync($"retry: 500\nevent: version\ndata: {version}\n\n", context.RequestAborted);
            await response.Body.FlushAsync(context.RequestAborted);
            await foreach (var next in reader.ReadAllAsync(context.RequestAborted))
            {
                await response.WriteAsync($"event: reload\ndata: {next}\n\n", context.RequestAborted);
                await response.Body.FlushAsync(context.RequestAborted);
            }
        }
        catch (OperationCanceledException)
        {
            // The page closed or reloaded.
        }
        finally
        {
            reload.Stop(reader);
        }
    }

    public async ValueTask DisposeAsync()
    {
        _reload.Complete();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(2));
        await _app.StopAsync(timeout.Token);
        await _app.DisposeAsync();
    }
}
