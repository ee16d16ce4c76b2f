using System.Collections.Concurrent;
using BackCareSite.Content;
using BackCareSite.Diagnostics;

namespace BackCareSite.Markdown;

/// <summary>
/// The link stage: checks and rewrites the links and embeds of every parsed
/// body. It runs even when other files failed validation, so that one run
/// reports every error; a link to a file that exists but failed its own checks
/// is not reported again.
/// </summary>
internal static class ContentLinker
{
    /// <param name="only">The items to link (by <c>serve</c>, the ones parsed again); by default every item. The bodies of failed files are always checked.</param>
    public static IReadOnlyDictionary<ContentItem, IReadOnlyList<LinkOrigin>> Link(
        SiteContent content, SiteUrls urls, DiagnosticBag diagnostics, IEnumerable<ContentItem>? only = null)
    {
        var bySource = content.All.ToDictionary(i => i.Source.RelativePath, StringComparer.Ordinal);
        var media = content.Media.ToDictionary(m => m.RelativePath, m => m.Size, StringComparer.Ordinal);
        var resolver = new LinkResolver(bySource, content.DraftSources, content.InvalidSources, media, urls);
        var exerciseSlugs = content.Exercises.Select(e => e.Slug).ToHashSet(StringComparer.Ordinal);
        var origins = new ConcurrentDictionary<ContentItem, IReadOnlyList<LinkOrigin>>();
        Parallel.ForEach(only ?? content.All, item =>
        {
            origins[item] = resolver.Resolve(item, diagnostics);
            EmbedResolver.Resolve(item, exerciseSlugs, content.FailedExercises, diagnostics);
        });

        // Files that failed their own checks are not published, but their bodies are checked
        // all the same (every time: there are few), so that one run reports every problem.
        Parallel.ForEach(content.Failed.Select(f => f.BodyOnly()).OfType<ContentItem>(), standIn =>
        {
            resolver.Resolve(standIn, diagnostics);
            EmbedResolver.Resolve(standIn, exerciseSlugs, content.FailedExercises, diagnostics);
        });

        return origins;
    }
}
