using BackCareSite.Diagnostics;
using BackCareSite.Rendering;
using BackCareSite.Tests.Support;
using Scriban.Runtime;

namespace BackCareSite.Tests.Rendering;

/// <summary>
/// A render's trace replays only when every value the render read is the same and no template it
/// executed changed: then the render would give the same output (the preview keeps the page).
/// </summary>
public sealed class RenderTraceTests : IDisposable
{
    private const string TagList = "{{ for t in tags }}<a href=\"{{ t.url }}\">{{ t.name }}</a>{{ end }}";

    private readonly TemplateFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private TemplateSet Templates(params (string Name, string Text)[] templates) => _folder.Load(templates);

    private static ScriptObject Site(string title = "Physio Box") =>
        SiteRenderer.Globals(("site", SiteRenderer.Globals(("title", title), ("base_url", "https://example.org"), ("base_path", "/"))));

    private static RenderTrace Render(TemplateSet templates, string name, ScriptObject site, ScriptObject globals, out string html, RenderTrace.Codes? codes = null)
    {
        var trace = new RenderTrace();
        var diagnostics = new DiagnosticBag();
        html = new TemplateRenderer(templates, site).RenderPartial(name, globals, diagnostics, trace)?.Value ?? "";
        Assert.Empty(diagnostics.Sorted());
        return trace.Seal(codes);
    }

    private static string? Replay(RenderTrace trace, ScriptObject site, ScriptObject globals, IReadOnlySet<string>? changed = null) =>
        trace.Difference(site, globals, changed ?? new HashSet<string>(), new EscapingTemplateContext(new ScriptObject()));

    private static ScriptObject Tags(params TagView[] tags) => SiteRenderer.Globals(("tags", tags.ToList()), ("unused", new TagView("x", "/x/", 9)));

    [Fact]
    public void ALoopsPositionFollowsItsListSoReadingItStillReplays()
    {
        var templates = Templates(("tags.html", "{{ for t in tags }}<a id=\"t{{ for.index }}\">{{ t.name }}</a>{{ if !for.last }}, {{ end }}{{ end }}"));
        var trace = Render(templates, "tags.html", Site(), Tags(new TagView("posture", "/tags/posture/", 3), new TagView("sleep", "/tags/sleep/", 1)), out var html);

        Assert.Equal("<a id=\"t0\">posture</a>, <a id=\"t1\">sleep</a>", html);
        Assert.Null(Replay(trace, Site(), Tags(new TagView("posture", "/tags/posture/", 3), new TagView("sleep", "/tags/sleep/", 1))));
        Assert.NotNull(Replay(trace, Site(), Tags(new TagView("posture", "/tags/posture/", 3))));
    }

    [Fact]
    public void TracesBegunWithTheSameSiteValuesShareThemAndStillTellOtherGlobalsFromTheSame()
    {
        // serve keeps a trace per page: the site's globals (site, red_flags, url) are one array for the traces of a render
        // (docs/serve.md, "Session 14"), the page's own are each trace's.
        var templates = Templates(("tags.html", TagList));
        var codes = new RenderTrace.Codes();
        var site = Site();
        var tags = Tags(new TagView("posture", "/tags/posture/", 3));
        var first = Render(templates, "tags.html", site, tags, out _, codes);
        var second = Render(templates, "tags.html", site, Tags(new TagView("sleep", "/tags/sleep/", 1)), out _, codes);
        var otherSite = Render(templates, "tags.html", Site(), tags, out _, codes);

        Assert.Same(first.SiteGlobalsKept, second.SiteGlobalsKept);
        Assert.NotSame(first.SiteGlobalsKept, otherSite.SiteGlobalsKept);
        var none = new HashSet<string>();
        Assert.True(first.SameGlobals(site, tags, none));
        Assert.True(second.SameGlobals(site, Tags(new TagView("sleep", "/tags/sleep/", 1)), none)); // equal records
        Assert.False(second.SameGlobals(site, tags, none)); // the page's own
        Assert.False(first.SameGlobals(Site(), tags, none)); // the site's: another object
    }

    [Fact]
    public void ReplaysWhenEveryValueReadIsTheSameInNewObjects()
    {
        var templates = Templates(("tags.html", TagList));
        var trace = Render(templates, "tags.html", Site(), Tags(new TagView("posture", "/tags/posture/", 3)), out var html);

        Assert.Equal("<a href=\"/tags/posture/\">posture</a>", html);
        Assert.Null(Replay(trace, Site(), Tags(new TagView("posture", "/tags/posture/", 3))));
    }

