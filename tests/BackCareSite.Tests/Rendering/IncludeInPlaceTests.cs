using BackCareSite.Diagnostics;
using BackCareSite.Rendering;
using BackCareSite.Tests.Support;
using Scriban.Runtime;

namespace BackCareSite.Tests.Rendering;

/// <summary>
/// An <c>include</c> written as a statement of its own renders straight into the page's output
/// (<see cref="TrustedInclude"/>); every other include goes through Scriban's. Each page here must come out the
/// same both ways, character for character.
/// </summary>
public sealed class IncludeInPlaceTests : IDisposable
{
    private readonly TemplateFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private static readonly (string Name, string Text)[] Partials =
    [
        ("partials/bit.html", "<b>{{ title }}</b>"),
        ("partials/lines.html", "<li>one</li>\n<li>{{ title }}</li>\n"),
        ("partials/nested.html", "<div>\n  {{ include \"partials/lines.html\" }}\n{{ include \"partials/bit.html\" }}</div>\n"),
        ("partials/args.html", "[{{ $.size }}:{{ $[1] }}]"),
        ("partials/sets.html", "{{ set_inside = title }}<i>set</i>"),
        ("partials/local.html", "{{ $local = 1 }}{{ title }}"),
        ("partials/empty.html", "{{ \"\" }}"),
        ("partials/returns.html", "before{{ ret \"<ret>\" }}after"),
    ];

    public static TheoryData<string> Pages =>
    [
        "<p>{{ include \"partials/bit.html\" }}</p>",
        "{{ for i in 1..3 }}{{ include \"partials/bit.html\" }};{{ end }}",
        "{{ x = include \"partials/bit.html\" }}[{{ x }}]",
        "{{ include \"partials/bit.html\" | string.upcase }}",
        "<ul>\n  {{ include \"partials/lines.html\" }}\n</ul>\n",
        "<ul>\n{{ include \"partials/lines.html\" }}</ul>\n",
        "<section>\n    {{ include \"partials/nested.html\" }}\n</section>\n",
        "{{ include \"partials/nested.html\" }}{{ include \"partials/nested.html\" }}",
        "{{ include \"partials/args.html\" \"second\" 3 }}",
        "{{ include \"partials/sets.html\" }}:{{ set_inside }}",
        "{{ include \"partials/local.html\" }}{{ include \"partials/local.html\" }}",
        "a{{ include \"partials/empty.html\" }}b",
        "a{{ include \"partials/returns.html\" }}b",
        "{{ if true }}\n  {{ include \"partials/bit.html\" }}\n{{ end }}\n",
        "{{~ include \"partials/lines.html\" ~}}\n<hr>",
    ];

    [Theory]
    [MemberData(nameof(Pages))]
    public void RendersAsScribansIncludeDoes(string page)
    {
        var templates = _folder.Load([.. Partials, ("page.html", page)]);
        var site = new ScriptObject();
        var inPlace = new TemplateRenderer(templates, site);
        var scribans = new TemplateRenderer(templates, site, includeInPlace: false);
        var first = new DiagnosticBag();
        var second = new DiagnosticBag();

        var expected = scribans.RenderPartial("page.html", SiteRenderer.Globals(("title", "<t>")), first)?.Value;
        var actual = inPlace.RenderPartial("page.html", SiteRenderer.Globals(("title", "<t>")), second)?.Value;

        Assert.Empty(first.Sorted());
        Assert.Empty(second.Sorted());
        Assert.NotNull(expected);
        Assert.Equal(expected, actual);
    }

    [Fact]
    public void WritesThePartialWhereTheIncludeStands()
    {
        var renderer = new TemplateRenderer(_folder.Load([.. Partials, ("page.html", "<p>{{ include \"partials/bit.html\" }}|{{ include \"partials/sets.html\" }}{{ set_inside }}</p>")]), new ScriptObject());
        var diagnostics = new DiagnosticBag();

        var page = renderer.RenderPartial("page.html", SiteRenderer.Globals(("title", "<t>")), diagnostics)?.Value;

        Assert.Equal("<p><b>&lt;t&gt;</b>|<i>set</i>&lt;t&gt;</p>", page);
    }

    [Fact]
    public void AnIncludeThatRecursesForeverIsReportedAtItsTemplate()
    {
        var renderer = new TemplateRenderer(_folder.Load(("page.html", "{{ include \"partials/loop.html\" }}"), ("partials/loop.html", "x{{ include \"partials/loop.html\" }}")), new ScriptObject());
        var diagnostics = new DiagnosticBag();

        Assert.Null(renderer.RenderPartial("page.html", SiteRenderer.Globals(("title", "t")), diagnostics));
        var error = Assert.Single(diagnostics.Sorted());
        Assert.Equal("BCS0402", error.Code);
        Assert.Contains("loop.html", error.Path);
    }

    [Fact]
    public void AMissingPartialIsReportedAsBefore()
    {
        var templates = _folder.Load(("page.html", "a\n  b {{ include \"partials/none.html\" }}"));
        var inPlace = new DiagnosticBag();
        var scribans = new DiagnosticBag();

        Assert.Null(new TemplateRenderer(templates, new ScriptObject()).RenderPartial("page.html", SiteRenderer.Globals(), inPlace));
        Assert.Null(new TemplateRenderer(templates, new ScriptObject(), includeInPlace: false).RenderPartial("page.html", SiteRenderer.Globals(), scribans));
        Assert.Equal(scribans.Sorted().Select(d => d.ToString()), inPlace.Sorted().Select(d => d.ToString()));
        Assert.NotEmpty(inPlace.Sorted());
    }
}
