namespace BackCareSite.Search;

/// <summary>
/// How a build indexes the site for search: where Pagefind is (null when Node or the
/// npm package is missing) and whether a missing Pagefind fails the build (CI and
/// Netlify) or only skips search with a note (a local build).
/// </summary>
internal sealed record SearchOptions(bool Enabled, PagefindTool? Tool, bool Required)
{
    /// <summary>No search index and no note about it: what builds that do not ask for one (most tests) use.</summary>
    public static SearchOptions Off { get; } = new(Enabled: false, null, Required: false);

    /// <summary>
    /// Pagefind from the <c>node_modules</c> folder that <c>npm ci</c> filled, found from
    /// <paramref name="directory"/> upwards (<see cref="PagefindTool.Find"/>), required when <paramref name="required"/>.
    /// </summary>
    public static SearchOptions Find(string? directory, bool required) => new(Enabled: true, PagefindTool.Find(directory), required);
}