    [Fact]
    public void AChangedValueTheRenderDidNotReadStillReplays()
    {
        var templates = Templates(("tags.html", TagList));
        var trace = Render(templates, "tags.html", Site(), Tags(new TagView("posture", "/tags/posture/", 3)), out _);

        // The count is not shown, and site.title is not read.
        Assert.Null(Replay(trace, Site("Another title"), Tags(new TagView("posture", "/tags/posture/", 4))));
    }

    [Fact]
    public void AChangedValueTheRenderReadDoesNotReplay()
    {
        var templates = Templates(("tags.html", TagList));
        var trace = Render(templates, "tags.html", Site(), Tags(new TagView("posture", "/tags/posture/", 3)), out _);

        Assert.Contains("name", Replay(trace, Site(), Tags(new TagView("sitting", "/tags/posture/", 3))));
    }

    [Fact]
    public void AListWithAnotherCountDoesNotReplay()
    {
        var templates = Templates(("tags.html", TagList));
        var tag = new TagView("posture", "/tags/posture/", 3);
        var trace = Render(templates, "tags.html", Site(), Tags(tag), out _);

        Assert.Contains("count", Replay(trace, Site(), Tags(tag, tag)));
        Assert.NotNull(Replay(trace, Site(), Tags()));
    }

    [Fact]
    public void TheBaseUrlIsReadByEveryRenderBecauseTheUrlFunctionsDependOnIt()
    {
        var templates = Templates(("plain.html", "<p>no values</p>"));
        var trace = Render(templates, "plain.html", Site(), new ScriptObject(), out _);

        var moved = SiteRenderer.Globals(("site", SiteRenderer.Globals(("title", "Physio Box"), ("base_url", "https://example.org/clinic"), ("base_path", "/clinic/"))));
        Assert.NotNull(Replay(trace, moved, new ScriptObject()));
    }

    [Fact]
    public void AnObjectSharedTwoWaysMustStaySharedToReplay()
    {
        var templates = Templates(("two.html", "{{ first.name }} {{ for t in tags }}{{ t.name }}{{ end }}"));
        var tag = new TagView("posture", "/tags/posture/", 3);
        var trace = Render(templates, "two.html", Site(), SiteRenderer.Globals(("first", tag), ("tags", new List<TagView> { tag })), out _);

        var same = new TagView("posture", "/tags/posture/", 3);
        Assert.Null(Replay(trace, Site(), SiteRenderer.Globals(("first", same), ("tags", new List<TagView> { same }))));
        Assert.Contains("Alias", Replay(trace, Site(), SiteRenderer.Globals(("first", same), ("tags", new List<TagView> { new("posture", "/tags/posture/", 3) }))));
    }

    [Fact]
    public void TheIncludesScribanLoadedAreDependencies()
    {
        var templates = Templates(
            ("page.html", "{{ if show }}{{ include \"partials/shown.html\" }}{{ else }}{{ include \"partials/hidden.html\" }}{{ end }}"),
            ("partials/shown.html", "shown"),
            ("partials/hidden.html", "hidden"));
        var trace = Render(templates, "page.html", Site(), SiteRenderer.Globals(("show", true)), out var html);

        Assert.Equal("shown", html);
        Assert.Equal(["page.html", "partials/shown.html"], trace.Templates.Order(StringComparer.Ordinal));
        Assert.Null(Replay(trace, Site(), SiteRenderer.Globals(("show", true)), new HashSet<string> { "partials/hidden.html" }));
        Assert.Contains("partials/shown.html", Replay(trace, Site(), SiteRenderer.Globals(("show", true)), new HashSet<string> { "partials/shown.html" }));
        Assert.NotNull(Replay(trace, Site(), SiteRenderer.Globals(("show", false))));
    }

