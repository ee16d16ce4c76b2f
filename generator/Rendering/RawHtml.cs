namespace BackCareSite.Rendering;

/// <summary>
/// HTML that templates write as it is: rendered Markdown, an included partial,
/// prepared JSON-LD. Every other value a template writes is HTML-escaped.
/// Equal when the HTML is. <c>serve</c> keeps each body between rebuilds <see cref="Packed"/>
/// (compressed): only the render of the body's own page reads it, and <see cref="Value"/> unpacks it then.
/// </summary>
internal sealed class RawHtml : IEquatable<RawHtml>
{
    // Shorter HTML (a card, a small page's body) is not worth compressing.
    private const int PackFrom = 1024;

    public static readonly RawHtml Empty = new("");

    private readonly string? _value;
    private readonly CompressedText? _packed;

    public RawHtml(string value) => _value = value;

    private RawHtml(CompressedText packed) => _packed = packed;

    /// <summary>The HTML (unpacked at each read when <see cref="Packed"/>).</summary>
    public string Value => _value ?? _packed!.Text();

    /// <summary>The same HTML held compressed (or this, when it is short or already packed).</summary>
    public RawHtml Packed() => _value is { Length: >= PackFrom } value ? new RawHtml(CompressedText.Of(value)) : this;

    public bool Equals(RawHtml? other) =>
        other is not null && (ReferenceEquals(this, other)
            || (_packed is not null && other._packed is not null ? _packed.Equals(other._packed) : Value == other.Value));

    public override bool Equals(object? obj) => Equals(obj as RawHtml);

    public override int GetHashCode() => Value.GetHashCode(StringComparison.Ordinal);

    public static bool operator ==(RawHtml? left, RawHtml? right) => left is null ? right is null : left.Equals(right);

    public static bool operator !=(RawHtml? left, RawHtml? right) => !(left == right);

    public override string ToString() => Value;
}
