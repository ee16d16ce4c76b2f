using BackCareSite.Content;
using BackCareSite.Diagnostics;
using BackCareSite.Pictures;

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
    /// <param name="pictures">Collects where each picture is used, for problems found later while encoding.</param>
    /// <param name="memo">What the last run found per item (<c>serve</c>): an item parsed before is not linked again when every link target is as it was.</param>
    /// <param name="pool">Where the URLs kept for rendering and the link check come from (a build's, shared with its link check), or null.</param>
    /// <param name="keepOrigins">False for a one-off build: no body keeps its links' origins (<see cref="LinkedBody.Origins"/> is empty),
    /// which only a link check with a finding reads, and which that build makes again (<c>SiteBuilder</c>).</param>
    public static IReadOnlyDictionary<ContentItem, LinkedBody> Link(
        SiteContent content, SiteUrls urls, DiagnosticBag diagnostics, PictureUses? pictures = null, LinkMemo? memo = null, Links.StringPool? pool = null,
        bool keepOrigins = true)
    {
        var bySource = content.All.ToDictionary(i => i.Source.RelativePath, StringComparer.Ordinal);
        var media = content.Media.ToDictionary(m => m.RelativePath, StringComparer.Ordinal);
        var uses = pictures ?? new PictureUses();
        var resolver = new LinkResolver(bySource, content.DraftSources, content.InvalidSources, media, content.Pictures, urls, uses, pool);
        var exerciseSlugs = content.Exercises.Select(e => e.Slug).ToHashSet(StringComparer.Ordinal);
        // Each item's table in its place, then one table: a concurrent table written from every item in
        // parallel spent more time waiting for its locks than the kept items took.
        var items = content.All.ToList();
        var tables = new LinkedBody[items.Count];
        memo?.Begin(content, urls);
        // The items whose results are kept are taken in one pass (a look-up each), only the others linked in parallel.
        var toLink = new List<int>();
        for (var i = 0; memo is not null && i < items.Count; i++)
        {
            var item = items[i];
            if (memo.Kept(item) is { } kept)
            {
                tables[i] = kept.Body;
                diagnostics.AddRange(kept.Diagnostics);
                foreach (var (file, line, column) in kept.Pictures)
                {
                    uses.Add(file, item.Source.DisplayPath, line, column);
                }
            }
            else
            {
                toLink.Add(i);
            }
        }

        void LinkItem(int i)
        {
            var item = items[i];
            var bag = memo is null ? diagnostics : new DiagnosticBag(diagnostics.DisplayRoot);
            var used = memo is null ? null : new List<(string, int, int)>();
            LinkedBody table;
            if (item.Sites is { } sites)
            {
                // A tree let go after loading: what the stage reads of it was taken at load, and its table is detached.
                var (origins, order) = resolver.Resolve(item, sites.Links, bag, used);
                table = LinkedBody.Detached(order, EmbedResolver.Resolve(item, sites.Embeds, exerciseSlugs, content.FailedExercises, bag), keepOrigins ? origins : []);
                item.Sites = null;
            }
            else
            {
                // A kept tree, or one let go without its sites taken (parsed again here), whose table is kept detached from it.
                var tree = item.OpenBody();
                var (origins, links) = resolver.Resolve(item, bag, used, tree);
                var body = new LinkedBody(links, EmbedResolver.Resolve(item, exerciseSlugs, content.FailedExercises, bag, tree), keepOrigins ? origins : []);
                table = item.BodyReleased ? body.Detach(tree) : body;
            }

            tables[i] = table;
            if (memo is not null)
            {
                var found = bag.Sorted();
                diagnostics.AddRange(found);
                memo.Keep(item, new LinkMemo.Entry(table, found, used!));
            }
        }

        if (memo is null)
        {
            // One thread a core, as loading and rendering.
            Parallel.For(0, items.Count, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, LinkItem);
        }
        else
        {
            Parallel.ForEach(toLink, LinkItem);
        }

        memo?.End(content.All);
        var linked = new Dictionary<ContentItem, LinkedBody>(items.Count, ReferenceEqualityComparer.Instance);
        for (var i = 0; i < items.Count; i++)
        {
            linked[items[i]] = tables[i];
        }

        // Files that failed their own checks are not published, but their bodies are checked
        // all the same (every time: there are few), so that one run reports every problem.
        Parallel.ForEach(content.Failed.Select(f => f.BodyOnly()).OfType<ContentItem>(), standIn =>
        {
            resolver.Resolve(standIn, diagnostics);
            EmbedResolver.Resolve(standIn, exerciseSlugs, content.FailedExercises, diagnostics);
        });

        // Pictures: a problem found in a file's header is reported where the file is used
        // (an unused one at the file itself).
        foreach (var item in content.All)
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
            if (content.Settings.Pictures.Check(file) is { } problem)
            {
                uses.Report(file, problem, diagnostics, memo?.PictureProblems);
            }
        }

        memo?.PictureProblems.EndRun();

        foreach (var variant in content.Pictures.Values.SelectMany(p => p.Variants).Where(v => media.ContainsKey(v.Path)))
        {
            diagnostics.Error(ErrorCodes.PictureNameTaken, diagnostics.Display(media[variant.Path].FullPath), 1, 1,
                $"`{variant.Path}` is the name of a resized copy the build makes of another picture; rename or remove this file");
        }

        return linked;
    }
}
