using Markdig.Parsers;
using Markdig.Syntax;

namespace BackCareSite.Markdown;

/// <summary>
/// An embed written on a line of its own: <c>{% exercise knee-rolls %}</c>,
/// <c>{% red-flag-checker %}</c> or <c>{% video https://... "Title" %}</c>.
/// </summary>
internal sealed class EmbedBlock(BlockParser parser) : LeafBlock(parser)
{
    public string Name { get; set; } = "";

    public IReadOnlyList<string> Arguments { get; set; } = [];

    /// <summary>Set when the line looks like an embed but cannot be read (an unclosed quote).</summary>
    public string? SyntaxError { get; set; }
}
