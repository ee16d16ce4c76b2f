using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Logging;
using BackCareSite.Serve;

namespace BackCareSite.BrowserTests.Support;

/// <summary>
/// Serves a built site on 127.0.0.1 (a free port) the way Netlify would: the
/// <c>[[headers]]</c> of netlify.toml on every matching path, directory URLs
/// as their index.html, and 404.html with status 404.
/// </summary>
public sealed class StaticSiteServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private StaticSiteServer(WebApplication app, string baseUrl)
    {
        _app = app;
        BaseUrl = baseUrl;
    }

    public string BaseUrl { get; }

    public static async Task<StaticSiteServer> StartAsync(string folder, string netlifyToml)
    {
        var rules = NetlifyHeaders.Load(netlifyToml);
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var files = new PhysicalFileProvider(Path.GetFullPath(folder));
        app.Use(async (context, next) =>
        {
            foreach (var (name, value) in rules.ForResponse(context.Request.Path.Value ?? "/"))
            {
                context.Response.Headers[name] = value;
            }

            await next();
        });
        app.UseDefaultFiles(new DefaultFilesOptions { FileProvider = files });
        app.UseStaticFiles(new StaticFileOptions { FileProvider = files, ServeUnknownFileTypes = true });
        app.Run(async context =>
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            var notFound = files.GetFileInfo("404.html");
            if (notFound.Exists)
            {
                context.Response.ContentType = "text/html; charset=utf-8";
                await context.Response.SendFileAsync(notFound);
            }
        });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new StaticSiteServer(app, address.TrimEnd('/'));
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
