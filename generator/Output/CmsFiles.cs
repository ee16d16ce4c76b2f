using System.Net;
using System.Security.Cryptography;
using BackCareSite.Content;

namespace BackCareSite.Output;

/// <summary>
/// The CMS at <c>/admin/</c>: <c>index.html</c>, the generated <c>config.yml</c>
/// (<see cref="CmsConfig"/>) and Decap CMS's bundle, copied from the pinned npm package
/// in <c>node_modules/decap-cms/dist</c> (so the page loads nothing from another site).
/// The main file gets a fingerprinted name; the chunks it loads keep theirs, as the bundle
/// asks for them by name. Netlify Identity's widget (npm <c>netlify-identity-widget</c>)
/// is loaded before it: Decap's Git Gateway backend signs editors in through it, and it is
/// what accepts an invitation (<c>#invite_token=...</c>, which <c>cms-invite.js</c> on the
/// home page forwards here). Without <c>node_modules</c> (before <c>npm ci</c>) the page says
/// so instead of loading the CMS, and the build prints one note; it never fails for it.
/// </summary>
internal static class CmsFiles
{
    public const string Folder = "admin/";

    /// <summary>The npm package and its folder of built files.</summary>
    public const string Package = "decap-cms";

    /// <summary>Netlify Identity's sign-in and invitation widget, and its one built file.</summary>
    public const string IdentityPackage = "netlify-identity-widget";

    /// <summary>What <c>build</c> writes and copies for the CMS, and a note when the bundle is missing.</summary>
    public sealed record Result(IReadOnlyList<OutputFile> Files, IReadOnlyList<CopiedFile> Copies, string? Note);

    /// <param name="nodeModules">The site's <c>node_modules</c> folder (it may not exist).</param>
    /// <param name="assets">Asset names to output paths (<c>site.css</c> to <c>assets/site.0123456789.css</c>).</param>
    public static Result Create(SiteContent content, SiteUrls urls, IReadOnlyDictionary<string, string> assets, string nodeModules)
    {
        var dist = Path.Combine(nodeModules, Package, "dist");
        var main = Path.Combine(dist, Package + ".js");
        var copies = new List<CopiedFile>();
        string? note = null;
        string? script = null;
        string? identity = null;
        var widget = Path.Combine(nodeModules, IdentityPackage, "build", IdentityPackage + ".js");
        if (File.Exists(main) && File.Exists(widget))
        {
            identity = Folder + AssetPipeline.Fingerprint(IdentityPackage + ".js", File.ReadAllBytes(widget));
            copies.Add(new CopiedFile(identity, widget));
            script = Folder + AssetPipeline.Fingerprint(Package + ".js", File.ReadAllBytes(main));
            copies.Add(new CopiedFile(script, main));
            // The chunks and WebAssembly the bundle loads on demand, from beside itself.
            foreach (var chunk in Directory.EnumerateFiles(dist).Order(StringComparer.Ordinal))
            {
                var name = Path.GetFileName(chunk);
                if (name.EndsWith("." + Package + ".js", StringComparison.Ordinal) || name.EndsWith(".wasm", StringComparison.Ordinal))
                {
                    copies.Add(new CopiedFile(Folder + name, chunk));
                }
            }
        }
        else
        {
            var missing = File.Exists(main) ? widget : main;
            note = $"the CMS bundle is not installed ({PathDisplay.Relative(Path.GetDirectoryName(Path.GetFullPath(nodeModules)), missing)} is missing), so /admin/ only says how to install it; run `npm ci` in the site's folder";
        }

        var config = CmsConfig.Create(content.Settings, ContentSchema.All);
        var page = Page(content.Settings, urls, assets, identity, script);
        return new Result([config, new OutputFile(Folder + "index.html", page)], copies, note);
    }

    private static string Page(SiteSettings settings, SiteUrls urls, IReadOnlyDictionary<string, string> assets, string? identity, string? script)
    {
        static string E(string text) => WebUtility.HtmlEncode(text);
        var body = script is null || identity is null
            ? "<main>\n<h1>Content manager</h1>\n<p>The content manager is not installed in this build: run <code>npm ci</code> in the site's folder, then build again (docs/editing.md).</p>\n</main>\n"
            : $"<noscript><p>The content manager needs JavaScript.</p></noscript>\n<script src=\"{E(urls.Local("/" + identity))}\"></script>\n<script src=\"{E(urls.Local("/" + script))}\"></script>\n"
              + (assets.TryGetValue("cms-preview.js", out var preview)
                  ? $"<script src=\"{E(urls.Local("/" + preview))}\" data-stylesheet=\"{E(assets.TryGetValue("site.css", out var css) ? urls.Local("/" + css) : "")}\"></script>\n"
                  : "");
        return $"""
            <!DOCTYPE html>
            <html lang="{E(settings.Language)}">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <meta name="robots" content="noindex, nofollow">
            <title>Content manager · {E(settings.Title)}</title>
            <link href="{E(urls.Local("/" + CmsConfig.Path))}" type="text/yaml" rel="cms-config-url">
            </head>
            <body data-pagefind-ignore="all">

            """ + body + "</body>\n</html>\n";
    }
}
