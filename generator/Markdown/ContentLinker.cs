using System.Collections.Concurrent;
using BackCareSite.Content;
using BackCareSite.Diagnostics;

namespace BackCareSite.Markdown;

/// <summary>
/// The link stage: checks and resolves the links and embeds of every parsed
/// body, into a table beside each tree (<see cref="LinkedBody"/>); the trees are
/// never changed, so a kept tree is linked again as it was parsed. It runs even
/// when other files failed validation, so that one run reports every error; a
/// link to a file that exists but failed its own checks is not reported again.
/// </summary>
internal static class ContentLinker
{
    public static IReadOnlyDictionary<ContentItem, LinkedBody> Link(SiteContent content, SiteUrls urls, DiagnosticBag diagnostics)
    {
        var bySource = content.All.ToDictionary(i => i.Source.RelativePath, StringComparer.Ordinal);
        var media = content.Media.ToDictionary(m => m.RelativePath, m => m.Size, StringComparer.Ordinal);
        var resolver = new LinkResolver(bySource, content.DraftSources, content.InvalidSources, media, urls);
        var exerciseSlugs = content.Exercises.Select(e => e.Slug).ToHashSet(StringComparer.Ordinal);
        var linked = new ConcurrentDictionary<ContentItem, LinkedBody>(ReferenceEqualityComparer.Instance);
        Parallel.ForEach(content.All, item =>
        {
            var (origins, links) = resolver.Resolve(item, diagnostics);
            linked[item] = new LinkedBody(links, EmbedResolver.Resolve(item, exerciseSlugs, content.FailedExercises, diagnostics), origins);
        });

        // Files that failed their own checks are not published, but their bodies are checked
        // all the same (every time: there are few), so that one run reports every problem.
        Parallel.ForEach(content.Failed.Select(f => f.BodyOnly()).OfType<ContentItem>(), standIn =>
        {
            resolver.Resolve(standIn, diagnostics);
            EmbedResolver.Resolve(standIn, exerciseSlugs, content.FailedExercises, diagnostics);
        });

        return linked;
    }
}
