using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using BackCareSite.Content;
using BackCareSite.Markdown;
using BackCareSite.Rendering;
using Markdig.Syntax;
using Scriban.Runtime;

namespace BackCareSite.Serve;

/// <summary>What the preview keeps from its last good render: bodies, cards and the pages' dependencies.</summary>
internal sealed class RenderState
{
    public static RenderState Empty() => new(
        new Dictionary<ContentItem, RawHtml>(ReferenceEqualityComparer.Instance),
        new Dictionary<Exercise, RawHtml>(ReferenceEqualityComparer.Instance),
        new Dictionary<ContentItem, LinkedBody>(ReferenceEqualityComparer.Instance),
        [], new DependencyTracker(), 0, 0);

    public RenderState(
        IReadOnlyDictionary<ContentItem, RawHtml> bodies, IReadOnlyDictionary<Exercise, RawHtml> cards, IReadOnlyDictionary<ContentItem, LinkedBody> links,
        IReadOnlyList<Exercise> exercises, DependencyTracker tracker, ulong cardVersion, ulong embedVersion)
    {
        Exercises = exercises;
        Bodies = bodies;
        Links = links;
        Cards = cards;
        Tracker = tracker;
        CardVersion = cardVersion;
        EmbedVersion = embedVersion;
    }

    public IReadOnlyDictionary<ContentItem, RawHtml> Bodies { get; }

    public IReadOnlyDictionary<Exercise, RawHtml> Cards { get; }

    /// <summary>The exercises the embedded cards were rendered from, in order (each parsed file is a new object).</summary>
    public IReadOnlyList<Exercise> Exercises { get; }

    /// <summary>The link stage's results the bodies were rendered from.</summary>
    public IReadOnlyDictionary<ContentItem, LinkedBody> Links { get; }

    public DependencyTracker Tracker { get; }

    /// <summary>The version of what cards are made from: the card template (and what it includes) and the site.</summary>
    public ulong CardVersion { get; }

    /// <summary>The version of what embeds are made from: every template and the site.</summary>
    public ulong EmbedVersion { get; }
}

/// <summary>
/// The preview's <see cref="IRenderReuse"/>: reuses the body of an item that was not
/// parsed again, whose links resolved the same (and whose embeds' inputs did not change), the card of an unchanged
/// exercise, and renders only the pages <see cref="DependencyTracker"/> finds affected.
/// </summary>
internal sealed class PreviewRender : IRenderReuse
{
    private static readonly ConditionalWeakTable<ContentItem, StrongBox<bool>> HasEmbedsMemo = new();

    private readonly RenderState _previous;
    private readonly TemplateGraph _templates;
    private readonly bool _exercisesChanged;
    private ulong _siteVersion;
    private ulong _cardVersion;
    private ulong _embedVersion;
    private readonly IReadOnlyDictionary<ContentItem, LinkedBody> _links;
    private readonly IReadOnlyList<Exercise> _exercises;
    private readonly ConcurrentDictionary<ContentItem, RawHtml> _bodies = new(ReferenceEqualityComparer.Instance);
    private readonly ConcurrentDictionary<Exercise, RawHtml> _cards = new(ReferenceEqualityComparer.Instance);
    private IReadOnlyDictionary<string, IReadOnlySet<string>> _pages = new Dictionary<string, IReadOnlySet<string>>();
    private IReadOnlyDictionary<string, ulong> _versions = new Dictionary<string, ulong>();

    public PreviewRender(RenderState previous, TemplateGraph templates, IReadOnlyList<Exercise> exercises, IReadOnlyDictionary<ContentItem, LinkedBody> links)
    {
        _links = links;
        _previous = previous;
        _templates = templates;
        _exercises = exercises;

        // An exercise added, removed, moved or parsed again since the last good render: embedded cards may differ.
        _exercisesChanged = !exercises.SequenceEqual(previous.Exercises, ReferenceEqualityComparer.Instance);
    }

    /// <summary>The site's version is that of everything every template sees, as the renderer hands it over.</summary>
    public void Site(ScriptObject siteGlobals)
    {
        _siteVersion = new Fingerprint().Data(siteGlobals, new HashSet<string>());
        _cardVersion = Combine(_siteVersion, _templates.Closure("partials/exercise-card.html").Order(StringComparer.Ordinal).Select(_templates.Version));
        _embedVersion = Combine(_siteVersion, _templates.Closure(TemplateGraph.Everything).Order(StringComparer.Ordinal).Select(_templates.Version));
    }

