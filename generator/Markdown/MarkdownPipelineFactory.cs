using Markdig;
using Markdig.Extensions.AutoIdentifiers;

namespace BackCareSite.Markdown;

/// <summary>Builds the one Markdig pipeline every page is parsed with.</summary>
internal static class MarkdownPipelineFactory
{
    /// <summary>
    /// CommonMark plus pipe tables, GitHub-style heading ids, the front-matter
    /// block (skipped, so Markdown positions stay file positions) and our embeds.
    /// </summary>
    public static MarkdownPipeline Create()
    {
        var builder = new MarkdownPipelineBuilder()
            .UseYamlFrontMatter()
            .UsePipeTables()
            .UseAutoIdentifiers(AutoIdentifierOptions.GitHub)
            .UsePreciseSourceLocation();
        builder.Extensions.AddIfNotAlready<EmbedExtension>();
        return builder.Build();
    }
}
