using BackCareSite.Diagnostics;
using BackCareSite.Rendering;
using BackCareSite.Tests.Support;
using Scriban.Runtime;

namespace BackCareSite.Tests.Rendering;

/// <summary>
/// In a one-off build a page template renders into a buffer its thread reuses, which the layout copies where it
/// writes <c>content</c> (<see cref="TemplateRenderer.RenderPage"/> with <c>mainInPlace</c>): every page must come
/// out as it does when the page template's HTML is a string of its own, with the same diagnostics.
/// </summary>
public sealed class MainInPlaceTests : IDisposable
{
    private readonly TemplateFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private const string Main = "<h1>{{ title }}</h1>\n<p>body</p>\n{{ side = \"aside\" }}";

    public static TheoryData<string, string> Pages => new()
    {
        { Main, "<main>{{ content }}</main>" },
        { Main, "{{ content }}|{{ content }}" },
        { Main, "{{ content | string.size }}:{{ if content == \"\" }}empty{{ else }}full{{ end }}:{{ content | string.upcase }}" },
        { Main, "<main>\n  {{ content }}\n</main>\n" },
        { Main, "<main>\n    {{ content }}{{ title }}\n  {{ content }}\n</main>\n" },
        { Main, "{{ side }}|{{ content }}{{ side }}" },
        { Main, "{{ x = content }}[{{ x }}]" },
        { "{{ \"\" }}", "[{{ content }}]" },
        { "no newline at the end", "  {{ content }}\n  {{ title }}" },
        { "ends a line\n", "  {{ content }}{{ title }}\n  {{ content }}" },
        { "{{ include \"partials/bit.html\" }}", "<div>{{ content }}</div>" },
    };

    [Theory]
    [MemberData(nameof(Pages))]
    public void RendersAsWithTheMainHtmlAsAString(string main, string layout)
    {
        var renderer = Renderer(main, layout);
        var asString = new DiagnosticBag();
        var inPlace = new DiagnosticBag();

        var expected = renderer.RenderPage("page.html", SiteRenderer.Globals(("title", "<t>")), asString);
        var actual = renderer.RenderPage("page.html", SiteRenderer.Globals(("title", "<t>")), inPlace, mainInPlace: true);

        Assert.Empty(asString.Sorted());
        Assert.Empty(inPlace.Sorted());
        Assert.NotNull(expected);
        Assert.Equal(expected, actual);

        // A one-off build renders the whole page into a buffer the next page reuses: a longer page, then this one.
        var buffer = new PageBuffer();
        var longTitle = SiteRenderer.Globals(("title", new string('x', 5000)));
        Assert.True(renderer.RenderPageInto("page.html", longTitle, new DiagnosticBag(), buffer));
        Assert.Equal(renderer.RenderPage("page.html", SiteRenderer.Globals(("title", new string('x', 5000))), new DiagnosticBag()), buffer.Chars.ToString());
        var intoBuffer = new DiagnosticBag();
        Assert.True(renderer.RenderPageInto("page.html", SiteRenderer.Globals(("title", "<t>")), intoBuffer, buffer));
        Assert.Empty(intoBuffer.Sorted());
        Assert.Equal(expected, buffer.Chars.ToString());
    }

    [Fact]
    public void APageBufferHoldsExactlyTheLastPageWhateverItsLength()
    {
        var buffer = new PageBuffer();
        foreach (var length in new[] { 10, 3, 0, TemplateRenderer.KeptMainCapacity + 5, 7 })
        {
            var page = new string((char)('a' + (length % 26)), length);
            buffer.Builder.Append(page);
            buffer.Take();
            Assert.Equal(page, buffer.Chars.ToString());
            Assert.Equal(0, buffer.Builder.Length);
        }
    }

    [Fact]
    public void WritesTheMainHtmlWhereTheLayoutSaysContent()
    {
        var page = Renderer(Main, "<main>{{ content }}</main>{{ side }}").RenderPage("page.html", SiteRenderer.Globals(("title", "<t>")), new DiagnosticBag(), mainInPlace: true);

        Assert.Equal("<main><h1>&lt;t&gt;</h1>\n<p>body</p>\n</main>aside", page);
    }

