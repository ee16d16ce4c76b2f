namespace BackCareSite.Content;

/// <summary>
/// Every field of every content file, declared once. The readers
/// (<see cref="FrontMatterReader"/>, <see cref="SiteSettingsReader"/>,
/// <see cref="RedFlagReader"/>) read through <see cref="YamlFields"/>, which takes
/// each field's rules from here and refuses a key that is not declared; the CMS
/// configuration (<c>Output/CmsConfig</c>) is written from the same list. A new field
/// is declared here first, and then both the build and the CMS know it.
/// </summary>
internal static class ContentSchema
{
    private const string SlugRegex = "^[a-z0-9]+(-[a-z0-9]+)*$";
    private static readonly (string, string) SlugPattern = (SlugRegex, "lower-case letters, digits and single hyphens, such as lower-back-pain");

    private static FieldSpec Text(string key, string hint, bool required = false) => new(key, FieldKind.Text, hint) { Required = required };

    private static FieldSpec LongText(string key, string hint, bool required = false) => new(key, FieldKind.LongText, hint) { Required = required };

    private static FieldSpec Date(string key, string hint, bool required = false) => new(key, FieldKind.Date, hint) { Required = required };

    private static FieldSpec Bool(string key, string hint) => new(key, FieldKind.Bool, hint);

    private static FieldSpec List(string key, string hint) => new(key, FieldKind.TextList, hint);

    private static FieldSpec Number(string key, string hint, int min) => new(key, FieldKind.Number, hint) { Min = min };

    private static FieldSpec Group(string key, string hint, params FieldSpec[] fields) => new(key, FieldKind.Group, hint) { Fields = fields };

    private static FieldSpec GroupList(string key, string hint, bool required, params FieldSpec[] fields) =>
        new(key, FieldKind.GroupList, hint) { Required = required, Fields = fields };

    /// <summary>The fields every Markdown file starts with.</summary>
    private static readonly FieldSpec[] Heading =
    [
        Text("title", "The headline, shown on the page and in lists", required: true),
        Text("description", "One or two sentences, shown in lists and to search engines", required: true),
    ];

    /// <summary>The fields every Markdown file may end with.</summary>
    private static readonly FieldSpec[] Publishing =
    [
        Bool("draft", "On: the page stays out of the published site"),
        Text("slug", "The address name; leave empty to use the file name") with { Pattern = SlugPattern },
        List("aliases", "Old addresses that should redirect here, each starting with /, such as /blog/old-post/"),
    ];

    private static readonly FieldSpec Review = Group("review", "Who checked this health page, when, and when it is due again",
        Date("reviewed_on", "The day the clinician reviewed the page", required: true),
        Text("reviewed_by", "The clinician who reviewed it", required: true)
            with { Relation = new FieldRelation("reviewers.yml", List: "reviewers", ValueField: "id", DisplayField: "name") },
        Date("next_review", "When the page is due for review again; after reviewed_on", required: true));

    /// <summary>What a health page or a red-flag sign rests on (#13).</summary>
    private static readonly FieldSpec Sources = GroupList("sources", "What the advice rests on: each a title and a full https:// address, or a publisher for print", required: false,
        Text("title", "The source's title, as published", required: true),
        Text("url", "The full https:// address of the source"),
        Text("publisher", "Who published it (needed for a print source without an address)"),
        Date("published", "When it was published"),
        Date("accessed", "When you read it"));

    private static readonly FieldSpec Health = Bool("health", "Off only for a page that gives no health advice (clinic news): it then needs no review or sources");

    private static readonly FieldSpec[] Picture =
    [
        new("image", FieldKind.Media, "A picture at the top of the page (prefer small SVG drawings); needs a description"),
        Text("image_alt", "What the picture shows, for readers who cannot see it; needed with a picture"),
    ];

    public static readonly ContentType Article = new("articles", "Articles",
    [
        .. Heading,
        Date("date", "Publication date", required: true),
        Date("updated", "Date of the last real change; not before the publication date"),
        Text("author", "The writer's name"),
        List("tags", "Topics, lower-case words joined by hyphens (lower-back-pain); each gets a topic page") with { Pattern = SlugPattern },
        List("exercises", "Exercises whose cards appear under the article") with { Relation = new FieldRelation("exercises") },
        Review,
        Sources,
        Health,
        .. Picture,
        .. Publishing,
    ]) { Folder = "articles", SingularLabel = "Article" };

    public static readonly ContentType Exercise = new("exercises", "Exercises",
    [
        .. Heading,
        LongText("position", "The starting position", required: true),
        List("steps", "One or more steps, in order") with { Required = true, Min = 1 },
        new("difficulty", FieldKind.Choice, "How hard it is; the exercise index groups cards by it")
            { Required = true, Options = ["gentle", "moderate", "challenging"] },
        Text("reps", "A whole number (8) or a range (5-10)") with { Pattern = ("^[0-9]+( *- *[0-9]+)?$", "a whole number such as 8 or a range such as 5-10") },
        Number("sets", "How many sets; at least 1", min: 1),
        Number("hold_seconds", "Seconds to hold; 0 means no hold", min: 0),
        Bool("each_side", "On when the repetitions are for each side"),
        Text("frequency", "How often, in words (twice a day)"),
        List("equipment", "What is needed, written the same way each time (exercise mat); empty means none"),
        List("targets", "Body areas the exercise works"),
        Bool("suitable_in_pregnancy", "Only set it when the clinic has said; left out, the card says to ask a physiotherapist first"),
        List("tips", "Short tips"),
        List("cautions", "When to stop, each reading on its own (Stop if ...)"),
        GroupList("videos", "Videos of the exercise; nothing loads from the video site until the reader asks", required: false,
            Text("title", "What the video shows", required: true),
            Text("url", "The full https:// address of the video", required: true)),
        .. Picture,
        Review,
        Sources,
        Health,
        .. Publishing,
    ]) { Folder = "exercises", SingularLabel = "Exercise" };

