using System.Collections.Concurrent;
using BackCareSite.Content;
using BackCareSite.Diagnostics;
using BackCareSite.Pictures;

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
    /// <param name="pictures">Collects where each picture is used, for problems found later while encoding.</param>
    public static IReadOnlyDictionary<ContentItem, IReadOnlyList<LinkOrigin>> Link(
        SiteContent content, SiteUrls urls, DiagnosticBag diagnostics, IEnumerable<ContentItem>? only = null, PictureUses? pictures = null)
    {
        var bySource = content.All.ToDictionary(i => i.Source.RelativePath, StringComparer.Ordinal);
        var media = content.Media.ToDictionary(m => m.RelativePath, StringComparer.Ordinal);
        var uses = pictures ?? new PictureUses();
        var resolver = new LinkResolver(bySource, content.DraftSources, content.InvalidSources, media, content.Pictures, urls, uses);
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

        // Pictures: a problem found in a file's header is reported where the file is used
        // (an unused one at the file itself, when the whole site is linked).
        foreach (var item in only ?? content.All)
        {
            if (((item as Article)?.Image ?? (item as Exercise)?.Image) is { } image)
            {
                uses.Add(image.Path, item.Source.DisplayPath, image.At.Line, image.At.Column);
                if (!RasterHeader.IsWebImage(image.Path))
                {
                    diagnostics.Error(ErrorCodes.PictureUnsupported, item.Source.DisplayPath, image.At.Line, image.At.Column,
                        $"`{image.Path}` is not a picture format browsers show; save it as JPEG, PNG, WebP or SVG");
                }
            }
        }

        foreach (var file in content.Media)
        {
            if (content.Settings.Pictures.Check(file) is { } problem && (only is null || uses.IsUsed(file.RelativePath)))
            {
                uses.Report(file, problem, diagnostics);
            }
        }

        if (only is null)
        {
            var paths = media.Keys.ToHashSet(StringComparer.Ordinal);
            foreach (var variant in content.Pictures.Values.SelectMany(p => p.Variants).Where(v => paths.Contains(v.Path)))
            {
                diagnostics.Error(ErrorCodes.PictureNameTaken, PathDisplay.ForDiagnostics(media[variant.Path].FullPath), 1, 1,
                    $"`{variant.Path}` is the name of a resized copy the build makes of another picture; rename or remove this file");
            }
        }

        return origins;
    }
}
