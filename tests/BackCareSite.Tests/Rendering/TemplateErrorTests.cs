using BackCareSite.Tests.Support;

namespace BackCareSite.Tests.Rendering;

public sealed class TemplateErrorTests
{
    private static TempSite WithTemplates(Action<string> edit)
    {
        var site = new TempSite().Article("one");
        var templates = Path.Combine(site.Root, "templates");
        foreach (var file in Directory.EnumerateFiles(RepoPaths.Templates, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(templates, Path.GetRelativePath(RepoPaths.Templates, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }

        edit(templates);
        site.TemplatesDir = "templates";
        return site;
    }

    [Fact]
    public void ReportsATemplateSyntaxErrorAtTheTemplateFileLineAndColumn()
    {
        using var site = WithTemplates(t => File.WriteAllText(Path.Combine(t, "tags.html"), "<h1>Topics</h1>\n<p>{{ for t in tags }}</p>\n"));

        var result = site.Build();

        var error = result.HasError("BCS0401", "templates/tags.html", 2);
        Assert.True(error.Column > 1);
        Assert.False(result.Published);
    }

    [Fact]
    public void ReportsAnUnknownVariableAtRuntimeWithItsPosition()
    {
        using var site = WithTemplates(t => File.WriteAllText(Path.Combine(t, "tags.html"), "<h1>Topics</h1>\n<p>{{ tagz.size }}</p>\n"));

        var result = site.Build();

        var error = result.HasError("BCS0402", "templates/tags.html", 2);
        Assert.Equal(7, error.Column);
    }

    [Fact]
    public void ReportsAMissingPageTemplate()
    {
        using var site = WithTemplates(t => File.Delete(Path.Combine(t, "tag.html")));
        site.Article("tagged", "tags:\n  - walking\n");

        site.Build().HasError("BCS0403", "templates/tag.html", 1);
    }

    [Fact]
    public void EscapesValuesButNotRenderedMarkdownOrPartials()
    {
        using var site = new TempSite()
            .Exercise("knee-rolls", "cautions:\n  - Stop if <pain> & \"spreads\"\n")
            .Article("a", "exercises:\n  - knee-rolls\n", body: "Some *emphasis*.");

        site.Build().Succeeded();

        var html = site.Read("articles/a/index.html");
        Assert.Contains("<em>emphasis</em>", html);
        Assert.Contains("Stop if &lt;pain&gt; &amp; &quot;spreads&quot;", html);
        Assert.Contains("<article class=\"exercise-card", html);
    }
}