    public static readonly ContentType Page = new("pages", "Pages",
    [
        .. Heading,
        new("layout", FieldKind.Choice, "What the page is: page (plain text), about (the clinic) or contact (the clinic's details above the text)")
            { Options = PageLayouts.All },
        .. Publishing,
    ]) { Folder = "pages", SingularLabel = "Page" };

    public static readonly ContentType Site = new("site", "Site settings",
    [
        Text("title", "The site's name", required: true),
        Text("base_url", "The full address of the site, such as https://physiobox.example", required: true),
        Text("language", "The language of the pages, such as en-GB", required: true),
        Text("clinic_name", "The clinic's name", required: true),
        LongText("address", "The clinic's postal address"),
        Text("phone", "The clinic's phone number"),
        Text("booking_url", "Where readers book: a full https:// address or a path on this site", required: true),
        LongText("disclaimer", "Shown on every health page", required: true),
        Number("articles_per_page", "Articles on each page of the article list (default 20)", min: 1),
        List("featured_exercises", "Exercises shown on the home page; empty shows the first three by title") with { Relation = new FieldRelation("exercises") },
        List("media_types", "File types media/ may publish (such as pdf, png, vtt); empty publishes pictures, documents, video, audio and captions"),
        GroupList("menu", "The links at the top of every page", required: false,
            Text("title", "The link text", required: true),
            Text("url", "A path on this site starting with /, or a full https:// address", required: true)),
        Text("feedback_email", "Where readers' reports about a health page go; every health page links to it"),
        Number("review_interval_months", "The longest gap between a review and the next (default 36)", min: 1),
        Number("review_warn_days", "Days before a review falls due that the build warns (default 30)", min: 0),
        Number("max_reading_age", "The highest reading age a health page may have without a warning (default 11)", min: 6),
        List("glossed_words", "Words the pages explain, which count as short words for the reading age"),
        Group("pictures", "How photographs are published (every field has a default)",
            List("widths", "Widths in pixels (default 480, 960, 1440)") with { Min = 1 },
            List("formats", "avif and/or webp (default both)"),
            Number("avif_quality", "1-100 (default 50)", min: 1),
            Number("webp_quality", "1-100 (default 75)", min: 1),
            Number("jpeg_quality", "1-100 (default 80)", min: 1),
            Number("max_megapixels", "Larger pictures are refused (default 100)", min: 1)),
    ]) { File = "site.yml" };

    public static readonly ContentType RedFlags = new("red-flags", "Red-flag checker",
    [
        GroupList("levels", "The four levels, each once: emergency, urgent, soon and self-care", required: true,
            new FieldSpec("id", FieldKind.Choice, "Which level this is") { Required = true, Options = RedFlagData.LevelIds },
            Text("title", "The heading of the level's advice", required: true),
            LongText("advice", "What the reader should do", required: true),
            Text("action_label", "The action's link text (with action_url), such as Call 999"),
            Text("action_url", "A tel: number, a full https:// address or a path on this site (with action_label)")),
        GroupList("flags", "The warning signs a reader can tick", required: true,
            Text("id", "A name for the sign: lower-case letters, digits and hyphens", required: true) with { Pattern = SlugPattern },
            Text("question", "The sign as a reader would tick it", required: true),
            new FieldSpec("level", FieldKind.Choice, "How urgent the sign is") { Required = true, Options = [.. RedFlagData.LevelIds.Take(3)] },
            Sources),
        LongText("intended_purpose", "What the checker is for, shown on its page: it signposts and does not diagnose"),
    ]) { File = "red-flags.yml" };

    public static readonly ContentType Reviewers = new("reviewers", "Reviewers",
    [
        GroupList("reviewers", "The clinicians who may sign off health pages", required: true,
            Text("id", "What review.reviewed_by names: lower-case letters, digits and hyphens", required: true) with { Pattern = SlugPattern },
            Text("name", "The reviewer's name", required: true),
            Text("profession", "Such as Chartered physiotherapist (MCSP)", required: true),
            Text("registration", "The registration readers can check, such as HCPC PH000000", required: true),
            Text("bio", "A page about the reviewer: a path on this site or a full https:// address")),
    ]) { File = "reviewers.yml" };

    /// <summary>Every content type: the Markdown folders first, then the data files.</summary>
    public static readonly IReadOnlyList<ContentType> All = [Article, Exercise, Page, Site, RedFlags, Reviewers];

    /// <summary>The content type of a file, from its path relative to the content folder; null for any other file.</summary>
    public static ContentType? ForFile(string relativePath)
    {
        var slash = relativePath.IndexOf('/', StringComparison.Ordinal);
        return slash < 0
            ? All.FirstOrDefault(t => t.File == relativePath)
            : All.FirstOrDefault(t => t.Folder is not null && relativePath.AsSpan(0, slash).SequenceEqual(t.Folder));
    }

    /// <summary>The content type of a kind of Markdown file.</summary>
    public static ContentType For(ContentKind kind) => kind switch
    {
        ContentKind.Article => Article,
        ContentKind.Exercise => Exercise,
        _ => Page,
    };
}
