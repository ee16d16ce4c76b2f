namespace BackCareSite.Rendering;

/// <summary>
/// Sorts an exercise's free-text starting position into a few kinds the
/// exercise index can filter by, from the words editors write
/// ("Lie on your back...", "Standing tall...", "In a pool...").
/// </summary>
internal static class PositionKinds
{
    /// <summary>Every kind, in the order the index lists them, with the reader's words.</summary>
    public static readonly IReadOnlyList<(string Kind, string Title)> All =
    [
        ("lying", "Lying down"), ("sitting", "Sitting"), ("standing", "Standing"), ("kneeling", "Kneeling or on all fours"),
        ("water", "In water"), ("other", "Other positions"),
    ];

    public static string Of(string position)
    {
        var text = position.ToLowerInvariant();
        bool Has(params string[] words) => words.Any(w => text.Contains(w, StringComparison.Ordinal));

        // The first matching rule wins, so "standing in the pool" is in water, not standing.
        if (Has("pool", "water"))
        {
            return "water";
        }

        if (Has("lie ", "lying", "lie,"))
        {
            return "lying";
        }

        if (Has("kneel", "all fours", "hands and knees"))
        {
            return "kneeling";
        }

        if (Has("sit ", "sitting", "seated", "chair"))
        {
            return "sitting";
        }

        return Has("stand") ? "standing" : "other";
    }

    public static string Title(string kind) => All.First(k => k.Kind == kind).Title;
}
