namespace BackCareSite.Content;

/// <summary>
/// What items keep alike, one object for the site (<see cref="ContentItem.KeepForPages"/>): sources, reviews, exercise
/// references and lists of them, without the places they were written at. Used once, at the end of a one-off build's
/// loading, and let go with it.
/// </summary>
internal sealed class SharedParts
{
    private readonly Dictionary<Citation, Citation> _citations = [];
    private readonly Dictionary<Review, Review> _reviews = [];
    private readonly Dictionary<string, Located<string>> _slugs = new(StringComparer.Ordinal);
    private readonly Dictionary<Citation[], Citation[]> _sourceLists = new(Sequence<Citation>.Instance);
    private readonly Dictionary<string[], string[]> _stringLists = new(Sequence<string>.Instance);
    private readonly Dictionary<Located<string>[], Located<string>[]> _slugLists = new(Sequence<Located<string>>.Instance);

    /// <summary>The sources, each without its place, as one list for every item that cites the same in the same order.</summary>
    public IReadOnlyList<Citation> Sources(IReadOnlyList<Citation> sources)
    {
        if (sources.Count == 0)
        {
            return [];
        }

        var list = new Citation[sources.Count];
        for (var i = 0; i < list.Length; i++)
        {
            var placeless = sources[i] with { At = Spot.Start };
            list[i] = _citations.TryGetValue(placeless, out var kept) ? kept : _citations[placeless] = placeless;
        }

        return Kept(_sourceLists, list);
    }

    /// <summary>A review without its places (its dates and reviewer, which pages show).</summary>
    public Review? Review(Review? review)
    {
        if (review is null)
        {
            return null;
        }

        var placeless = new Review(review.ReviewedOn, review.ReviewedBy, review.NextReview, Spot.Start);
        return _reviews.TryGetValue(placeless, out var kept) ? kept : _reviews[placeless] = placeless;
    }

    /// <summary>Exercise references without their places: one object a slug, one list for each sequence of them.</summary>
    public IReadOnlyList<Located<string>> Slugs(IReadOnlyList<Located<string>> references)
    {
        if (references.Count == 0)
        {
            return [];
        }

        var list = new Located<string>[references.Count];
        for (var i = 0; i < list.Length; i++)
        {
            var slug = references[i].Value;
            list[i] = _slugs.TryGetValue(slug, out var kept) ? kept : _slugs[slug] = new Located<string>(slug, Spot.Start);
        }

        return Kept(_slugLists, list);
    }

    /// <summary>One list for each sequence of values (a list of tags).</summary>
    public IReadOnlyList<string> List(IReadOnlyList<string> values) => values.Count == 0 ? [] : Kept(_stringLists, [.. values]);

    private static T[] Kept<T>(Dictionary<T[], T[]> lists, T[] list) => lists.TryGetValue(list, out var kept) ? kept : lists[list] = list;

    /// <summary>Lists equal element by element.</summary>
    private sealed class Sequence<T> : IEqualityComparer<T[]>
    {
        public static readonly Sequence<T> Instance = new();

        public bool Equals(T[]? x, T[]? y) => x is null ? y is null : y is not null && x.AsSpan().SequenceEqual(y, EqualityComparer<T>.Default);

        public int GetHashCode(T[] list)
        {
            var hash = new HashCode();
            foreach (var value in list)
            {
                hash.Add(value);
            }

            return hash.ToHashCode();
        }
    }
}
