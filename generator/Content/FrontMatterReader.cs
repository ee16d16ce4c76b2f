using BackCareSite.Diagnostics;
using Markdig.Syntax;

namespace BackCareSite.Content;

/// <summary>
/// Turns the loose YAML of a Markdown file's front matter into a typed
/// <see cref="Article"/>, <see cref="Exercise"/> or <see cref="StaticPage"/>,
/// reporting every rule it breaks at the offending key.
/// </summary>
internal static class FrontMatterReader
{
    public static ContentItem? Read(ContentKind kind, YamlFields fields, MarkdownDocument body)
    {
        var slug = ReadSlug(fields);
        var title = fields.String("title", required: true);
        var description = fields.String("description", required: true);
        var draft = fields.Bool("draft") ?? false;
        var aliases = ReadAliases(fields);
        var health = kind == ContentKind.Page ? true : fields.Bool("health") ?? true;
        IReadOnlyList<Citation> sources = kind == ContentKind.Page ? [] : GovernanceFields.ReadSources(fields);

        ContentItem? item = kind switch
        {
            ContentKind.Article => ReadArticle(fields, slug, title, description, body),
            ContentKind.Exercise => ReadExercise(fields, slug, title, description, body),
            _ => ReadPage(fields, slug, title, description, body),
        };
        fields.ReportUnknownKeys();

        // The bag is this file's own, so any error in it is this file's.
        if (item is null || fields.Diagnostics.HasErrors)
        {
            return null;
        }

        return item with { Draft = draft, Aliases = aliases, Health = health, Sources = sources, FrontMatterAt = fields.Position,
            SlugAt = fields.Has("slug") ? fields.ValuePosition("slug") : Spot.Start };
    }

    private static Article? ReadArticle(YamlFields f, string? slug, string? title, string? description, MarkdownDocument body)
    {
        var date = f.Date("date", required: true);
        var updated = f.Date("updated");
        var author = f.String("author");
        var tags = f.StringList("tags", listItem: SlugFrom);
        foreach (var tag in tags)
        {
            if (!YamlFields.SlugPattern().IsMatch(tag.Value))
            {
                f.Error(ErrorCodes.InvalidSlug, tag.At,
                    $"tag {Shown.Value(tag.Value)} must use lower-case letters, digits and hyphens, like `{SlugFrom(tag.Value)}`");
            }
        }

        var exercises = f.StringList("exercises", listItem: SlugFrom);
        var review = ReadReview(f);
        var image = ReadImage(f);
        if (updated is { } u && date is { } d && u < d)
        {
            f.Error(ErrorCodes.InvalidDate, f.PositionOf("updated"),
                $"`updated` is {u:yyyy-MM-dd}, before `date` ({d:yyyy-MM-dd}); an article cannot be updated before it was published");
        }

        if (slug is null || title is null || description is null || date is null)
        {
            return null;
        }

        return new Article
        {
            Source = f.File, Slug = slug, Title = title, Description = description, Body = body,
            Date = date.Value, Updated = updated, Author = GovernanceFields.Shared(author),
            Tags = tags.Select(t => GovernanceFields.Shared(t.Value)).Distinct(StringComparer.Ordinal).ToList(),
            Exercises = [.. exercises.Select(e => e with { Value = GovernanceFields.Shared(e.Value) })], Review = review, Image = image,
        };
    }

    private static Exercise? ReadExercise(YamlFields f, string? slug, string? title, string? description, MarkdownDocument body)
    {
        var position = f.String("position", required: true);
        var steps = f.StringList("steps", required: true, nonEmpty: true);
        var difficulty = ReadDifficulty(f);
        var reps = ReadReps(f);
        var sets = f.Int("sets", min: 1);
        var hold = f.Int("hold_seconds", min: 0);
        var eachSide = f.Bool("each_side") ?? false;
        var frequency = f.String("frequency");
        var equipment = f.StringList("equipment", listItem: i => i);
        var targets = f.StringList("targets", listItem: i => i);
        var pregnancy = f.Bool("suitable_in_pregnancy");
        var tips = f.StringList("tips");
        var cautions = f.StringList("cautions");
        var videos = ReadVideos(f);
        var image = ReadImage(f);
        var review = ReadReview(f);

        if (slug is null || title is null || description is null || position is null || steps.Count == 0 || difficulty is null)
        {
            return null;
        }

        return new Exercise
        {
            Source = f.File, Slug = slug, Title = title, Description = description, Body = body,
            Position = GovernanceFields.Shared(position), Steps = Values(steps), Difficulty = difficulty.Value, Reps = reps, Sets = sets,
            HoldSeconds = hold is 0 ? null : hold, EachSide = eachSide, Frequency = GovernanceFields.Shared(frequency),
            Equipment = Values(equipment), Targets = Values(targets), SuitableInPregnancy = pregnancy,
            Tips = Values(tips), Cautions = Values(cautions), Videos = videos, Image = image, Review = review,
            ReadableFields = [new Located<string>(position, f.ValuePosition("position")), .. steps],
        };
    }

