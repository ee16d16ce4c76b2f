using BackCareSite.Content;
using BackCareSite.Diagnostics;
using Markdig.Syntax;

namespace BackCareSite.Markdown;

/// <summary>The embeds editors can write, once checked.</summary>
internal abstract record Embed
{
    public sealed record ExerciseCard(string Slug) : Embed;

    public sealed record RedFlagChecker : Embed;

    public sealed record Video(string Url, string Title) : Embed;
}

/// <summary>
/// Checks every <c>{% ... %}</c> embed of a body and records what it embeds in a
/// table beside the tree (<see cref="LinkedBody"/>), so rendering only looks it up. Unknown names, unknown exercises and bad
/// video addresses are errors at the embed's line.
/// </summary>
internal static class EmbedResolver
{
    public const string Names = "`exercise`, `red-flag-checker`, `video`";

    public static IReadOnlyDictionary<EmbedBlock, Embed> Resolve(
        ContentItem item, IReadOnlySet<string> exerciseSlugs, IReadOnlyDictionary<string, FailedFile> failedExercises, DiagnosticBag diagnostics,
        MarkdownDocument? tree = null)
    {
        var blocks = (tree ?? item.Body).Descendants<EmbedBlock>().ToList();
        var order = Resolve(item, blocks.ConvertAll(EmbedSite.Of), exerciseSlugs, failedExercises, diagnostics);
        return LinkedBody.Keyed(blocks, order);
    }

    /// <summary>Checks the embeds of a body as the load stage took them from its tree: what each embeds, in their order (null for one in error).</summary>
    public static Embed?[] Resolve(
        ContentItem item, IReadOnlyList<EmbedSite> sites, IReadOnlySet<string> exerciseSlugs, IReadOnlyDictionary<string, FailedFile> failedExercises,
        DiagnosticBag diagnostics)
    {
        var embeds = new Embed?[sites.Count];
        var path = item.Source.DisplayPath;
        for (var i = 0; i < sites.Count; i++)
        {
            var block = sites[i];
            var (line, column) = (block.Line, block.Column);
            if (block.SyntaxError is { } syntax)
            {
                diagnostics.Error(ErrorCodes.InvalidEmbed, path, line, column, $"this embed cannot be read: {syntax}");
                continue;
            }

            embeds[i] = block.Name switch
            {
                "exercise" => Exercise(block, exerciseSlugs, failedExercises, path, line, column, diagnostics),
                "red-flag-checker" when block.Arguments.Count == 0 => new Embed.RedFlagChecker(),
                "red-flag-checker" => Invalid(path, line, column, diagnostics, "`{% red-flag-checker %}` takes no arguments"),
                "video" => Video(block, path, line, column, diagnostics),
                _ => Unknown(block.Name, path, line, column, diagnostics),
            };
        }

        return embeds;
    }

    private static Embed? Exercise(
        EmbedSite block, IReadOnlySet<string> slugs, IReadOnlyDictionary<string, FailedFile> failed, string path, int line, int column, DiagnosticBag diagnostics)
    {
        if (block.Arguments.Count != 1)
        {
            return Invalid(path, line, column, diagnostics, "write the exercise's slug: `{% exercise knee-rolls %}`");
        }

        var slug = block.Arguments[0];
        if (ExerciseReference.Problem(slug, slugs, failed) is not { } problem)
        {
            return new Embed.ExerciseCard(slug);
        }

        diagnostics.Error(problem.Code, path, line, column, problem.Message);
        return null;
    }

    private static Embed? Video(EmbedSite block, string path, int line, int column, DiagnosticBag diagnostics)
    {
        if (block.Arguments.Count != 2)
        {
            return Invalid(path, line, column, diagnostics, "write the address and a title: `{% video https://www.youtube.com/watch?v=... \"Knee rolls\" %}`");
        }

        var url = block.Arguments[0];
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme != Uri.UriSchemeHttps)
        {
            return Invalid(path, line, column, diagnostics, $"{Shown.Value(url)} is not a full https:// address");
        }

        if (block.Arguments[1].Trim().Length == 0)
        {
            return Invalid(path, line, column, diagnostics, "the video needs a title, for readers who cannot see it");
        }

        return new Embed.Video(url, block.Arguments[1].Trim());
    }

    private static Embed? Invalid(string path, int line, int column, DiagnosticBag diagnostics, string message)
    {
        diagnostics.Error(ErrorCodes.InvalidEmbed, path, line, column, message);
        return null;
    }

    private static Embed? Unknown(string name, string path, int line, int column, DiagnosticBag diagnostics)
    {
        var suggestion = Suggest.Closest(name, ["exercise", "red-flag-checker", "video"]);
        diagnostics.Error(ErrorCodes.UnknownEmbed, path, line, column,
            $"unknown embed `{name}`: embeds are {Names}{(suggestion is null ? "" : $"; did you mean `{suggestion}`?")}");
        return null;
    }
}
