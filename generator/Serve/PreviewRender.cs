using System.Collections.Concurrent;
using BackCareSite.Content;
using BackCareSite.Markdown;
using BackCareSite.Rendering;
using Markdig.Syntax;
using Scriban.Runtime;

namespace BackCareSite.Serve;

/// <summary>What the preview keeps from its last good render: bodies, cards, and what every page and card read.</summary>
internal sealed record RenderState(
    IReadOnlyDictionary<ContentItem, (RawHtml Html, IReadOnlyDictionary<MarkdownObject, string> Parts)> Bodies,
    IReadOnlyDictionary<ContentItem, LinkedBody> Links,
    IReadOnlyDictionary<string, (RawHtml Html, RenderTrace Trace)> Cards,
    IReadOnlyDictionary<string, RenderTrace> Pages,
    TemplateSet? Templates)
{
    public static RenderState Empty() => new(
        new Dictionary<ContentItem, (RawHtml, IReadOnlyDictionary<MarkdownObject, string>)>(ReferenceEqualityComparer.Instance),
        new Dictionary<ContentItem, LinkedBody>(ReferenceEqualityComparer.Instance),
        new Dictionary<string, (RawHtml, RenderTrace)>(StringComparer.Ordinal),
        new Dictionary<string, RenderTrace>(StringComparer.Ordinal),
        null);
}

/// <summary>
/// The preview's <see cref="IRenderReuse"/>. A page or card is kept when its last render's
/// <see cref="RenderTrace"/> replays: every value it read is the same in the new site and no
/// template it executed changed. A body is kept when its item was not parsed again, its links
/// resolved the same and the HTML of its embeds and pictures is the same. Everything else is rendered, and records
/// a new trace.
/// </summary>
internal sealed class PreviewRender : IRenderReuse
{
    private readonly RenderState _previous;
    private readonly TemplateSet _templates;
    private readonly IReadOnlySet<string> _changedTemplates;
    private readonly IReadOnlyDictionary<ContentItem, LinkedBody> _links;
    private readonly ConcurrentDictionary<ContentItem, (RawHtml, IReadOnlyDictionary<MarkdownObject, string>)> _bodies = new(ReferenceEqualityComparer.Instance);
    private readonly ConcurrentDictionary<string, (RawHtml, RenderTrace)> _cards = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, RenderTrace> _pages = new(StringComparer.Ordinal);
    private readonly ThreadLocal<EscapingTemplateContext> _replay = new(() => new EscapingTemplateContext(new ScriptObject()));
    private ScriptObject _siteGlobals = new();

    public PreviewRender(RenderState previous, TemplateSet templates, IReadOnlyDictionary<ContentItem, LinkedBody> links)
    {
        _previous = previous;
        _templates = templates;
        _links = links;
        _changedTemplates = templates.ChangedSince(previous.Templates);
    }

    public void Site(ScriptObject siteGlobals) => _siteGlobals = siteGlobals;

    /// <summary>The pages of the last render that are no longer planned; null until <see cref="Select"/> ran.</summary>
    public IReadOnlySet<string>? Removed { get; private set; }

    /// <summary>How long <see cref="Select"/> took (for the stage timings).</summary>
    public TimeSpan SelectTime { get; private set; }

    public RawHtml Card(Exercise exercise, ScriptObject globals, Func<RenderTrace?, RawHtml> render)
    {
        if (_previous.Cards.TryGetValue(exercise.Slug, out var known) && Replays(known.Trace, globals))
        {
            _cards[exercise.Slug] = known;
            return known.Html;
        }

        var trace = new RenderTrace();
        var html = render(trace);
        _cards[exercise.Slug] = (html, trace.Seal());
        return html;
    }

    public RawHtml Body(ContentItem item, IReadOnlyDictionary<MarkdownObject, string> parts, Func<RawHtml> render)
    {
        var reusable = _previous.Bodies.TryGetValue(item, out var known)
            && _previous.Links.TryGetValue(item, out var linked) && linked.SameAs(_links[item])
            && known.Parts.Count == parts.Count
            && parts.All(e => known.Parts.TryGetValue(e.Key, out var html) && html == e.Value);
        var body = reusable ? known.Html : render();
        _bodies[item] = (body, parts);
        return body;
    }

    public IReadOnlyList<bool> Select(IReadOnlyList<PageJob> jobs)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var render = new bool[jobs.Count];
        Parallel.For(0, jobs.Count, i =>
        {
            var job = jobs[i];
            var path = job.Meta.OutputPath;
            if (_previous.Pages.TryGetValue(path, out var trace) && Replays(trace, job.Globals))
            {
                _pages[path] = trace;
            }
            else
            {
                render[i] = true;
            }
        });

        var planned = jobs.Select(j => j.Meta.OutputPath).ToHashSet(StringComparer.Ordinal);
        Removed = _previous.Pages.Keys.Where(p => !planned.Contains(p)).ToHashSet(StringComparer.Ordinal);
        SelectTime = clock.Elapsed;
        return render;
    }

    public RenderTrace Trace(PageJob job)
    {
        var trace = new RenderTrace();
        _pages[job.Meta.OutputPath] = trace;
        return trace;
    }

    /// <summary>The state to keep once this render succeeded.</summary>
    public RenderState Commit() => new(
        new Dictionary<ContentItem, (RawHtml, IReadOnlyDictionary<MarkdownObject, string>)>(_bodies, ReferenceEqualityComparer.Instance),
        _links,
        new Dictionary<string, (RawHtml, RenderTrace)>(_cards, StringComparer.Ordinal),
        _pages.ToDictionary(p => p.Key, p => p.Value.Seal(), StringComparer.Ordinal),
        _templates);

    private bool Replays(RenderTrace trace, ScriptObject globals) => trace.Replays(_siteGlobals, globals, _changedTemplates, _replay.Value!);
}