    // An exercise's texts as one copy for the site: clinics repeat their standard steps, tips and cautions across exercises
    // (GovernanceFields.Shared; a long text keeps its own copy). The places go: only the checks while loading read them.
    private static IReadOnlyList<string> Values(IReadOnlyList<Located<string>> items)
    {
        if (items.Count == 0)
        {
            return [];
        }

        var values = new string[items.Count];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = GovernanceFields.Shared(items[i].Value);
        }

        return values;
    }

    private static string? ReadSlug(YamlFields f)
    {
        var explicitSlug = f.String("slug");
        if (explicitSlug is not null)
        {
            if (YamlFields.SlugPattern().IsMatch(explicitSlug))
            {
                return explicitSlug;
            }

            f.Error(ErrorCodes.InvalidSlug, f.ValuePosition("slug"),
                $"slug {Shown.Value(explicitSlug)} must use only lower-case letters, digits and single hyphens, like `{SlugFrom(explicitSlug)}`");
            return null;
        }

        var fromName = System.IO.Path.GetFileNameWithoutExtension(f.File.RelativePath);
        if (YamlFields.SlugPattern().IsMatch(fromName))
        {
            return fromName;
        }

        f.Error(ErrorCodes.InvalidSlug, Spot.Start,
            $"the file name {Shown.Value(fromName)} is not a valid slug: rename the file to `{SlugFrom(fromName)}.md` or add `slug: {SlugFrom(fromName)}`");
        return null;
    }

    /// <summary>A suggested slug for a piece of text.</summary>
    public static string SlugFrom(string text)
    {
        var chars = new System.Text.StringBuilder();
        foreach (var c in text.ToLowerInvariant().Normalize(System.Text.NormalizationForm.FormD))
        {
            if (c is >= 'a' and <= 'z' or >= '0' and <= '9')
            {
                chars.Append(c);
            }
            else if (System.Globalization.CharUnicodeInfo.GetUnicodeCategory(c) != System.Globalization.UnicodeCategory.NonSpacingMark
                     && chars.Length > 0 && chars[^1] != '-')
            {
                chars.Append('-');
            }
        }

        var slug = chars.ToString().Trim('-');
        return slug.Length == 0 ? "untitled" : slug;
    }

    private static StaticPage? ReadPage(YamlFields f, string? slug, string? title, string? description, MarkdownDocument body)
    {
        var layout = f.String("layout") ?? PageLayouts.Page;
        if (!PageLayouts.All.Contains(layout, StringComparer.Ordinal))
        {
            var suggestion = Suggest.Closest(layout, PageLayouts.All);
            f.Error(ErrorCodes.InvalidEnum, f.ValuePosition("layout"),
                $"`layout` is {Shown.Value(layout)}: it must be one of {string.Join(", ", PageLayouts.All.Select(l => $"`{l}`"))}{(suggestion is null ? "" : $"; did you mean `{suggestion}`?")}");
            return null;
        }

        return slug is null || title is null || description is null ? null
            : new StaticPage { Source = f.File, Slug = slug, Title = title, Description = description, Body = body, Layout = layout };
    }

    private static Difficulty? ReadDifficulty(YamlFields f)
    {
        var text = f.String("difficulty", required: true);
        if (text is null)
        {
            return null;
        }

        switch (text)
        {
            case "gentle":
                return Difficulty.Gentle;
            case "moderate":
                return Difficulty.Moderate;
            case "challenging":
                return Difficulty.Challenging;
        }

        var options = ContentSchema.Exercise.Field("difficulty")!.Options;
        var suggestion = Suggest.Closest(text, options);
        f.Error(ErrorCodes.InvalidEnum, f.ValuePosition("difficulty"),
            $"`difficulty` is {Shown.Value(text)}: it must be one of {string.Join(", ", options.Select(o => $"`{o}`"))}{(suggestion is null ? "" : $"; did you mean `{suggestion}`?")}");
        return null;
    }

    private static Reps? ReadReps(YamlFields f)
    {
        var text = f.String("reps");
        if (text is null)
        {
            return null;
        }

        var parts = text.Split('-', StringSplitOptions.TrimEntries);
        if (parts.Length is 1 or 2
            && int.TryParse(parts[0], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var min)
            && min >= 1)
        {
            var max = min;
            if (parts.Length == 1
                || (int.TryParse(parts[1], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out max) && max >= min))
            {
                return new Reps(min, max);
            }
        }

        f.Error(ErrorCodes.InvalidValue, f.ValuePosition("reps"),
            $"`reps` is {Shown.Value(text)}: write a whole number such as `8` or a range such as `\"5-10\"` (smaller number first)");
        return null;
    }

    private static Review? ReadReview(YamlFields f)
    {
        var map = f.Map("review");
        if (map is null)
        {
            return null;
        }

        var on = map.Date("reviewed_on", required: true);
        var by = map.String("reviewed_by", required: true);
        var next = map.Date("next_review", required: true);
        map.ReportUnknownKeys();
        if (on is { } o && next is { } n && n <= o)
        {
            map.Error(ErrorCodes.InvalidDate, map.PositionOf("next_review"),
                $"`review.next_review` is {n:yyyy-MM-dd}, which is not after `review.reviewed_on` ({o:yyyy-MM-dd}): the next review comes after the last one");
        }

        return on is null || by is null || next is null ? null
            : new Review(on.Value, GovernanceFields.Shared(by), next.Value, map.PositionOf("next_review")) { ReviewedByAt = map.ValuePosition("reviewed_by"), Start = f.PositionOf("review") };
    }

    private static ImageRef? ReadImage(YamlFields f)
    {
        var path = f.String("image");
        var alt = f.String("image_alt");
        if (path is null)
        {
            if (alt is not null)
            {
                f.Error(ErrorCodes.ImageWithoutAlt, f.PositionOf("image_alt"), "`image_alt` is set but there is no `image`; add `image: media/...` or remove `image_alt`");
            }

            return null;
        }

        if (alt is null)
        {
            f.Error(ErrorCodes.ImageWithoutAlt, f.PositionOf("image"),
                "`image` needs `image_alt`: a short description of the picture for readers who cannot see it");
            return null;
        }

        // A picture is shown on many pages with the same description: one copy of each for the site.
        return new ImageRef(GovernanceFields.Shared(path.TrimStart('/')), GovernanceFields.Shared(alt), f.ValuePosition("image"));
    }

    private static IReadOnlyList<Video> ReadVideos(YamlFields f)
    {
        var videos = new List<Video>();
        foreach (var item in f.MapList("videos"))
        {
            var title = item.String("title", required: true);
            var url = item.String("url", required: true);
            item.ReportUnknownKeys();
            if (title is null || url is null)
            {
                continue;
            }

            if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme != Uri.UriSchemeHttps)
            {
                item.Error(ErrorCodes.InvalidUrl, item.ValuePosition("url"), $"`url` is {Shown.Value(url)}: write the full https:// address of the video");
                continue;
            }

            videos.Add(new Video(title, url, item.Position));
        }

        return videos;
    }

    private static IReadOnlyList<Located<string>> ReadAliases(YamlFields f)
    {
        var aliases = f.StringList("aliases");
        var valid = new List<Located<string>>();
        foreach (var alias in aliases)
        {
            var value = alias.Value;
            if (!value.StartsWith('/') || value.Contains("..", StringComparison.Ordinal) || value.Contains('#') || value.Contains('?')
                || value.Any(c => char.IsWhiteSpace(c) || char.IsControl(c)))
            {
                f.Error(ErrorCodes.InvalidValue, alias.At,
                    $"alias {Shown.Value(value)} must be a path on this site starting with `/`, such as `/old-blog/my-post/`");
                continue;
            }

            valid.Add(alias);
        }

        // Most items have no alias: one empty list for all of them rather than one each (the items are kept to the end).
        return valid.Count == 0 ? Array.Empty<Located<string>>() : valid;
    }
}
