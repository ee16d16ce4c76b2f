namespace BackCareSite.Content;

/// <summary>
/// A source a health page rests on: a web page (<see cref="Url"/>) or a print
/// source (<see cref="Publisher"/>), with optional publication and access dates.
/// </summary>
internal sealed record Citation(string Title, string? Url, string? Publisher, DateOnly? Published, DateOnly? Accessed, Spot At);

/// <summary>A clinician from <c>reviewers.yml</c> who may sign off health pages.</summary>
internal sealed record Reviewer(string Id, string Name, string Profession, string Registration, string? Bio, Spot At);