    [Fact]
    public void SealedTracesThatExecutedTheSameTemplatesShareOneSetAndASealedTraceRecordsNoMore()
    {
        var templates = Templates(
            ("page.html", "{{ if show }}{{ include \"partials/shown.html\" }}{{ else }}{{ include \"partials/hidden.html\" }}{{ end }}"),
            ("partials/shown.html", "shown"),
            ("partials/hidden.html", "hidden"));
        var first = Render(templates, "page.html", Site(), SiteRenderer.Globals(("show", true)), out _);
        var second = Render(templates, "page.html", Site(), SiteRenderer.Globals(("show", true)), out _);
        var other = Render(templates, "page.html", Site(), SiteRenderer.Globals(("show", false)), out _);

        Assert.Same(first.Templates, second.Templates);
        Assert.NotSame(first.Templates, other.Templates);
        Assert.Equal(["page.html", "partials/hidden.html"], other.Templates.Order(StringComparer.Ordinal));
        Assert.Throws<InvalidOperationException>(() => first.Template("partials/hidden.html"));
        Assert.Equal(["page.html", "partials/shown.html"], second.Templates.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void TrueFalseAndSmallNumbersReadAreComparedByValue()
    {
        // Kept as boxes every trace shares: a new site's own boxes of the same values still replay, other values do not.
        var templates = Templates(("page.html", "{{ if flag }}{{ size }} {{ big }}{{ end }}"));
        var trace = Render(templates, "page.html", Site(), SiteRenderer.Globals(("flag", true), ("size", 7), ("big", 100000)), out var html);

        Assert.Equal("7 100000", html);
        Assert.Null(Replay(trace, Site(), SiteRenderer.Globals(("flag", true), ("size", 7), ("big", 100000))));
        Assert.NotNull(Replay(trace, Site(), SiteRenderer.Globals(("flag", true), ("size", 8), ("big", 100000))));
        Assert.NotNull(Replay(trace, Site(), SiteRenderer.Globals(("flag", true), ("size", 7), ("big", 100001))));
        Assert.NotNull(Replay(trace, Site(), SiteRenderer.Globals(("flag", false), ("size", 7), ("big", 100000))));
    }

    [Fact]
    public void AnObjectWrittenAsTextNeverReplays()
    {
        var templates = Templates(("object.html", "{{ tag }}"));
        var tag = new TagView("posture", "/tags/posture/", 3);
        var trace = Render(templates, "object.html", Site(), SiteRenderer.Globals(("tag", tag)), out _);

        Assert.True(trace.Opaque);
        Assert.NotNull(Replay(trace, Site(), SiteRenderer.Globals(("tag", tag))));
    }

    [Fact]
    public void ALongRenderIsKeptInAFewBytesAReadAndStillReplaysExactly()
    {
        // Over 128 nodes, indices and numbers: the kept reads' varints take more than a byte; an object found again far
        // back (an element, then a member) and negative and large numbers are compared as they were.
        var templates = Templates(("long.html", "{{ for t in tags }}{{ t.name }}{{ t.count }}{{ end }}|{{ holder.tag.url }}|{{ minus }} {{ far }}"));
        static ScriptObject Globals(Func<int, TagView> tag, Func<TagView[], TagView> held, int minus = -100000, int far = 5000000)
        {
            var tags = Enumerable.Range(0, 300).Select(tag).ToArray();
            return SiteRenderer.Globals(("tags", tags.ToList()), ("last", tags[250]), ("holder", SiteRenderer.Globals(("tag", held(tags)))), ("minus", minus), ("far", far));
        }

        static TagView Tag(int i) => new($"tag {i}", $"/tags/{i}/", i * 1000);
        var trace = Render(templates, "long.html", Site(), Globals(Tag, tags => tags[5]), out var html);

        Assert.EndsWith("tag 299299000|/tags/5/|-100000 5000000", html);
        Assert.True(trace.Count > 900, $"{trace.Count} reads");
        Assert.True(trace.KeptBytes < 12 * trace.Count, $"{trace.KeptBytes} bytes for {trace.Count} reads");
        Assert.Null(Replay(trace, Site(), Globals(Tag, tags => tags[5])));
        Assert.Contains("name", Replay(trace, Site(), Globals(i => i == 200 ? new TagView("other", "/tags/200/", 200000) : Tag(i), tags => tags[5])));
        Assert.Contains("count", Replay(trace, Site(), Globals(i => i == 299 ? new TagView("tag 299", "/tags/299/", 1) : Tag(i), tags => tags[5])));
        Assert.Contains("Alias", Replay(trace, Site(), Globals(Tag, tags => Tag(5)))); // an equal tag, but not the list's element
        Assert.Contains("Alias", Replay(trace, Site(), Globals(Tag, tags => tags[6])));
        Assert.NotNull(Replay(trace, Site(), Globals(Tag, tags => tags[5], minus: -100001)));
        Assert.NotNull(Replay(trace, Site(), Globals(Tag, tags => tags[5], far: 5000001)));
        var notShared = Globals(Tag, tags => tags[5]);
        notShared["last"] = Tag(250); // the list's element 250 and `last` were one object
        Assert.Contains("Alias", Replay(trace, Site(), notShared));
    }

    [Fact]
    public void TracesThatReadTheSameWayShareTheirCodeAndStillReplayTheirOwnValues()
    {
        var templates = Templates(("tags.html", TagList));
        var codes = new RenderTrace.Codes();
        var posture = Render(templates, "tags.html", Site(), Tags(new TagView("posture", "/tags/posture/", 3)), out _, codes);
        var sleep = Render(templates, "tags.html", Site(), Tags(new TagView("sleep", "/tags/sleep/", 3)), out _, codes);
        var two = Render(templates, "tags.html", Site(), Tags(new TagView("sleep", "/tags/sleep/", 3), new TagView("posture", "/tags/posture/", 3)), out _, codes);
        var own = Render(templates, "tags.html", Site(), Tags(new TagView("sleep", "/tags/sleep/", 3)), out _);

        Assert.True(posture.SharesCodeWith(sleep));
        Assert.False(posture.SharesCodeWith(two)); // another count: read another way
        Assert.False(sleep.SharesCodeWith(own)); // sealed without a table
        Assert.Equal(2, codes.Count);
        Assert.Null(Replay(posture, Site(), Tags(new TagView("posture", "/tags/posture/", 3))));
        Assert.Contains("/tags/posture/", Replay(posture, Site(), Tags(new TagView("sleep", "/tags/sleep/", 3))));
        Assert.Null(Replay(sleep, Site(), Tags(new TagView("sleep", "/tags/sleep/", 3))));

        // A table made of the traces kept holds their codes only.
        var kept = RenderTrace.Codes.Of([two]);
        Assert.Equal(1, kept.Count);
        Assert.True(two.SharesCodeWith(Render(templates, "tags.html", Site(), Tags(new TagView("a", "/a/", 1), new TagView("b", "/b/", 2)), out _, kept)));
        Assert.False(sleep.SharesCodeWith(Render(templates, "tags.html", Site(), Tags(new TagView("a", "/a/", 1)), out _, kept)));
    }

    [Fact]
    public void TextsNumbersAndDatesReadAreWrittenOutAndComparedByValueWhenReplayed()
    {
        // Texts, large and fractional numbers and dates are kept written out (in serve, in its temporary file), not as
        // references; rendered HTML stays a reference. A replay reads them back and compares them as it did the references.
        var templates = Templates(("values.html", "{{ title }}|{{ body }}|{{ big }}|{{ ratio }}|{{ day }}|{{ at }}|{{ price }}|{{ empty }}"));
        static ScriptObject Globals(string title = "Sitting well", string body = "<p>Body</p>", long big = 1L << 40, double ratio = 0.25,
            int day = 15, long ticks = 638_000_000_000_000_000, decimal price = 12.50m) =>
            SiteRenderer.Globals(("title", title), ("body", new RawHtml(body)), ("big", big), ("ratio", ratio),
                ("day", new DateOnly(2026, 1, day)), ("at", new DateTime(ticks, DateTimeKind.Utc)), ("price", price), ("empty", ""));
        var trace = Render(templates, "values.html", Site(), Globals(), out var html);

        Assert.StartsWith("Sitting well|<p>Body</p>|1099511627776|0.25|", html);
        Assert.Equal(1, trace.KeptReferences); // the rendered HTML
        Assert.Equal(9, trace.PackedReferences); // and site.base_url and site.base_path, which every render reads
        Assert.Null(Replay(trace, Site(), Globals(title: new string("Sitting well".ToCharArray()))));
        Assert.Contains("title", Replay(trace, Site(), Globals(title: "Sitting better")));
        Assert.Contains("body", Replay(trace, Site(), Globals(body: "<p>Other</p>")));
        Assert.Contains("big", Replay(trace, Site(), Globals(big: (1L << 40) + 1)));
        Assert.Contains("ratio", Replay(trace, Site(), Globals(ratio: 0.5)));
        Assert.Contains("day", Replay(trace, Site(), Globals(day: 16)));
        Assert.Contains("at", Replay(trace, Site(), Globals(ticks: 638_000_000_000_000_001)));
        Assert.Contains("price", Replay(trace, Site(), Globals(price: 12.51m)));
        Assert.Null(Replay(trace, Site(), Globals(price: 12.500m))); // an equal decimal (another scale) is the same value, as before
    }

    [Fact]
    public void SmallNumbersAreBoxedOnceAndLargeOnesStillCompareByValue()
    {
        Assert.Same(RenderTrace.Boxed(12), RenderTrace.Boxed(12));
        Assert.Equal(12, RenderTrace.Boxed(12));
        Assert.Equal(5000, RenderTrace.Boxed(5000));
        Assert.Equal(-1, RenderTrace.Boxed(-1));
        Assert.True(new object[] { RenderTrace.Boxed(5000) }.AsSpan().SequenceEqual([RenderTrace.Boxed(5000)]));
    }

    [Fact]
    public void TemplateSetsNameTheTemplatesWhoseTextChanged()
    {
        var before = Templates(("a.html", "a"), ("b.html", "b"), ("gone.html", "g"));
        File.WriteAllText(Path.Combine(_folder.Root, "b.html"), "b, edited");
        File.Delete(Path.Combine(_folder.Root, "gone.html"));
        var after = Templates(("new.html", "n"));

        Assert.Equal(["b.html", "gone.html", "new.html"], after.ChangedSince(before).Order(StringComparer.Ordinal));
        Assert.Empty(after.ChangedSince(after));
    }
}
