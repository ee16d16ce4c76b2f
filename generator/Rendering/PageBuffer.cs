using System.Text;

namespace BackCareSite.Rendering;

/// <summary>
/// Where a one-off build renders each page (<see cref="TemplateRenderer.RenderPageInto"/>): the layout writes into
/// <see cref="Builder"/>, and the page's characters are then copied into one array that the writer and the link scan
/// read (<see cref="Chars"/>) until the next page. A page made no string of its own: that string was about a sixth of
/// everything a build allocated (each page's text, about 24,000 characters, made and dropped).
/// </summary>
internal sealed class PageBuffer
{
    // A buffer grown past this by a long page (a tag page or the exercise index of a large site) is let go rather than
    // kept: what is kept does not grow with the site's longest page.
    private const int KeptCapacity = TemplateRenderer.KeptMainCapacity;

    private char[] _chars = [];

    /// <summary>The spare buffers: at most one for each core, whatever the number of threads that rendered pages.</summary>
    public static readonly Spares<PageBuffer> Spare = new();

    /// <summary>What the layout writes into.</summary>
    internal StringBuilder Builder { get; } = new();

    /// <summary>The page last rendered, valid until this buffer renders another.</summary>
    public ReadOnlyMemory<char> Chars { get; private set; }

    /// <summary>Copies what the layout wrote into <see cref="Chars"/>, and empties <see cref="Builder"/>.</summary>
    internal void Take()
    {
        var length = Builder.Length;
        if (_chars.Length < length)
        {
            _chars = GC.AllocateUninitializedArray<char>(Math.Max(length, Math.Min(2 * _chars.Length, KeptCapacity)));
        }

        Builder.CopyTo(0, _chars, length);
        Chars = _chars.AsMemory(0, length);
        Builder.Clear();
    }

    /// <summary>Keeps this buffer for the next page unless a long page grew it.</summary>
    public void GiveBack()
    {
        Chars = default;
        Builder.Clear();
        if (Builder.Capacity <= KeptCapacity && _chars.Length <= KeptCapacity)
        {
            Spare.Give(this);
        }
    }
}