    [Theory]
    [InlineData("{{ missing_in_main }}", "{{ content }}")]
    [InlineData(Main, "{{ content }}{{ missing_in_layout }}")]
    public void ReportsAnErrorInEitherTemplateAsBefore(string main, string layout)
    {
        var renderer = Renderer(main, layout);
        var asString = new DiagnosticBag();
        var inPlace = new DiagnosticBag();

        Assert.Null(renderer.RenderPage("page.html", SiteRenderer.Globals(("title", "t")), asString));
        Assert.Null(renderer.RenderPage("page.html", SiteRenderer.Globals(("title", "t")), inPlace, mainInPlace: true));
        Assert.Equal(asString.Sorted().Select(d => d.ToString()), inPlace.Sorted().Select(d => d.ToString()));
        Assert.Single(inPlace.Sorted());
        var intoBuffer = new DiagnosticBag();
        var buffer = new PageBuffer();
        Assert.False(renderer.RenderPageInto("page.html", SiteRenderer.Globals(("title", "t")), intoBuffer, buffer));
        Assert.Equal(asString.Sorted().Select(d => d.ToString()), intoBuffer.Sorted().Select(d => d.ToString()));
        Assert.Equal(0, buffer.Builder.Length);

        // The thread's buffer is clean for the next page after a failed one.
        var next = Renderer(Main, "<main>{{ content }}</main>").RenderPage("page.html", SiteRenderer.Globals(("title", "t")), new DiagnosticBag(), mainInPlace: true);
        Assert.Equal("<main><h1>t</h1>\n<p>body</p>\n</main>", next);
    }

    [Fact]
    public void RendersTheSamePagesOnManyThreadsAtOnce()
    {
        var renderer = Renderer("{{ for i in 1..20 }}{{ title }}-{{ i }};{{ end }}", "<main>{{ content }}</main>");
        var pages = new string?[200];

        Parallel.For(0, pages.Length, i => pages[i] = renderer.RenderPage("page.html", SiteRenderer.Globals(("title", $"t{i}")), new DiagnosticBag(), mainInPlace: true));

        for (var i = 0; i < pages.Length; i++)
        {
            Assert.Equal("<main>" + string.Concat(Enumerable.Range(1, 20).Select(n => $"t{i}-{n};")) + "</main>", pages[i]);
        }
    }

    /// <summary>
    /// Issue #19: the buffers kept for the next pages are at most one a core, however many threads rendered pages, and
    /// none grown by a page longer than <see cref="TemplateRenderer.KeptMainCapacity"/> (a large site's tag page lists
    /// every article with its tag: a buffer kept at its size grew with the site). Each thread's page waits in its
    /// template until every thread has taken a buffer, so that all of them are in use at once however the threads are
    /// scheduled: with the threads left to run, a busy machine ran them one after another, one buffer went round, and
    /// the long page, rendered last, let that one go (0 kept; seen once). The renderer keeps them in a place of this
    /// test's own: the process's <see cref="TemplateRenderer.SpareMain"/> is shared with any build running beside it.
    /// </summary>
    [Fact]
    public void KeepsAtMostOneBufferACoreAndNoneGrownByALongPage()
    {
        var spares = new Spares<System.Text.StringBuilder>();
        var renderer = Renderer("{{ together }}{{ for i in 1..count }}<p>{{ title }}</p>{{ end }}", "<main>{{ content }}</main>", spares);
        const int longPage = 40_000; // 320,000 characters of main HTML
        Assert.True(longPage * 8 > TemplateRenderer.KeptMainCapacity);
        var threadCount = Environment.ProcessorCount + 8;
        using var allInUse = new Barrier(threadCount);
        var together = new Func<string>(() => allInUse.SignalAndWait(TimeSpan.FromMinutes(1)) ? "" : "(a thread never came)");
        string? Render(int count, bool wait)
        {
            var globals = SiteRenderer.Globals(("title", "t"), ("count", count));
            globals.Import("together", wait ? together : new Func<string>(() => ""));
            return renderer.RenderPage("page.html", globals, new DiagnosticBag(), mainInPlace: true);
        }

        var threads = Enumerable.Range(0, threadCount).Select(_ => new Thread(() => Assert.Equal(6 + (5 * 8) + 7, Render(5, wait: true)!.Length))).ToList();
        threads.ForEach(t => t.Start());
        threads.ForEach(t => t.Join());

        Assert.Equal(Environment.ProcessorCount, spares.Count);
        // A long page takes one of them and grows it past what is kept: it is let go, not put back.
        Assert.Equal(6 + (longPage * 8) + 7, Render(longPage, wait: false)!.Length);
        var kept = new List<System.Text.StringBuilder>();
        while (spares.Take() is { } buffer)
        {
            kept.Add(buffer);
        }

        Assert.Equal(Environment.ProcessorCount - 1, kept.Count);
        Assert.All(kept, b => Assert.True(b.Capacity <= TemplateRenderer.KeptMainCapacity, $"a buffer of {b.Capacity} characters was kept"));
    }

    [Fact]
    public void HtmlReadAfterItsBufferWentBackThrows()
    {
        var buffer = new System.Text.StringBuilder("<p>x</p>");
        var html = RawHtml.Over(buffer);

        Assert.Equal("<p>x</p>", html.Value);
        html.Release();

        Assert.Null(html.Borrowed);
        Assert.Throws<InvalidOperationException>(() => html.Value);
    }

    private TemplateRenderer Renderer(string main, string layout, Spares<System.Text.StringBuilder>? spares = null) =>
        new(_folder.Load(("page.html", main), (TemplateRenderer.Layout, layout), ("partials/bit.html", "<b>{{ title }}</b>\n")), new ScriptObject(), spareMain: spares);
}
