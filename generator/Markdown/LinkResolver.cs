using BackCareSite.Content;
using BackCareSite.Diagnostics;
using BackCareSite.Pictures;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace BackCareSite.Markdown;

/// <summary>
/// Resolves the links of a parsed Markdown body, without changing it: a link to another
/// content file by its source path (<c>../exercises/knee-rolls.md#tips</c>) becomes that
/// page's URL, a media file its published URL, and a target that does not exist is an error
/// at the link's line and column. Images get their size. The results go into a table beside
/// the tree (<see cref="LinkedBody"/>), with every internal URL's origin for the link checker.
/// </summary>
internal sealed class LinkResolver(
    IReadOnlyDictionary<string, ContentItem> contentBySource,
    IReadOnlySet<string> draftSources,
    IReadOnlySet<string> invalidSources,
    IReadOnlyDictionary<string, MediaFile> media,
    IReadOnlyDictionary<string, PicturePlan> pictures,
    SiteUrls urls,
    PictureUses? uses = null,
    Links.StringPool? pool = null)
{
    // With a pool (a build's), one result for each address a link (not an image) leads to: every body's results are kept
    // until its page renders, and a large site's links name the same pages again and again (at 20,000 articles, 132,000
    // results, 7.4 MB, for about 22,000 addresses). A result is never changed, so bodies may share it.
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, ResolvedLink>? _plainLinks =
        pool is null ? null : new(StringComparer.Ordinal);

    private static readonly Func<string, ResolvedLink> PlainLink = url => new ResolvedLink(url, Lazy: false);

    /// <param name="pictures">When given, also collects each media picture the body uses, with its line and column.</param>
    /// <param name="tree">The item's tree when it was let go and parsed again (<see cref="ContentItem.OpenBody"/>); else its kept <see cref="ContentItem.Body"/>.</param>
    public (IReadOnlyList<LinkOrigin> Origins, IReadOnlyDictionary<LinkInline, ResolvedLink> Links) Resolve(
        ContentItem item, DiagnosticBag diagnostics, List<(string Media, int Line, int Column)>? pictures = null, MarkdownDocument? tree = null)
    {
        var nodes = (tree ?? item.Body).Descendants<LinkInline>().ToList();
        var (origins, order) = Resolve(item, nodes.ConvertAll(node => LinkSite.Of(node)), diagnostics, pictures);
        return (origins, LinkedBody.Keyed(nodes, order));
    }

    /// <summary>Resolves the links of a body as the load stage took them from its tree: the result of each, in their order (null where nothing is rewritten).</summary>
    public (IReadOnlyList<LinkOrigin> Origins, ResolvedLink?[] Order) Resolve(
        ContentItem item, IReadOnlyList<LinkSite> sites, DiagnosticBag diagnostics, List<(string Media, int Line, int Column)>? pictures = null)
    {
        var origins = new List<LinkOrigin>();
        var resolved = new ResolvedLink?[sites.Count];
        var path = item.Source.DisplayPath;
        string? relative = null; // made once, when a relative link needs it (the file keeps only its shown path)
        for (var i = 0; i < sites.Count; i++)
        {
            var link = sites[i];
            var url = link.Url;
            if (string.IsNullOrEmpty(url))
            {
                continue;
            }

            var (line, column) = (link.Line, link.Column);
            var decorative = link.IsImage && CheckAltText(link, url, path, line, column, diagnostics);

            if (UnsafeHtmlChecker.IsScriptUrl(url))
            {
                diagnostics.Error(ErrorCodes.UnsafeUrl, path, line, column,
                    "`javascript:` and `data:` URLs are not allowed in content; link to a page or a https:// address");
                continue;
            }

            if (url.StartsWith('#') || url.StartsWith("//", StringComparison.Ordinal) || HasScheme(url))
            {
                if (decorative)
                {
                    resolved[i] = new ResolvedLink(url, Lazy: false, Decorative: true);
                }

                if (url.StartsWith('#'))
                {
                    origins.Add(new LinkOrigin(pool?.Get(url) ?? url, path, line, column));
                }

                continue;
            }

            string? target = null;
            var rewritten = url.StartsWith('/')
                ? urls.Local(url)
                : ResolveRelative(url, relative ??= item.Source.RelativePath, link.IsImage, path, line, column, diagnostics, out target);
            if (rewritten is null)
            {
                continue;
            }

            // The same URL is written on many pages: with a pool (a build's), one copy, shared with the link check's scans.
            rewritten = pool?.Get(rewritten) ?? rewritten;

            var file = link.IsImage && target is not null ? media.GetValueOrDefault(target) : null;
            resolved[i] = !link.IsImage && _plainLinks is { } plain
                ? plain.GetOrAdd(rewritten, PlainLink)
                : new ResolvedLink(rewritten, link.IsImage, file?.Size?.Width, file?.Size?.Height, decorative)
                {
                    Picture = file is null ? null : CheckPicture(url, file, path, line, column, diagnostics, pictures),
                };
            origins.Add(new LinkOrigin(rewritten, path, line, column));
        }

        // Kept until the link check, for every page: no spare room.
        return (origins.Count == 0 ? [] : origins.ToArray(), resolved);
    }

    private string? ResolveRelative(
        string url, string source, bool isImage, string path, int line, int column, DiagnosticBag diagnostics, out string? target)
    {
        var directory = ParentOf(source);
        var (file, suffix) = SplitSuffix(url);
        var decoded = Uri.UnescapeDataString(file);
        target = Normalise(PathDisplay.Combine(directory, decoded));
        if (target is null)
        {
            diagnostics.Error(ErrorCodes.MissingLinkTarget, path, line, column,
                $"{Shown.Value(url)} climbs above the content folder; link to files inside it");
            return null;
        }

        if (decoded.EndsWith(".md", StringComparison.OrdinalIgnoreCase))
        {
            if (contentBySource.TryGetValue(target, out var page))
            {
                return urls.Local(page.Path) + suffix;
            }

            if (invalidSources.Contains(target))
            {
                // The target exists but failed its own checks, which are reported at the target.
                return null;
            }

            if (draftSources.Contains(target))
            {
                diagnostics.Error(ErrorCodes.BrokenContentLink, path, line, column,
                    $"{Shown.Value(url)} is a draft, so it is not published; remove the link or publish the page (`draft: false`)");
                return null;
            }

            // Never suggest the linking file itself.
            var suggestion = Suggest.Closest(target, contentBySource.Keys.Where(k => k != source));
            var hint = suggestion is null ? "check the file name and folder" : $"did you mean `{RelativeTo(directory, suggestion)}`?";
            diagnostics.Error(ErrorCodes.BrokenContentLink, path, line, column,
                $"link target {Shown.Value(url)} does not exist (looked for `{target}`); {hint}");
            return null;
        }

        if (media.ContainsKey(target))
        {
            return urls.Local("/" + EscapePath(target)) + suffix;
        }

        if (!isImage && Links.UrlSyntax.WebAddressWithoutScheme(url) is { } web)
        {
            diagnostics.Error(ErrorCodes.WebAddressWithoutScheme, path, line, column,
                $"{Shown.Value(url)} looks like a web address without `https://`, so it is read as a file next to this one: write `{web}`");
            return null;
        }

        var mediaSuggestion = Suggest.Closest(target, media.Keys);
        diagnostics.Error(ErrorCodes.MissingLinkTarget, path, line, column,
            $"{(isImage ? "image" : "link target")} {Shown.Value(url)} does not exist (looked for `{target}`); "
            + (mediaSuggestion is null
                ? "put files in the `media/` folder and link to them relative to this file, for example `../media/x.svg`"
                : $"did you mean `{RelativeTo(directory, mediaSuggestion)}`?"));
        return null;
    }

    /// <summary>
    /// A picture needs a description between the brackets. One that is only decoration
    /// says so with the title <c>"decorative"</c> (<c>![](../media/x.svg "decorative")</c>):
    /// it gets <c>alt=""</c>, and the title is dropped so it is not shown as a tooltip.
    /// </summary>
    /// <returns>True for a picture marked as decoration (its title is then not written).</returns>
    private static bool CheckAltText(LinkSite image, string url, string path, int line, int column, DiagnosticBag diagnostics)
    {
        var alt = image.Alt ?? "";
        if (alt.Length == 0 && image.Title == DecorativeTitle)
        {
            return true;
        }

        if (alt.Length == 0)
        {
            diagnostics.Error(ErrorCodes.MarkdownImageWithoutAlt, path, line, column,
                $"the picture {Shown.Value(url)} has no description: write what it shows between the brackets, `![A drawing of ...]({url})`, or, if it is only decoration, `![]({url} \"{DecorativeTitle}\")`");
        }
        else if (string.Equals(alt, DecorativeTitle, StringComparison.OrdinalIgnoreCase) && string.IsNullOrEmpty(image.Title))
        {
            diagnostics.Error(ErrorCodes.MarkdownImageWithoutAlt, path, line, column,
                $"the description `{alt}` would be read aloud as the picture's description: for a picture that is only decoration, leave the brackets empty and write the title: `![]({url} \"{DecorativeTitle}\")`");
        }

        return false;
    }

    /// <summary>The image title that marks a picture as decoration.</summary>
    public const string DecorativeTitle = "decorative";

    /// <summary>
    /// Records where a media picture is used and refuses a format browsers do not show; a raster
    /// picture's plan is returned, so that it is written as a <c>&lt;picture&gt;</c>.
    /// </summary>
    private PicturePlan? CheckPicture(
        string url, MediaFile file, string path, int line, int column, DiagnosticBag diagnostics, List<(string Media, int Line, int Column)>? used)
    {
        uses?.Add(file.RelativePath, path, line, column);
        used?.Add((file.RelativePath, line, column));
        if (!RasterHeader.IsWebImage(file.RelativePath))
        {
            diagnostics.Error(ErrorCodes.PictureUnsupported, path, line, column,
                $"`{url}` is not a picture format browsers show; save it as JPEG, PNG, WebP or SVG (or link to it without `!` to offer it as a download)");
        }

        return pictures.GetValueOrDefault(file.RelativePath);
    }

    /// <summary>True when <paramref name="url"/> starts with a scheme (<c>https:</c>, <c>mailto:</c>), not a path.</summary>
    internal static bool HasScheme(string url)
    {
        var colon = url.IndexOf(':');
        if (colon <= 0)
        {
            return false;
        }

        var slash = url.IndexOfAny(['/', '?', '#']);
        return slash < 0 || colon < slash;
    }

    private static (string Path, string Suffix) SplitSuffix(string url)
    {
        var index = url.IndexOfAny(['#', '?']);
        return index < 0 ? (url, "") : (url[..index], url[index..]);
    }

    private static string ParentOf(string relativePath)
    {
        var slash = relativePath.LastIndexOf('/');
        return slash < 0 ? "" : relativePath[..slash];
    }

    /// <summary>Resolves <c>.</c> and <c>..</c>; null when the path climbs above the root.</summary>
    internal static string? Normalise(string path)
    {
        var parts = new List<string>();
        foreach (var part in path.Split('/'))
        {
            if (part is "" or ".")
            {
                continue;
            }

            if (part == "..")
            {
                if (parts.Count == 0)
                {
                    return null;
                }

                parts.RemoveAt(parts.Count - 1);
                continue;
            }

            parts.Add(part);
        }

        return string.Join('/', parts);
    }

    private static string RelativeTo(string directory, string target)
    {
        var from = directory.Length == 0 ? [] : directory.Split('/');
        var to = target.Split('/');
        var common = 0;
        while (common < from.Length && common < to.Length - 1 && from[common] == to[common])
        {
            common++;
        }

        return string.Concat(Enumerable.Repeat("../", from.Length - common)) + string.Join('/', to.Skip(common));
    }

    private static string EscapePath(string path) => string.Join('/', path.Split('/').Select(Uri.EscapeDataString));
}