    /// <summary>The fewest pages worth a parallel slice of fingerprinting (tests lower it).</summary>
    internal static int PagesPerSlice { get; set; } = 512;

    /// <summary>The pages found affected by the last <see cref="Select"/>.</summary>
    public AffectedPages? Affected { get; private set; }

    public RawHtml Card(Exercise exercise, Func<RawHtml> render)
    {
        var html = _previous.CardVersion == _cardVersion && _previous.Cards.TryGetValue(exercise, out var known) ? known : render();
        _cards[exercise] = html;
        return html;
    }

    public RawHtml Body(ContentItem item, Func<RawHtml> render)
    {
        var reusable = _previous.Bodies.TryGetValue(item, out var known)
            && _previous.Links.TryGetValue(item, out var linked) && linked.SameAs(_links[item])
            && (!HasEmbeds(item) || (_previous.EmbedVersion == _embedVersion && !_exercisesChanged));
        var html = reusable ? known! : render();
        _bodies[item] = html;
        return html;
    }

    /// <summary>How long <see cref="Select"/> took (for the stage timings).</summary>
    public TimeSpan SelectTime { get; private set; }

    public IReadOnlyList<bool> Select(IReadOnlyList<PageJob> jobs)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var layout = _templates.Closure(TemplateRenderer.Layout);
        var closures = jobs.Select(j => j.Template).Distinct(StringComparer.Ordinal)
            .ToDictionary(t => t, t => _templates.Closure(t).Concat(layout).ToHashSet(StringComparer.Ordinal), StringComparer.Ordinal);

        // Fingerprinting every page is the whole-site part of a rebuild: in parallel, in contiguous slices.
        var parts = Math.Clamp(jobs.Count / PagesPerSlice, 1, Math.Max(2, Environment.ProcessorCount));
        var slices = new (Dictionary<string, IReadOnlySet<string>> Pages, Dictionary<string, ulong> Versions)[parts];
        Parallel.For(0, parts, part =>
        {
            var fingerprint = new Fingerprint();
            var slicePages = new Dictionary<string, IReadOnlySet<string>>(StringComparer.Ordinal);
            var sliceVersions = new Dictionary<string, ulong>(StringComparer.Ordinal);
            for (var i = part * jobs.Count / parts; i < (part + 1) * jobs.Count / parts; i++)
            {
                var job = jobs[i];
                var path = job.Meta.OutputPath;
                var keys = new HashSet<string>(StringComparer.Ordinal) { "site", "page:" + path };
                foreach (var template in closures[job.Template])
                {
                    keys.Add("template:" + template);
                    sliceVersions["template:" + template] = _templates.Version(template);
                }

                sliceVersions["page:" + path] = fingerprint.Data(job.Globals, keys);
                slicePages[path] = keys;
            }

            foreach (var (key, version) in fingerprint.ItemVersions)
            {
                sliceVersions[key] = version;
            }

            slices[part] = (slicePages, sliceVersions);
        });

        var pages = new Dictionary<string, IReadOnlySet<string>>(StringComparer.Ordinal);
        var versions = new Dictionary<string, ulong>(StringComparer.Ordinal) { ["site"] = _siteVersion };
        foreach (var (slicePages, sliceVersions) in slices)
        {
            foreach (var (path, keys) in slicePages)
            {
                pages[path] = keys;
            }

            foreach (var (key, version) in sliceVersions)
            {
                versions[key] = version;
            }
        }

        _pages = pages;
        _versions = versions;
        Affected = _previous.Tracker.Compare(pages, versions);
        SelectTime = clock.Elapsed;
        return jobs.Select(j => Affected.Render.Contains(j.Meta.OutputPath)).ToList();
    }

    /// <summary>The state to keep once this render succeeded.</summary>
    public RenderState Commit()
    {
        _previous.Tracker.Commit(_pages, _versions);
        return new RenderState(
            new Dictionary<ContentItem, RawHtml>(_bodies, ReferenceEqualityComparer.Instance),
            new Dictionary<Exercise, RawHtml>(_cards, ReferenceEqualityComparer.Instance),
            _links,
            _exercises,
            _previous.Tracker, _cardVersion, _embedVersion);
    }

    private static bool HasEmbeds(ContentItem item) =>
        HasEmbedsMemo.GetValue(item, i => new StrongBox<bool>(i.Body.Descendants<EmbedBlock>().Any())).Value;

    private static ulong Combine(ulong seed, IEnumerable<ulong> values) => values.Aggregate(seed, Fingerprint.Mix);
}
