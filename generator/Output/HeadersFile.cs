using System.Text;
using BackCareSite.Content;
using BackCareSite.Diagnostics;
using BackCareSite.Serve;

namespace BackCareSite.Output;

/// <summary>
/// <c>_headers</c>: netlify.toml's <see cref="NetlifyHeaders.PublishedPattern"/> rule (the
/// site's strict Content-Security-Policy) once for each top-level path of the built site,
/// so that every published page and file gets it and the CMS under <c>/admin/</c> does not.
/// Netlify reads the file from the publish folder beside netlify.toml's own rules.
/// </summary>
internal static class HeadersFile
{
    public const string Path = "_headers";

    /// <summary>
    /// The last output step, the same in build and serve: <c>_headers</c> for a site whose top-level
    /// entries are <paramref name="topLevel"/>, and the not-found page (<paramref name="notFound"/>, as
    /// rendered; null when the site has none) with the policy in a meta element (<see cref="NotFoundPolicy"/>),
    /// both from the rules of netlify.toml in <paramref name="siteRoot"/>. The files to write over the rendered
    /// ones: none without netlify.toml or its published rule; none, with an error, when it is not TOML.
    /// </summary>
    public static IReadOnlyList<OutputFile> ForSite(string siteRoot, string templatesDir, IEnumerable<string> topLevel, string? notFound, DiagnosticBag diagnostics)
    {
        if (Load(System.IO.Path.Combine(siteRoot, "netlify.toml"), diagnostics) is not { } rules)
        {
            return [];
        }

        var files = new List<OutputFile>();
        if (Create(rules, topLevel) is { } headers)
        {
            files.Add(headers);
        }

        if (notFound is not null && NotFoundPolicy.Apply(notFound, rules, System.IO.Path.Combine(templatesDir, "layouts", "base.html"), diagnostics) is { } page)
        {
            files.Add(page);
        }

        return files;
    }

    /// <summary>The header rules of <paramref name="netlifyToml"/> (none without it); null, with an error, when it is not TOML.</summary>
    public static NetlifyHeaders? Load(string netlifyToml, DiagnosticBag diagnostics)
    {
        try
        {
            return NetlifyHeaders.Load(netlifyToml);
        }
        catch (Tomlyn.TomlException ex)
        {
            diagnostics.Error(ErrorCodes.NetlifyTomlInvalid, diagnostics.Display(netlifyToml), 1, 1,
                $"netlify.toml cannot be read ({ex.Message.Split('\n')[0]}), so the site's headers cannot be written; fix the TOML");
            return null;
        }
    }

    /// <summary>
    /// The file for a site whose top-level entries are <paramref name="topLevel"/> (folders end
    /// with <c>/</c>); null when netlify.toml has no published rule, as for a site not on Netlify.
    /// </summary>
    public static OutputFile? Create(NetlifyHeaders rules, IEnumerable<string> topLevel)
    {
        var headers = rules.Published;
        if (headers.Count == 0)
        {
            return null;
        }

        var patterns = new List<string> { "/" };
        foreach (var entry in topLevel.Order(StringComparer.Ordinal))
        {
            // Netlify never serves _headers or _redirects, and the CMS has its own rule.
            if (entry.StartsWith('_') || "/" + entry == NetlifyHeaders.CmsPath)
            {
                continue;
            }

            patterns.Add(entry.EndsWith('/') ? "/" + entry + "*" : "/" + entry);
        }

        var text = new StringBuilder()
            .Append("# Written by the build from the \"").Append(NetlifyHeaders.PublishedPattern)
            .Append("\" rule of netlify.toml: one copy for each\n# top-level path of the site, so that ")
            .Append(NetlifyHeaders.CmsPath).Append(" (the CMS) keeps its own policy.\n");
        foreach (var pattern in patterns)
        {
            text.Append(pattern).Append('\n');
            foreach (var (name, value) in headers)
            {
                text.Append("  ").Append(name).Append(": ").Append(value).Append('\n');
            }
        }

        return new OutputFile(Path, text.ToString());
    }

    /// <summary>The top-level entries of a written site folder: file names, and folder names with a trailing slash.</summary>
    public static IEnumerable<string> TopLevelOf(string folder) =>
        Directory.EnumerateFiles(folder).Select(f => System.IO.Path.GetFileName(f))
            .Concat(Directory.EnumerateDirectories(folder).Select(d => System.IO.Path.GetFileName(d) + "/"));

    /// <summary>The top-level entries of a site given as output paths (<c>articles/x/index.html</c> gives <c>articles/</c>).</summary>
    public static IEnumerable<string> TopLevelOf(IEnumerable<string> paths) =>
        paths.Select(p => p.IndexOf('/', StringComparison.Ordinal) is var slash and >= 0 ? p[..(slash + 1)] : p).Distinct(StringComparer.Ordinal);
}
