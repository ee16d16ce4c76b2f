using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Logging;
using Tomlyn;
using Tomlyn.Model;

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
        var rules = File.Exists(netlifyToml) ? HeaderRules(File.ReadAllText(netlifyToml)) : [];
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var files = new PhysicalFileProvider(Path.GetFullPath(folder));
        app.Use(async (context, next) =>
        {
            foreach (var (name, value) in HeadersFor(rules, context.Request.Path.Value ?? "/"))
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

    /// <summary>Netlify's <c>[[headers]]</c>: a path pattern (with <c>*</c>) and its header values.</summary>
    public static IReadOnlyList<(string Pattern, IReadOnlyList<(string Name, string Value)> Headers)> HeaderRules(string toml)
    {
        var model = TomlSerializer.Deserialize<TomlTable>(toml) ?? new TomlTable();
        var rules = new List<(string, IReadOnlyList<(string, string)>)>();
        if (model.TryGetValue("headers", out var value) && value is TomlTableArray tables)
        {
            foreach (var table in tables)
            {
                var pattern = table["for"]?.ToString() ?? "/*";
                var headers = table.TryGetValue("values", out var v) && v is TomlTable values
                    ? values.Select(kv => (kv.Key, kv.Value?.ToString() ?? "")).ToList()
                    : [];
                rules.Add((pattern, headers));
            }
        }

        return rules;
    }

    /// <summary>Netlify's default for responses no rule gives a <c>Cache-Control</c>.</summary>
    public const string DefaultCacheControl = "public, max-age=0, must-revalidate";

    /// <summary>
    /// The headers Netlify sends for a path: every matching rule applies, and a
    /// header set by two rules gets both values joined with ", " (Netlify does
    /// not let the later rule win). Without a Cache-Control rule, Netlify's default.
    /// </summary>
    public static IReadOnlyList<(string Name, string Value)> HeadersFor(
        IReadOnlyList<(string Pattern, IReadOnlyList<(string Name, string Value)> Headers)> rules, string path)
    {
        var result = new List<(string Name, string Value)>();
        foreach (var (pattern, headers) in rules.Where(r => Matches(r.Pattern, path)))
        {
            foreach (var (name, value) in headers)
            {
                var at = result.FindIndex(h => string.Equals(h.Name, name, StringComparison.OrdinalIgnoreCase));
                if (at < 0)
                {
                    result.Add((name, value));
                }
                else
                {
                    result[at] = (result[at].Name, result[at].Value + ", " + value);
                }
            }
        }

        if (!result.Any(h => string.Equals(h.Name, "Cache-Control", StringComparison.OrdinalIgnoreCase)))
        {
            result.Add(("Cache-Control", DefaultCacheControl));
        }

        return result;
    }

    /// <summary>Netlify path matching: <c>*</c> matches any run of characters (including /).</summary>
    public static bool Matches(string pattern, string path)
    {
        var regex = "^" + System.Text.RegularExpressions.Regex.Escape(pattern).Replace("\\*", ".*") + "$";
        return System.Text.RegularExpressions.Regex.IsMatch(path, regex);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
