using BackCareSite.Diagnostics;

namespace BackCareSite.Content;

/// <summary>
/// Reads the governance fields a health page's front matter and a red-flag sign
/// share: <c>sources</c> (each a <c>title</c> with a <c>url</c> or a
/// <c>publisher</c>, optional <c>published</c>/<c>accessed</c> dates).
/// </summary>
internal static class GovernanceFields
{
    public static IReadOnlyList<Citation> ReadSources(YamlFields f)
    {
        var sources = new List<Citation>();
        foreach (var item in f.MapList("sources"))
        {
            var title = item.String("title", required: true);
            var url = item.String("url");
            var publisher = item.String("publisher");
            var published = item.Date("published");
            var accessed = item.Date("accessed");
            item.ReportUnknownKeys();
            if (title is null)
            {
                continue;
            }

            if (url is null && publisher is null)
            {
                item.Error(ErrorCodes.SourceIncomplete, item.PositionOf("title"),
                    "a source needs `url:` (a full https:// address) or, for a print source, `publisher:`");
                continue;
            }

            if (url is not null && !(Uri.TryCreate(url, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp) && uri.Host.Length > 0))
            {
                item.Error(ErrorCodes.InvalidUrl, item.ValuePosition("url"), "a source's `url` must be a full https:// address, such as `https://www.nhs.uk/conditions/back-pain/`");
                continue;
            }

            if (published is { } p && accessed is { } a && a < p)
            {
                item.Error(ErrorCodes.InvalidDate, item.ValuePosition("accessed"), "`accessed` is before `published`; check both dates");
                continue;
            }

            sources.Add(new Citation(Shared(title)!, Shared(url), Shared(publisher), published, accessed, item.Position));
        }

        return sources;
    }

    // Many pages cite the same guideline: one copy of its title, address and publisher for the whole site (a large
    // site kept tens of thousands of copies). The same for what many articles repeat: tags, exercise slugs, authors
    // and reviewers (FrontMatterReader). Interned strings live as long as the process, so a long value (a
    // pasted page, an attacker's megabyte) keeps its own copy instead.
    private const int SharedUpTo = 512;

    [return: System.Diagnostics.CodeAnalysis.NotNullIfNotNull(nameof(value))]
    internal static string? Shared(string? value) => value is { Length: <= SharedUpTo } ? string.Intern(value) : value;
}
