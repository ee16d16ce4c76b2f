using BackCareSite.Diagnostics;

namespace BackCareSite.Content;

/// <summary>
/// Reads <c>reviewers.yml</c>: the clinicians who may sign off health pages,
/// each with an <c>id</c> (what <c>review.reviewed_by</c> names), <c>name</c>,
/// <c>profession</c>, <c>registration</c> and an optional <c>bio</c> link.
/// </summary>
internal static class ReviewerReader
{
    public static IReadOnlyDictionary<string, Reviewer>? Read(YamlFields f)
    {
        var reviewers = new Dictionary<string, Reviewer>(StringComparer.Ordinal);
        foreach (var item in f.MapList("reviewers", required: true))
        {
            var id = item.String("id", required: true);
            var name = item.String("name", required: true);
            var profession = item.String("profession", required: true);
            var registration = item.String("registration", required: true);
            var bio = item.String("bio");
            item.ReportUnknownKeys();
            if (id is null || name is null || profession is null || registration is null)
            {
                continue;
            }

            if (!YamlFields.SlugPattern().IsMatch(id))
            {
                item.Error(ErrorCodes.InvalidSlug, item.ValuePosition("id"),
                    $"reviewer id `{id}` must use lower-case letters, digits and hyphens, like `{FrontMatterReader.SlugFrom(id)}`");
                continue;
            }

            if (bio is not null && !(bio.StartsWith('/') && !bio.StartsWith("//", StringComparison.Ordinal)) && !SiteSettingsReader.IsHttpUrl(bio))
            {
                item.Error(ErrorCodes.InvalidUrl, item.ValuePosition("bio"), "`bio` must be a path on this site such as `/about/`, or a full https:// address");
                continue;
            }

            if (!reviewers.TryAdd(id, new Reviewer(id, name, profession, registration, bio, item.Position)))
            {
                item.Error(ErrorCodes.DuplicateReviewer, item.ValuePosition("id"), $"reviewer id `{id}` is used twice; each reviewer needs their own id");
            }
        }

        f.ReportUnknownKeys();
        return reviewers;
    }
}
