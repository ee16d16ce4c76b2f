using System.Text;
using BackCareSite.Content;

namespace BackCareSite.Output;

/// <summary>
/// Netlify's <c>_redirects</c> file from the <c>aliases</c> of the content:
/// one <c>old-path new-path 301</c> line per alias, sorted by old path so the
/// same content always gives the same bytes. Netlify serves it from the
/// publish folder; other hosts ignore it.
/// </summary>
internal static class RedirectsFile
{
    public const string FileName = "_redirects";

    public static OutputFile Create(SiteContent content, SiteUrls urls)
    {
        // A loop over the items, not a query: serve makes this file at every rebuild, and few items have aliases.
        var redirects = new List<(string From, string To)>();
        foreach (var item in content.All)
        {
            if (item.Aliases.Count == 0)
            {
                continue;
            }

            var to = urls.Local(item.Path);
            foreach (var alias in item.Aliases)
            {
                redirects.Add((urls.Local(alias.Value), to));
            }
        }

        var lines = redirects.OrderBy(r => r.From, StringComparer.Ordinal).ThenBy(r => r.To, StringComparer.Ordinal);
        var text = new StringBuilder("# Old addresses from the `aliases` of the content; written by the build.\n");
        foreach (var (from, to) in lines)
        {
            text.Append(from).Append(' ').Append(to).Append(" 301\n");
        }

        return new OutputFile(FileName, text.ToString());
    }
}
