namespace BackCareSite.Content;

/// <summary>
/// An urgency level of the red-flag checker. <see cref="Rank"/> orders them:
/// emergency (0) is the most urgent, self-care (3) the least.
/// </summary>
internal sealed record RedFlagLevel(string Id, string Title, string Advice, int Rank, string? ActionLabel, string? ActionUrl);

/// <summary>A warning sign a reader can tick, with the level it maps to.</summary>
internal sealed record RedFlag(string Id, string Question, string Level, Spot At)
{
    /// <summary>The guidance the sign and its level rest on.</summary>
    public IReadOnlyList<Citation> Sources { get; init; } = [];
}

/// <summary>The red-flag checker's data from <c>red-flags.yml</c>.</summary>
internal sealed record RedFlagData(IReadOnlyList<RedFlagLevel> Levels, IReadOnlyList<RedFlag> Flags)
{
    /// <summary>What the checker is for (signposting, not diagnosis), shown on its page.</summary>
    public string IntendedPurpose { get; init; } = "";

    /// <summary>The fixed level ids, most urgent first.</summary>
    public static readonly IReadOnlyList<string> LevelIds = ["emergency", "urgent", "soon", "self-care"];

    public static readonly RedFlagData None = new([], []);
}
