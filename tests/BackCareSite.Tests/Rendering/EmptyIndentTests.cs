using BackCareSite.Rendering;
using Scriban;
using Scriban.Parsing;
using Scriban.Runtime;

namespace BackCareSite.Tests.Rendering;

/// <summary>
/// Templates are parsed with no indent on the tags that have none before them (<see cref="TemplateSet.WithoutEmptyIndents"/>),
/// so that Scriban writes text whole rather than line by line: every page must come out as Scriban renders the template as parsed.
/// </summary>
public sealed class EmptyIndentTests
{
    private static readonly Dictionary<string, string> Partials = new(StringComparer.Ordinal)
    {
        ["lines"] = "<li>one</li>\n<li>{{ title }}</li>\n",
        ["indented"] = "<div>\n  {{ include 'lines' }}\n    {{ title }}\n{{ include 'lines' }}</div>\n",
        ["starts-indented"] = "  {{ title }}\n  {{ include 'lines' }}",
        ["plain"] = "<b>{{ title }}</b>",
    };

    public static TheoryData<string> Pages =>
    [
        "<p>{{ title }}</p>\n<p>{{ title }}</p>\n",
        "<ul>\n  {{ include 'lines' }}\n</ul>\n",
        "<ul>\n{{ include 'lines' }}</ul>\n",
        "<section>\n    {{ include 'indented' }}\n</section>\n",
        "text\n{{ include 'starts-indented' }}\nafter\n  {{ include 'starts-indented' }}\n",
        "{{ for i in 1..2 }}\n  {{ include 'lines' }}\n{{ end }}\n",
        "  {{ include 'plain' }}\n{{ include 'plain' }}\n\t{{ include 'lines' }}",
        "{{~ include 'lines' ~}}\n  <hr>\n   {{- include 'lines' -}}\n",
        "{{ x = include 'indented' }}\n  {{ x }}\n",
    ];

    [Theory]
    [MemberData(nameof(Pages))]
    public void RendersAsTheTemplateParsedWithItsEmptyIndents(string page)
    {
        var asParsed = Render(page, withoutEmptyIndents: false);
        var without = Render(page, withoutEmptyIndents: true);

        Assert.Equal(asParsed, without);
    }

    [Fact]
    public void KeepsIndentsThatAreNotEmpty()
    {
        Assert.Equal("<ul>\n  <li>one</li>\n  <li>t</li>\n\n</ul>\n", Render("<ul>\n  {{ include 'lines' }}\n</ul>\n", withoutEmptyIndents: true));
    }

    private static string Render(string page, bool withoutEmptyIndents)
    {
        var loader = new Loader(withoutEmptyIndents);
        var context = new TemplateContext { TemplateLoader = loader, NewLine = "\n" };
        context.PushGlobal(new ScriptObject { ["title"] = "t" });
        // The partials parsed as the page is (TemplateSet primes every context with its parsed templates the same way).
        foreach (var (name, text) in Partials)
        {
            context.CachedTemplates[name] = loader.Parse(text);
        }

        return loader.Parse(page).Render(context);
    }

    private sealed class Loader(bool withoutEmptyIndents) : ITemplateLoader
    {
        public Template Parse(string text)
        {
            var template = Template.Parse(text);
            Assert.False(template.HasErrors, string.Join("\n", template.Messages));
            if (withoutEmptyIndents)
            {
                TemplateSet.WithoutEmptyIndents(template.Page);
            }

            return template;
        }

        public string GetPath(TemplateContext context, SourceSpan callerSpan, string templateName) => templateName;

        public string Load(TemplateContext context, SourceSpan callerSpan, string templatePath) => Partials[templatePath];

        public ValueTask<string?> LoadAsync(TemplateContext context, SourceSpan callerSpan, string templatePath) => ValueTask.FromResult<string?>(Load(context, callerSpan, templatePath));
    }
}
