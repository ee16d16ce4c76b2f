using BackCareSite.Content;
using BackCareSite.Markdown;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace BackCareSite.Serve;

/// <summary>
/// What the link stage of an item depends on, read from its body before links are
/// rewritten: the content-relative paths its relative links and images point at, and
/// <see cref="Exercises"/> when it has embeds (they check the exercise slugs). When one
/// of these changes status (added, deleted, renamed, made a draft, a new slug, broken),
/// the item is parsed and linked again.
/// </summary>
internal static class LinkTargets
{
    public const string Exercises = "exercise slugs";

    public static IReadOnlySet<string> Of(ContentItem item)
    {
        var targets = new HashSet<string>(StringComparer.Ordinal);
        var source = item.Source.RelativePath;
        var slash = source.LastIndexOf('/');
        var directory = slash < 0 ? "" : source[..slash];
        foreach (var link in item.Body.Descendants<LinkInline>())
        {
            var url = link.Url;
            if (string.IsNullOrEmpty(url) || url[0] is '#' or '/' || Markdown.LinkResolver.HasScheme(url))
            {
                continue;
            }

            var end = url.IndexOfAny(['#', '?']);
            var file = end < 0 ? url : url[..end];
            string decoded;
            try
            {
                decoded = Uri.UnescapeDataString(file);
            }
            catch (UriFormatException)
            {
                decoded = file;
            }

            if (LinkResolver.Normalise(PathDisplay.Combine(directory, decoded)) is { } target)
            {
                targets.Add(target);
            }
        }

        if (item.Body.Descendants<EmbedBlock>().Any())
        {
            targets.Add(Exercises);
        }

        return targets;
    }
}
