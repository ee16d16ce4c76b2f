using System.Text.RegularExpressions;
using BackCareSite.Diagnostics;

namespace BackCareSite.Content;

/// <summary>
/// Reads and validates <c>red-flags.yml</c>: every level must be one of the
/// four fixed ids and appear once; every sign needs an id, a question and a
/// known level. The checker must never under-triage, so nothing is guessed.
/// </summary>
internal static partial class RedFlagReader
{
    public static RedFlagData? Read(YamlFields f)
    {
        var levels = new List<RedFlagLevel>();
        var seenLevels = new HashSet<string>(StringComparer.Ordinal);
        foreach (var item in f.MapList("levels", required: true))
        {
            var id = item.String("id", required: true);
            var title = item.String("title", required: true);
            var advice = item.String("advice", required: true);
            var actionLabel = item.String("action_label");
            var actionUrl = item.String("action_url");
            item.ReportUnknownKeys();
            if (id is not null && IndexOf(id) >= 0 && !seenLevels.Add(id))
            {
                item.Error(ErrorCodes.DuplicateFlag, item.ValuePosition("id"), $"level {Shown.Value(id)} is defined twice; keep one");
                continue;
            }

            if (id is null || title is null || advice is null)
            {
                continue;
            }

            var rank = IndexOf(id);
            if (rank < 0)
            {
                var suggestion = Suggest.Closest(id, RedFlagData.LevelIds);
                item.Error(ErrorCodes.UnknownLevel, item.ValuePosition("id"),
                    $"unknown level `{id}`: levels are {string.Join(", ", RedFlagData.LevelIds.Select(l => $"`{l}`"))}{(suggestion is null ? "" : $"; did you mean `{suggestion}`?")}");
                continue;
            }

            if ((actionLabel is null) != (actionUrl is null))
            {
                item.Error(ErrorCodes.RequiredField, item.Position, "`action_label` and `action_url` go together: set both or neither");
            }
            else if (actionUrl is not null && !IsActionUrl(actionUrl))
            {
                item.Error(ErrorCodes.InvalidUrl, item.ValuePosition("action_url"), $"`action_url` is {Shown.Value(actionUrl)}: write a phone link such as `tel:999`, a full https:// address or a path on this site");
            }

            // Without its own action, a level gets the standard one, so the checker always
            // says what to do: 999, NHS 111, or (for `soon`) the clinic's booking link,
            // which the renderer fills in from site.yml.
            (actionLabel, actionUrl) = (actionLabel, actionUrl, id) switch
            {
                (null, null, "emergency") => ("Call 999", "tel:999"),
                (null, null, "urgent") => ("Call NHS 111", "tel:111"),
                (null, null, "soon") => ("Book an appointment", null),
                _ => (actionLabel, actionUrl),
            };
            levels.Add(new RedFlagLevel(id, title, advice, rank, actionLabel, actionUrl));
        }

        if (f.Has("levels"))
        {
            foreach (var missing in RedFlagData.LevelIds.Where(id => !seenLevels.Contains(id)))
            {
                f.Error(ErrorCodes.MissingLevel, f.PositionOf("levels"), $"level `{missing}` is missing: the checker needs all four levels");
            }
        }

        var flags = new List<RedFlag>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var item in f.MapList("flags", required: true))
        {
            var id = item.String("id", required: true);
            var question = item.String("question", required: true);
            var level = item.String("level", required: true);
            var sources = GovernanceFields.ReadSources(item);
            item.ReportUnknownKeys();
            if (id is null || question is null || level is null)
            {
                continue;
            }

            if (!YamlFields.SlugPattern().IsMatch(id))
            {
                item.Error(ErrorCodes.InvalidSlug, item.ValuePosition("id"), $"sign id {Shown.Value(id)} must use lower-case letters, digits and hyphens");
                continue;
            }

            if (!seen.Add(id))
            {
                item.Error(ErrorCodes.DuplicateFlag, item.ValuePosition("id"), $"sign id {Shown.Value(id)} is used twice; each sign needs its own id");
                continue;
            }

            if (IndexOf(level) is < 0 or 3)
            {
                var suggestion = Suggest.Closest(level, RedFlagData.LevelIds.Take(3));
                item.Error(ErrorCodes.UnknownLevel, item.ValuePosition("level"),
                    $"sign level `{level}` is not one of `emergency`, `urgent`, `soon`{(suggestion is null ? "" : $"; did you mean `{suggestion}`?")}");
                continue;
            }

            if (sources.Count == 0)
            {
                item.Error(ErrorCodes.RedFlagUnsourced, item.PositionOf("id"),
                    $"sign `{id}` needs `sources:`: the guidance its level rests on (a `title` and `url` each), like a health page");
            }

            flags.Add(new RedFlag(id, question, level, item.Position) { Sources = sources });
        }

        // The checker signposts; it must say so, or it could be taken for (and count as) a medical device.
        var purpose = f.String("intended_purpose");
        if (purpose is null)
        {
            f.Error(ErrorCodes.IntendedPurposeMissing, f.Position,
                "add `intended_purpose:`: a sentence, shown on the checker page, saying it signposts readers to the right help and does not diagnose");
        }

        f.ReportUnknownKeys();
        return levels.Count == 0 ? null : new RedFlagData(levels.OrderBy(l => l.Rank).ToList(), flags) { IntendedPurpose = purpose ?? "" };
    }

    private static bool IsActionUrl(string url) =>
        TelPattern().IsMatch(url)
        || (url.StartsWith('/') && !url.StartsWith("//", StringComparison.Ordinal))
        || (Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Scheme == Uri.UriSchemeHttps && uri.Host.Length > 0);

    [GeneratedRegex("^tel:\\+?[0-9]{3,15}$", RegexOptions.CultureInvariant)]
    private static partial Regex TelPattern();

    private static int IndexOf(string id)
    {
        for (var i = 0; i < RedFlagData.LevelIds.Count; i++)
        {
            if (RedFlagData.LevelIds[i] == id)
            {
                return i;
            }
        }

        return -1;
    }
}
