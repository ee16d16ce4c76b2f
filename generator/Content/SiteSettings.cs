namespace BackCareSite.Content;

/// <summary>A main-menu entry.</summary>
internal sealed record MenuItem(string Title, string Url);

/// <summary>The site-wide settings from <c>site.yml</c>.</summary>
internal sealed record SiteSettings
{
    public required string Title { get; init; }

    /// <summary>The absolute base URL without a trailing slash, such as <c>https://physiobox.example</c>.</summary>
    public required string BaseUrl { get; init; }

    public required string Language { get; init; }

    public required string ClinicName { get; init; }

    public string? Address { get; init; }

    public string? Phone { get; init; }

    public required string BookingUrl { get; init; }

    public IReadOnlyList<MenuItem> Menu { get; init; } = [];

    public required string Disclaimer { get; init; }

    /// <summary>Articles on each page of the article index.</summary>
    public int ArticlesPerPage { get; init; } = 20;

    /// <summary>Exercise slugs featured on the home page (in order); empty means the first few.</summary>
    public IReadOnlyList<Located<string>> FeaturedExercises { get; init; } = [];

    /// <summary>How raster pictures are published (<c>pictures:</c>).</summary>
    public Pictures.PictureSettings Pictures { get; init; } = BackCareSite.Pictures.PictureSettings.Default;
}
