using BackCareSite.Diagnostics;
using BackCareSite.Markdown;
using Markdig;
using Markdig.Syntax;

namespace BackCareSite.Content;

/// <summary>
/// Loads the content folder: <c>site.yml</c>, <c>red-flags.yml</c>, the
/// Markdown of <c>articles/</c>, <c>exercises/</c> and <c>pages/</c> (read,
/// split, parsed and validated in parallel), and the list of <c>media/</c>
/// files. Then checks what spans files: duplicate slugs and output paths,
/// references to exercises and media.
/// </summary>
internal sealed class ContentLoader(MarkdownPipeline pipeline)
{
    // One delegate for every item that lets its text go (a delegate made per item would be kept by each).
    private Func<string, MarkdownDocument>? _parseAgain;

    private static readonly (string Folder, ContentKind Kind)[] Sections =
    [
        ("articles", ContentKind.Article),
        ("exercises", ContentKind.Exercise),
        ("pages", ContentKind.Page),
    ];

    /// <summary>Site paths the generator writes itself; a page slug must not take them.</summary>
    internal static readonly IReadOnlySet<string> ReservedSlugs = new HashSet<string>(StringComparer.Ordinal)
    {
        "articles", "exercises", "tags", "red-flags", "media", "assets", "feed.xml", "sitemap.xml", "robots.txt", "404",
    };

