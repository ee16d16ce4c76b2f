using BackCareSite.Content;
using BackCareSite.Diagnostics;
using BackCareSite.Markdown;
using BackCareSite.Tests.Support;

namespace BackCareSite.Tests.Markdown;

/// <summary>
/// Golden files for Markdown: each tests/golden/markdown/NNN-name.md, parsed as
/// the article <c>articles/golden.md</c> with the real pipeline and link
/// resolution, must render exactly NNN-name.html. Embeds render as markers
/// here; their HTML comes from templates. BCS_UPDATE_GOLDEN=1 rewrites them.
/// </summary>
public sealed class MarkdownGoldenTests
{
    public static TheoryData<string> Cases()
    {
        var data = new TheoryData<string>();
        foreach (var file in Directory.EnumerateFiles(Path.Combine(RepoPaths.Golden, "markdown"), "*.md").Order(StringComparer.Ordinal))
        {
            data.Add(Path.GetFileNameWithoutExtension(file));
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void RendersAsTheGoldenFileSays(string name)
    {
        var source = Path.Combine(RepoPaths.Golden, "markdown", name + ".md");
        var pipeline = MarkdownPipelineFactory.Create();
        var text = File.ReadAllText(source).ReplaceLineEndings("\n");
        var item = Item("articles/golden.md", text, pipeline);
        TableAlignment.Apply(item.Body);
        var exercise = new Exercise
        {
            Source = new SourceFile("exercises/knee-rolls.md", "content/exercises/knee-rolls.md", "", ""), Slug = "knee-rolls", Title = "Knee rolls",
            Description = "D", Body = Markdig.Markdown.Parse("", pipeline), Position = "P", Steps = ["S"], Difficulty = Difficulty.Gentle,
        };
        var others = new ContentItem[] { exercise, Item("pages/about.md", "", pipeline) };
        var bySource = others.Append(item).ToDictionary(i => i.Source.RelativePath, StringComparer.Ordinal);
        var media = new Dictionary<string, MediaFile> { ["media/spine.svg"] = new("media/spine.svg", "content/media/spine.svg", new ImageSize(320, 180)) };
        var diagnostics = new DiagnosticBag();

        var (origins, links) = new LinkResolver(bySource, new HashSet<string>(), new HashSet<string>(), media, new Dictionary<string, BackCareSite.Pictures.PicturePlan>(), new SiteUrls("https://clinic.example")).Resolve(item, diagnostics);
        var embeds = EmbedResolver.Resolve(item, new HashSet<string> { "knee-rolls" }, new Dictionary<string, FailedFile>(), diagnostics);
        var html = MarkdownHtml.Render(item.Body, pipeline, new LinkedBody(links, embeds, origins), b => $"<!-- embed {b.Name} {string.Join(" | ", b.Arguments)} -->");

        Assert.Empty(diagnostics.Sorted());
        var expectedPath = Path.ChangeExtension(source, ".html");
        if (Environment.GetEnvironmentVariable("BCS_UPDATE_GOLDEN") == "1")
        {
            File.WriteAllText(expectedPath, html);
        }

        Assert.Equal(File.ReadAllText(expectedPath).ReplaceLineEndings("\n"), html);
    }

    private static StaticPage Item(string path, string text, Markdig.MarkdownPipeline pipeline) => new()
    {
        Source = new SourceFile(path, "content/" + path, path, text),
        Slug = Path.GetFileNameWithoutExtension(path),
        Title = "T",
        Description = "D",
        Body = Markdig.Markdown.Parse(text, pipeline),
    };
}
