using BackCareSite.Diagnostics;
using BackCareSite.Rendering;
using BackCareSite.Tests.Support;
using Scriban.Runtime;

namespace BackCareSite.Tests.Rendering;

/// <summary>The renderer reuses one Scriban context per thread; a render must never see another's state.</summary>
public sealed class TemplateRendererTests : IDisposable
{
    private readonly TemplateFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private TemplateRenderer Renderer(params (string Name, string Text)[] templates) =>
        new(_folder.Load(templates), new ScriptObject { ["site_name"] = "Physio Box" });

    [Fact]
    public void ARenderAfterAFailedOneStartsClean()
    {
        var renderer = Renderer(
            ("bad.html", "<p>{{ x = 1 }}{{ for i in [1, 2] }}{{ missing_var }}{{ end }}</p>"),
            ("good.html", "<p>{{ site_name }} {{ title }}{{ include \"partials/bit.html\" }}</p>"),
            ("partials/bit.html", "<b>{{ title }}</b>"));
        var diagnostics = new DiagnosticBag();

        Assert.Null(renderer.RenderPartial("bad.html", SiteRenderer.Globals(("title", "first")), diagnostics));
        var good = renderer.RenderPartial("good.html", SiteRenderer.Globals(("title", "<second>")), diagnostics);

        Assert.Equal("<p>Physio Box &lt;second&gt;<b>&lt;second&gt;</b></p>", good?.Value);
        Assert.Single(diagnostics.Sorted());
    }

    [Fact]
    public void VariablesOfOnePageDoNotLeakIntoTheNext()
    {
        var renderer = Renderer(("page.html", "{{ if leaked }}LEAK{{ end }}{{ leaked = title }}{{ title }}"));
        var first = new DiagnosticBag();
        var second = new DiagnosticBag();

        var one = renderer.RenderPartial("page.html", SiteRenderer.Globals(("title", "one"), ("leaked", null)), first);
        // The second page does not define `leaked`: with the first page's variables gone, that is an unknown variable.
        var two = renderer.RenderPartial("page.html", SiteRenderer.Globals(("title", "two")), second);

        Assert.Equal("one", one?.Value);
        Assert.Empty(first.Sorted());
        Assert.Null(two);
        Assert.Contains(second.Sorted(), d => d.Code == "BCS0402");
    }

    [Fact]
    public void RendersTheSameOutputOnManyThreadsAtOnce()
    {
        var renderer = Renderer(("page.html", "{{ for i in 1..20 }}{{ title }}-{{ i }};{{ end }}"));
        var diagnostics = new DiagnosticBag();

        var results = new string?[200];
        Parallel.For(0, results.Length, i => results[i] = renderer.RenderPartial("page.html", SiteRenderer.Globals(("title", $"t{i}")), diagnostics)?.Value);

        for (var i = 0; i < results.Length; i++)
        {
            Assert.Equal(string.Concat(Enumerable.Range(1, 20).Select(n => $"t{i}-{n};")), results[i]);
        }
    }
}
