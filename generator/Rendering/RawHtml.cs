namespace BackCareSite.Rendering;

/// <summary>
/// HTML that templates write as it is: rendered Markdown, an included partial,
/// prepared JSON-LD. Every other value a template writes is HTML-escaped.
/// </summary>
internal sealed record RawHtml(string Value)
{
    public static readonly RawHtml Empty = new("");

    public override string ToString() => Value;
}
