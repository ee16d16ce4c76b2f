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
    /// <summary>File types <c>media/</c> may publish (extensions); empty means <see cref="MediaPolicy.DefaultTypes"/>.</summary>
    public IReadOnlyList<Located<string>> MediaTypes { get; init; } = [];

    /// <summary>The longest allowed gap between <c>reviewed_on</c> and <c>next_review</c>.</summary>
    public int ReviewIntervalMonths { get; init; } = 36;

    /// <summary>How many days before <c>next_review</c> the build starts to warn.</summary>
    public int ReviewWarnDays { get; init; } = 30;

    /// <summary>The highest reading age (Flesch-Kincaid grade + 5) a health page may have without a warning.</summary>
    public int MaxReadingAge { get; init; } = 11;

    /// <summary>Words the clinic explains on the page, which do not count against its reading age (lower case).</summary>
    public IReadOnlySet<string> GlossedWords { get; init; } = new HashSet<string>(StringComparer.Ordinal);

    /// <summary>Where readers send feedback about a health page; every health page links to it.</summary>
    public string? FeedbackEmail { get; init; }

    /// <summary>Where <c>feedback_email</c> is (or the top of site.yml), for errors about it.</summary>
    public Spot FeedbackEmailAt { get; init; } = Spot.Start;
}
