using System.Net;
using BackCareSite.Diagnostics;

namespace BackCareSite.Serve;

/// <summary>
/// What only the preview serves, under <c>/__backcaresite/</c>: the live-reload script,
/// the error page and its stylesheet. External files only, so the site's strict CSP
/// (<c>script-src 'self'</c>) allows them; the built site never contains any of it.
/// </summary>
internal static class PreviewPages
{
    public const string Prefix = "/__backcaresite/";
    public const string EventsPath = Prefix + "events";
    public const string ScriptPath = Prefix + "live.js";
    public const string StylePath = Prefix + "overlay.css";
    public const string IconPath = Prefix + "icon.svg";

    /// <summary>The error and building pages' icon, so the browser does not ask the broken site for <c>/favicon.ico</c>.</summary>
    public const string Icon = """
        <svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 16 16"><circle cx="8" cy="8" r="7" fill="#a4161a"/><rect x="7" y="3.5" width="2" height="6" fill="#fff"/><rect x="7" y="11" width="2" height="2" fill="#fff"/></svg>

        """;

    private const string Head = $"""<link rel="icon" href="{IconPath}" type="image/svg+xml"><link rel="stylesheet" href="{StylePath}">""";

    public const string Script = """
        // BackCareSite preview: reloads the page when the site is rebuilt (serve only).
        (function () {
          var me = document.currentScript;
          var served = me ? new URL(me.src).searchParams.get('v') : null;
          var source = new EventSource('/__backcaresite/events');
          function check(event) {
            if (event.data !== served) {
              source.close();
              location.reload();
            }
          }
          source.addEventListener('version', check);
          source.addEventListener('reload', check);
        }());

        """;

    public const string Style = """
        body { margin: 0; font: 1rem/1.5 system-ui, sans-serif; background: #fff7f5; color: #1f1f1f; }
        main { max-width: 60rem; margin: 2rem auto; padding: 0 1rem; }
        h1 { color: #a4161a; font-size: 1.5rem; }
        ol { padding-left: 1.5rem; }
        li { margin: 0 0 1rem; }
        code { font: 0.95rem/1.4 ui-monospace, monospace; white-space: pre-wrap; word-break: break-word; }
        .where { font-weight: bold; }

        """;

    /// <summary>The tag put before <c>&lt;/body&gt;</c> of every HTML page served.</summary>
    public static string ScriptTag(long version) =>
        $"<script src=\"{ScriptPath}?v={version.ToString(System.Globalization.CultureInfo.InvariantCulture)}\" defer></script>";

    /// <summary>Adds the live-reload script to an HTML page, before its last <c>&lt;/body&gt;</c>.</summary>
    public static string Inject(string html, long version)
    {
        var at = html.LastIndexOf("</body>", StringComparison.OrdinalIgnoreCase);
        return at < 0 ? html + ScriptTag(version) : html[..at] + ScriptTag(version) + html[at..];
    }

    /// <summary>The page shown instead of any page while the site does not build: every error, escaped.</summary>
    public static string ErrorPage(IReadOnlyList<Diagnostic> errors, long version)
    {
        var items = string.Concat(errors.Select(e =>
            $"<li><code><span class=\"where\">{WebUtility.HtmlEncode($"{e.Path}:{e.Line}:{e.Column}")}</span>: error {WebUtility.HtmlEncode(e.Code)}: {WebUtility.HtmlEncode(e.Message)}</code></li>\n"));
        return $"""
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>The site did not build ({errors.Count} error{(errors.Count == 1 ? "" : "s")})</title>
            {Head}
            </head>
            <body>
            <main>
            <h1>The site did not build</h1>
            <p>Fix {(errors.Count == 1 ? "this error" : $"these {errors.Count} errors")} and save: this page reloads by itself.</p>
            <ol>
            {items}</ol>
            </main>
            {ScriptTag(version)}
            </body>
            </html>

            """;
    }

    /// <summary>Shown while the first build runs.</summary>
    public static string BuildingPage(long version) => $"""
        <!DOCTYPE html>
        <html lang="en">
        <head><meta charset="utf-8"><title>Building…</title>{Head}</head>
        <body><main><h1>Building the site…</h1><p>This page reloads by itself when it is ready.</p></main>
        {ScriptTag(version)}
        </body>
        </html>

        """;
}