    /// <summary>Loads everything; null only when the folder itself is missing. Check the diagnostics for errors.</summary>
    /// <param name="cache">Parsed files kept between loads (by <c>serve</c>): only files not in it are read and parsed.</param>
    /// <param name="releaseTrees">A one-off build: let each Markdown tree go as soon as the file is checked (its
    /// readability measured), so that no more trees are in memory than files are being parsed; the link and render
    /// stages parse the text again (<see cref="ContentItem.OpenBody"/>). With a <paramref name="cache"/> (<c>serve</c>)
    /// the text is kept compressed rather than read again from disk.</param>
    public SiteContent? Load(string contentRoot, bool includeDrafts, DateOnly today, DiagnosticBag diagnostics, ParseCache? cache = null, bool releaseTrees = false)
    {
        if (!Directory.Exists(contentRoot))
        {
            diagnostics.Error(ErrorCodes.MissingDataFile, diagnostics.Display(contentRoot), 1, 1,
                "the content folder does not exist; pass `--content DIR`");
            return null;
        }

        var settings = LoadData(contentRoot, "site.yml", SiteSettingsReader.Read, diagnostics);
        var redFlags = LoadData(contentRoot, "red-flags.yml", RedFlagReader.Read, diagnostics);
        // reviewers.yml is optional: without it, every `reviewed_by` is reported as unknown.
        var reviewers = File.Exists(Path.Combine(contentRoot, "reviewers.yml"))
            ? LoadData(contentRoot, "reviewers.yml", ReviewerReader.Read, diagnostics)
            : null;

        IReadOnlyList<(string Full, string Relative)> List(string folder) =>
            cache is null ? Enumerate(contentRoot, folder, diagnostics) : cache.Listing(contentRoot, folder, bag => Enumerate(contentRoot, folder, bag), diagnostics);
        // (Loops, not queries: in serve they run over every file at every rebuild.)
        var files = new List<(string Full, string Relative, ContentKind Kind)>();
        foreach (var (folder, kind) in Sections)
        {
            foreach (var (full, relative) in List(folder))
            {
                if (relative.EndsWith(".md", StringComparison.Ordinal))
                {
                    files.Add((full, relative, kind));
                }
            }
        }

        var items = new ContentItem?[files.Count];
        var failed = new FailedFile?[files.Count];
        // The files parsed before (serve: all but the changed ones) are taken in one pass, only the others in parallel:
        // taking a kept file is a look-up, less than what handing it to another thread costs.
        var toParse = new List<int>();
        var parsedNow = new bool[files.Count];
        for (var i = 0; cache is not null && i < files.Count; i++)
        {
            if (cache.TryGet(files[i].Relative, out var cached))
            {
                items[i] = cached.Item;
                failed[i] = cached.Failed;
                diagnostics.AddRange(cached.Diagnostics);
            }
            else
            {
                toParse.Add(i);
                parsedNow[i] = true;
            }
        }

        // A one-off build measures readability into a table of its own, let go with the loading.
        var scores = releaseTrees && cache is null ? ReadabilityScores.ForOneBuild() : null;
        // One copy of each link's address for the sites kept until the link stage (let go with them).
        var urls = releaseTrees ? new System.Collections.Concurrent.ConcurrentDictionary<string, string>(StringComparer.Ordinal) : null;
        void Parse(int i)
        {
            var (full, relative, kind) = files[i];
            var bag = new DiagnosticBag(diagnostics.DisplayRoot);
            (items[i], failed[i]) = ParseFile(full, relative, kind, bag);
            if (releaseTrees && items[i] is { } item)
            {
                if (item.IsHealthPage)
                {
                    GovernanceChecker.Score(item, (settings ?? SiteSettingsReader.StandIn).GlossedWords, scores);
                }

                var source = item.Source;
                item.Sites = BodySites.Of(item.Body, urls);
                // Only the placeholder check reads the text besides the parser: look for placeholders now.
                var spots = GovernanceChecker.Placeholders(source.Text).ToList();
                item.PlaceholderSpots = spots.Count == 0 ? [] : spots;
                if (cache is null)
                {
                    // A one-off build lets the text go too; rendering reads the file again (checking that it is the same).
                    item.ReleaseBody(() => ParseAgain(source.Text));
                    item.ForgetText(_parseAgain ??= ParseAgain);
                }
                else
                {
                    // serve keeps the item between rebuilds: the text stays, compressed, for the stages that parse it again.
                    item.ReleaseBodyKeepingText(ParseAgain);
                }
            }

            var found = bag.Sorted();
            cache?.Store(relative, items[i], found, failed[i]);
            diagnostics.AddRange(found);
        }

        if (cache is null)
        {
            // One thread a core, as rendering (SiteRenderer): left to itself the pool ran four threads on two cores here,
            // and each collection (the loading stage makes most of the build's pauses: every item it keeps is promoted
            // twice) stopped twice as many threads, each with a file in flight.
            Parallel.For(0, files.Count, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, Parse);
        }
        else
        {
            Parallel.ForEach(toParse, Parse);
        }

        // Pictures need libvips (their headers here, every page's social card later): without it,
        // one clear error and no picture read, rather than a crash.
        var vips = Pictures.Vips.Check(diagnostics);
        var media = List("media")
            .AsParallel().AsOrdered()
            .Select(f => !vips ? new MediaFile(f.Relative, f.Full, null)
                : cache is null ? MediaFile.Probe(f.Relative, f.Full) : cache.Media(f.Relative, () => MediaFile.Probe(f.Relative, f.Full)))
            .ToList();

        var drafts = new HashSet<string>(StringComparer.Ordinal);
        var draftItems = new List<ContentItem>();
        var published = new List<ContentItem>(items.Length);
        var publishedArticles = new List<Article>(items.Length);
        var publishedExercises = new List<Exercise>();
        var publishedPages = new List<StaticPage>();
        var failedFiles = new List<FailedFile>();
        // The published items of the files parsed in this load (serve: the changed ones; a build: every one).
        var freshItems = new List<ContentItem>();
        for (var i = 0; i < items.Length; i++)
        {
            if (failed[i] is { } failure)
            {
                failedFiles.Add(failure);
            }

            if (items[i] is not { } item)
            {
                continue;
            }

            if (item.Draft && !includeDrafts)
            {
                drafts.Add(item.Source.RelativePath);
                draftItems.Add(item);
                continue;
            }

            published.Add(item);
            if (parsedNow[i])
            {
                freshItems.Add(item);
            }

            switch (item)
            {
                case Article article:
                    publishedArticles.Add(article);
                    break;
                case Exercise exercise:
                    publishedExercises.Add(exercise);
                    break;
                case StaticPage page:
                    publishedPages.Add(page);
                    break;
            }
        }

        CheckDuplicates(published, diagnostics);
        var articles = cache?.SortedArticles(publishedArticles, freshItems.OfType<Article>().ToList()) ?? SortArticles(publishedArticles);
        var exercises = publishedExercises.OrderBy(e => e.Title, StringComparer.Ordinal).ThenBy(e => e.Slug, StringComparer.Ordinal).ToList();
        var pages = publishedPages.OrderBy(p => p.Slug, StringComparer.Ordinal).ToList();
        var mediaPaths = media.Select(m => m.RelativePath).ToHashSet(StringComparer.Ordinal);
        var failedExercises = failedFiles.Where(f => f.Kind == ContentKind.Exercise)
            .GroupBy(f => f.Slug, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        CheckReferences(articles, exercises, failedFiles, failedExercises, settings, diagnostics.Display(Path.Combine(contentRoot, "site.yml")), mediaPaths, diagnostics, cache, freshItems);
        GovernanceChecker.Check(published, settings ?? SiteSettingsReader.StandIn, diagnostics.Display(Path.Combine(contentRoot, "site.yml")),
            reviewers ?? new Dictionary<string, Reviewer>(), today, diagnostics, cache?.Governance, scores);
        MediaPolicy.Check(media, settings, diagnostics.Display(Path.Combine(contentRoot, "site.yml")), diagnostics);
        var invalid = files.Where((f, i) => items[i] is null).Select(f => f.Relative).ToHashSet(StringComparer.Ordinal);
        if (releaseTrees && cache is null)
        {
            // A one-off build keeps every published item to the end: of each, only what pages and later stages read,
            // now that every check that reports where a value was written is done.
            var shared = new SharedParts();
            foreach (var item in published)
            {
                item.KeepForPages(shared);
            }
        }


        // With broken settings or red flags the build fails, but later stages still
        // run on stand-ins so that one run reports every error.
        var siteSettings = settings ?? SiteSettingsReader.StandIn;
        return new SiteContent(siteSettings, redFlags ?? RedFlagData.None, articles, exercises, pages, media, drafts, invalid)
        {
            Reviewers = reviewers ?? new Dictionary<string, Reviewer>(),
            Drafts = draftItems,
            Failed = failedFiles, FailedExercises = failedExercises,
            Pictures = Pictures.PicturePlan.ForMedia(media, siteSettings.Pictures),
        };
    }

    /// <summary>The order every list of articles shows: newest first, then by slug.</summary>
    internal static List<Article> SortArticles(IEnumerable<Article> articles) =>
        articles.OrderByDescending(a => a.Date).ThenBy(a => a.Slug, StringComparer.Ordinal).ToList();

    /// <summary>
    /// Reads, splits and parses one file. The body is parsed and checked even when
    /// the front matter fails (one run reports every problem); a file that failed
    /// comes back as a <see cref="FailedFile"/> so the link stage checks its body too.
    /// </summary>
    private (ContentItem? Item, FailedFile? Failed) ParseFile(string full, string relative, ContentKind kind, DiagnosticBag bag)
    {
        var file = SourceReader.Read(full, relative, bag);
        if (file is null)
        {
            return (null, null);
        }

        var block = FrontMatterSplitter.Split(file, bag, out var bodyReadable);
        var fields = block is null ? null : YamlDocumentParser.ParseMapping(file, block.Yaml, block.FirstLine, bag);
        MarkdownDocument? body = null;
        if (bodyReadable)
        {
            body = MarkdownLimits.Parse(file, pipeline, bag);
            if (body is not null)
            {
                TableAlignment.Apply(body);

                // An item with unsafe HTML still goes on to the link stage, so that its other errors are reported in the same run.
                UnsafeHtmlChecker.Check(body, file.DisplayPath, bag);
            }
        }

        var item = fields is null || body is null ? null : FrontMatterReader.Read(kind, fields, body);
        if (item is not null)
        {
            return (item, null);
        }

        var stem = Path.GetFileNameWithoutExtension(relative);
        var slug = fields?.Peek("slug") is { } written && YamlFields.SlugPattern().IsMatch(written) ? written : stem;
        var first = bag.Sorted().FirstOrDefault(d => d.IsError);
        return (null, new FailedFile(file, kind, slug, first is null ? Spot.Start : new Spot(first.Line, first.Column), body)
        {
            // What the other checks need, as far as it can be read: its other errors do not hide these.
            Exercises = kind == ContentKind.Article && fields is not null ? fields.PeekList("exercises") : [],
            Image = kind != ContentKind.Page && fields?.Peek("image") is { } image ? new Located<string>(image.TrimStart('/'), fields.ValuePosition("image")) : null,
        });
    }

    /// <summary>The tree <see cref="ParseFile"/> made of a file, made again from the same <paramref name="text"/>.</summary>
    internal MarkdownDocument ParseAgain(string text)
    {
        var document = Markdig.Markdown.Parse(text, pipeline);
        TableAlignment.Apply(document);
        return document;
    }

    private static T? LoadData<T>(string root, string name, Func<YamlFields, T?> read, DiagnosticBag diagnostics)
        where T : class
    {
        var full = Path.Combine(root, name);
        if (!File.Exists(full))
        {
            diagnostics.Error(ErrorCodes.MissingDataFile, diagnostics.Display(full), 1, 1,
                $"`{name}` is missing from the content folder; create it (see docs/content-guide.md)");
            return null;
        }

        var file = SourceReader.Read(full, name, diagnostics);
        var fields = file is null ? null : YamlDocumentParser.ParseMapping(file, file.Text, 1, diagnostics);
        return fields is null ? null : read(fields);
    }

    private static IReadOnlyList<(string Full, string Relative)> Enumerate(string root, string folder, DiagnosticBag diagnostics)
    {
        var directory = Path.Combine(root, folder);
        if (FileTree.IsLink(directory))
        {
            FileTree.ReportLink(Path.GetFullPath(directory), diagnostics);
            return [];
        }

        return Directory.Exists(directory) ? FileTree.Files(root, directory, diagnostics) : [];
    }

    /// <summary>False when no page uses a reserved slug, no two pages share an address and no alias is an address or another alias.</summary>
    private static bool MayClash(IReadOnlyList<ContentItem> items)
    {
        var paths = new HashSet<string>(items.Count, StringComparer.Ordinal);
        foreach (var item in items)
        {
            if ((item is StaticPage && ReservedSlugs.Contains(item.Slug)) || !paths.Add(item.Path))
            {
                return true;
            }
        }

        foreach (var item in items)
        {
            foreach (var alias in item.Aliases)
            {
                if (!paths.Add(AliasPath(alias.Value)))
                {
                    return true;
                }
            }
        }

        return false;
    }

    /// <summary>The address an alias takes: a folder's, with its slash, unless it names a file.</summary>
    private static string AliasPath(string alias) => alias.EndsWith('/') || Path.HasExtension(alias) ? alias : alias + "/";

    private static void CheckDuplicates(IReadOnlyList<ContentItem> items, DiagnosticBag diagnostics)
    {
        // Most loads (every save in serve) have no clash: find that without sorting every item twice.
        // With one, the walks below in the files' order say which file came first, as always.
        if (!MayClash(items))
        {
            return;
        }

        var byPath = new Dictionary<string, ContentItem>(StringComparer.Ordinal);
        foreach (var item in items.OrderBy(i => i.Source.RelativePath, StringComparer.Ordinal))
        {
            if (item is StaticPage && ReservedSlugs.Contains(item.Slug))
            {
                diagnostics.Error(ErrorCodes.DuplicateOutputPath, item.Source.DisplayPath, item.SlugAt.Line, item.SlugAt.Column,
                    $"the page slug `{item.Slug}` is used by the site itself ({item.Path}); choose another slug");
                continue;
            }

            if (byPath.TryGetValue(item.Path, out var first))
            {
                // Each clashing file is told about the other, at its `slug:` (or its start, when the slug is its file name).
                foreach (var (here, other) in new[] { (item, first), (first, item) })
                {
                    diagnostics.Error(ErrorCodes.DuplicateSlug, here.Source.DisplayPath, here.SlugAt.Line, here.SlugAt.Column,
                        $"slug `{here.Slug}` is also the slug of {other.Source.DisplayPath}{SlugOrigin(other)}; both would be published at {here.Path}: give one a different `slug:` or file name");
                }

                continue;
            }

            byPath[item.Path] = item;
        }

        // Aliases become redirects: they must not shadow a page or each other.
        var aliasOwners = new Dictionary<string, ContentItem>(StringComparer.Ordinal);
        foreach (var item in items.OrderBy(i => i.Source.RelativePath, StringComparer.Ordinal))
        {
            foreach (var alias in item.Aliases)
            {
                var path = AliasPath(alias.Value);
                if (byPath.ContainsKey(path) || aliasOwners.TryGetValue(path, out _))
                {
                    diagnostics.Error(ErrorCodes.DuplicateOutputPath, item.Source.DisplayPath, alias.At.Line, alias.At.Column,
                        $"alias {Shown.Value(alias.Value)} is already the address of another page or alias; remove it");
                    continue;
                }

                aliasOwners[path] = item;
            }
        }
    }

    private static void CheckReferences(
        IReadOnlyList<Article> articles, IReadOnlyList<Exercise> exercises, IReadOnlyList<FailedFile> failedFiles,
        IReadOnlyDictionary<string, FailedFile> failedExercises, SiteSettings? settings, string settingsPath, IReadOnlySet<string> media, DiagnosticBag diagnostics,
        ParseCache? cache = null, IReadOnlyList<ContentItem>? fresh = null)
    {
        var slugs = exercises.Select(e => e.Slug).ToHashSet(StringComparer.Ordinal);
        // A published item's findings depend only on it, the exercises' slugs, the exercises that failed and the media files.
        // While those are as at the last load and no published item had a finding then, an item not parsed again has none now:
        // only the published items parsed in this load (`fresh`) are checked.
        if (cache is not null && fresh is not null && cache.ReferencesClean(slugs, failedExercises, media))
        {
            articles = fresh.OfType<Article>().ToList();
            exercises = fresh.OfType<Exercise>().ToList();
        }

        var itemFindings = 0;
        void CheckExercise(Located<string> reference, string path)
        {
            if (ExerciseReference.Problem(reference.Value, slugs, failedExercises) is { } problem)
            {
                diagnostics.Error(problem.Code, path, reference.At.Line, reference.At.Column, problem.Message);
                itemFindings++;
            }
        }

        // What each file refers to: published items, and files that failed their own checks (loops, in this order:
        // they run over every item at every rebuild of serve).
        foreach (var article in articles)
        {
            foreach (var reference in article.Exercises)
            {
                CheckExercise(reference, article.Source.DisplayPath);
            }
        }

        var publishedFindings = itemFindings;

        foreach (var file in failedFiles)
        {
            foreach (var reference in file.Exercises)
            {
                CheckExercise(reference, file.Source.DisplayPath);
            }
        }

        if (settings is not null)
        {
            foreach (var reference in settings.FeaturedExercises)
            {
                CheckExercise(reference, settingsPath);
            }
        }

        int CheckImage(string path, Located<string>? image)
        {
            if (image is not null && !media.Contains(image.Value))
            {
                var suggestion = Suggest.Closest(image.Value, media);
                diagnostics.Error(ErrorCodes.MissingMedia, path, image.At.Line, image.At.Column,
                    $"image {Shown.Value(image.Value)} does not exist{(suggestion is null ? "; put it in the media/ folder and write `media/name.ext`" : $"; did you mean `{suggestion}`?")}");
                return 1;
            }

            return 0;
        }

        foreach (var article in articles)
        {
            if (article.Image is { } image)
            {
                publishedFindings += CheckImage(article.Source.DisplayPath, ImageOf(image));
            }
        }

        foreach (var exercise in exercises)
        {
            if (exercise.Image is { } image)
            {
                publishedFindings += CheckImage(exercise.Source.DisplayPath, ImageOf(image));
            }
        }

        foreach (var file in failedFiles)
        {
            CheckImage(file.Source.DisplayPath, file.Image);
        }

        cache?.KeepReferences(slugs, failedExercises, media, clean: publishedFindings == 0);
    }

    private static Located<string>? ImageOf(ImageRef? image) => image is null ? null : new Located<string>(image.Path, image.At);

    private static string SlugOrigin(ContentItem item) =>
        item.SlugAt == Spot.Start ? " (its file name)" : $" (line {item.SlugAt.Line})";
}
