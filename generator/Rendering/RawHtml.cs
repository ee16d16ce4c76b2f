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
    private readonly byte[]? _utf8;
    private System.Text.StringBuilder? _borrowed;
    private bool _released;

    public RawHtml(string value) => _value = value;

    private RawHtml(CompressedText packed) => _packed = packed;

    private RawHtml(byte[] utf8) => _utf8 = utf8;

    private RawHtml(System.Text.StringBuilder borrowed) => _borrowed = borrowed;

    /// <summary>
    /// The HTML in <paramref name="buffer"/>, read where it is (a page template's output, which the layout copies
    /// where it writes <c>content</c>) until <see cref="Release"/>; reading it after that is a bug, and throws.
    /// </summary>
    internal static RawHtml Over(System.Text.StringBuilder buffer) => new(buffer);

    /// <summary>The buffer this HTML reads, while it reads one (<see cref="Over"/>).</summary>
    internal System.Text.StringBuilder? Borrowed => _borrowed;

    /// <summary>Gives the buffer back (<see cref="Over"/>): nothing reads this HTML any more. No-op for other HTML.</summary>
    internal void Release()
    {
        if (_borrowed is not null)
        {
            _borrowed = null;
            _released = true;
        }
    }

    /// <summary>The HTML (unpacked at each read when <see cref="Packed"/>).</summary>
    public string Value => _value ?? (_utf8 is null ? null : System.Text.Encoding.UTF8.GetString(_utf8)) ?? _packed?.Text() ?? _borrowed?.ToString()
        ?? throw new InvalidOperationException(_released ? "a page's HTML was read after its page was rendered" : "no HTML");

    /// <summary>The compressed HTML, when it is held so (<see cref="Packed"/>).</summary>
    internal CompressedText? PackedText => _packed;

    /// <summary>Whether the HTML is held compressed (<see cref="Packed"/>).</summary>
    internal bool IsPacked => _packed is not null;

    /// <summary>The HTML's UTF-8 bytes, when it is held so (<see cref="InUtf8"/>).</summary>
    internal byte[]? Utf8 => _utf8;

    /// <summary>
    /// The same HTML held as UTF-8 bytes (or this, when it is empty or not held as a string): about half a string's
    /// memory for HTML, and written into a page without the decompression <see cref="Packed"/> costs at each write.
    /// </summary>
    public RawHtml InUtf8() => _value is { Length: > 0 } value ? new RawHtml(System.Text.Encoding.UTF8.GetBytes(value)) : this;

    /// <summary>The same HTML held compressed (or this, when it is short or already packed).</summary>
    public RawHtml Packed() => _value is { Length: >= PackFrom } value ? new RawHtml(CompressedText.Of(value)) : this;

    public bool Equals(RawHtml? other) =>
        other is not null && (ReferenceEquals(this, other)
            || (_packed is not null && other._packed is not null ? _packed.Equals(other._packed)
                : _utf8 is not null && other._utf8 is not null ? _utf8.AsSpan().SequenceEqual(other._utf8) : Value == other.Value));

    public override bool Equals(object? obj) => Equals(obj as RawHtml);

    public override int GetHashCode() => Value.GetHashCode(StringComparison.Ordinal);

    public static bool operator ==(RawHtml? left, RawHtml? right) => left is null ? right is null : left.Equals(right);

    public static bool operator !=(RawHtml? left, RawHtml? right) => !(left == right);

    public override string ToString() => Value;
}
