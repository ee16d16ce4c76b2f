using System.Text;

namespace BackCareSite.Rendering;

/// <summary>
/// Where a one-off build renders each item's page (an article's or an exercise's, nearly every page of a site;
/// <see cref="TemplateRenderer.RenderPageInto"/>): the layout writes into <see cref="Builder"/>, and the page's characters
/// are then copied into one array that the writer and the link scan read (<see cref="Chars"/>) until the next page. Such
/// a page makes no string of its own: that string was about a sixth of everything a build allocated. List pages (an
/// index, a tag page: up to 1 MB of text each at 20,000 articles) are strings as before: rendered in place, the buffers a
/// long list page grew raised the 20,000-article peak by 5 to 10 MB (docs/performance.md, "Twentieth session").
/// </summary>
internal sealed class PageBuffer
{
    // A buffer grown past this (64 Ki characters; an article's page is about 24 Ki) by a long page (an index, a tag page)
    // is let go rather than kept: what is kept does not grow with the site's longest pages.
    private const int KeptCapacity = 1 << 16;

    private char[] _chars = [];

    /// <summary>The spare buffers: at most one for each core, whatever the number of threads that rendered pages.</summary>
    public static readonly Spares<PageBuffer> Spare = new();

    /// <summary>What the layout writes into.</summary>
    internal StringBuilder Builder { get; private set; } = new();

    /// <summary>The page last rendered, valid until this buffer renders another.</summary>
    public ReadOnlyMemory<char> Chars { get; private set; }

    /// <summary>Copies what the layout wrote into <see cref="Chars"/>, and empties <see cref="Builder"/>.</summary>
    internal void Take()
    {
        var length = Builder.Length;
        if (_chars.Length < length)
        {
            // A long page's array is exactly its length, and is let go with the buffer (GiveBack).
            _chars = GC.AllocateUninitializedArray<char>(length > KeptCapacity ? length : Math.Max(length, Math.Min(2 * _chars.Length, KeptCapacity)));
        }

        Builder.CopyTo(0, _chars, length);
        Chars = _chars.AsMemory(0, length);
        EmptyBuilder();
    }

    /// <summary>
    /// Empties <see cref="Builder"/>. Emptying a builder a long page grew would copy what it keeps into one new array of
    /// that size (about 2.4 MB for a tag page at 20,000 articles) only to let it go: a long page's builder is let go instead.
    /// </summary>
    internal void EmptyBuilder()
    {
        if (Builder.Capacity > KeptCapacity)
        {
            Builder = new StringBuilder();
        }
        else
        {
            Builder.Clear();
        }
    }

    /// <summary>Keeps this buffer for the next page unless a long page grew it.</summary>
    public void GiveBack()
    {
        Chars = default;
        EmptyBuilder();
        if (_chars.Length > KeptCapacity)
        {
            _chars = [];
        }

        Spare.Give(this);
    }
}
