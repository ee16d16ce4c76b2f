using Markdig.Syntax;

namespace BackCareSite.Content;

/// <summary>What kind of Markdown content a file is, from the folder it is in.</summary>
internal enum ContentKind
{
    Article,
    Exercise,
    Page,
}

/// <summary>A review record: who checked a health page, when, and when it is due again.</summary>
/// <param name="At">Where <c>next_review</c> is.</param>
/// <param name="ReviewedByAt">Where the <c>reviewed_by</c> value is.</param>
/// <param name="Start">Where <c>review:</c> itself is.</param>
internal sealed record Review(DateOnly ReviewedOn, string ReviewedBy, DateOnly NextReview, Spot At)
{
    public Spot ReviewedByAt { get; init; } = At;

    public Spot Start { get; init; } = At;
}

/// <summary>An image from front matter: a path relative to the content root and its alt text.</summary>
internal sealed record ImageRef(string Path, string Alt, Spot At);

/// <summary>A video link; nothing loads from its host until the reader asks.</summary>
internal sealed record Video(string Title, string Url, Spot At);

/// <summary>
/// What every Markdown content file has: where it came from, its validated slug,
/// its title and description, and its parsed Markdown body.
/// </summary>
internal abstract record ContentItem
{
    private SourceFile _source = null!;

    public required SourceFile Source { get => _source; init => _source = value; }

    // The site path, made once with the slug (it is read for every item in every stage of every rebuild of serve).
    private string _path = "";

    public required string Slug
    {
        get => _slug ?? ItemTexts.Slug(_texts!);
        init
        {
            _slug = value;
            _path = Kind switch
            {
                ContentKind.Article => $"/articles/{value}/",
                ContentKind.Exercise => $"/exercises/{value}/",
                _ => $"/{value}/",
            };
        }
    }

    /// <summary>Where the slug comes from: the value of <c>slug:</c>, or the start of the file when it is the file name.</summary>
    public Spot SlugAt { get; init; } = Spot.Start;

    public required string Title { get => _title ?? ItemTexts.Title(_texts!); init => _title = value; }

    public required string Description { get => _description ?? ItemTexts.Description(_texts!); init => _description = value; }

    // The three texts, or after PackTexts (a one-off build's articles) none of them and their packed copy.
    private string? _slug;
    private string? _title;
    private string? _description;
    private byte[]? _texts;

    /// <summary>The title, description and slug packed (<see cref="ItemTexts"/>) once <see cref="PackTexts"/> has run; else null.</summary>
    internal byte[]? PackedTexts => _texts;

    /// <summary>
    /// A one-off build, once the loading's checks are done: keeps the title, description and slug as one UTF-8 array
    /// (<see cref="ItemTexts"/>), read back at each read. The article's view shares the array (a large site's articles
    /// and views are kept while every page renders).
    /// </summary>
    protected void PackTexts()
    {
        if (_texts is null && ItemTexts.Pack(Title, Description, Slug) is { } packed)
        {
            _texts = packed;
            (_title, _description, _slug) = (null, null, null);
        }
    }

    public bool Draft { get; init; }

    /// <summary>False when the front matter says <c>health: false</c> (a clinic news post): no review or sources needed.</summary>
    public bool Health { get; init; } = true;

    /// <summary>The sources the page rests on (<c>sources:</c>).</summary>
    public IReadOnlyList<Citation> Sources { get => _sources; init => _sources = value; }

    private IReadOnlyList<Citation> _sources = [];

    /// <summary>The review record of an article or exercise; pages have none.</summary>
    public virtual Review? ReviewRecord => null;

    /// <summary>True for articles and exercises that are health content (not <c>health: false</c>).</summary>
    public bool IsHealthPage => Kind != ContentKind.Page && Health;

    /// <summary>Old URL paths that should redirect here (<c>aliases:</c>).</summary>
    public IReadOnlyList<Located<string>> Aliases { get; init; } = [];

    private MarkdownDocument? _body;
    private Func<MarkdownDocument>? _parseAgain;

    // After ForgetText: parses the file read again. The loader's one delegate, not a closure per item (a large site has thousands).
    private Func<string, MarkdownDocument>? _parseFile;

    /// <summary>The parsed Markdown, as long as it is kept (see <see cref="ReleaseBody"/> and <see cref="OpenBody"/>).</summary>
    public required MarkdownDocument Body
    {
        get => _body ?? throw new InvalidOperationException($"the Markdown tree of {Source.RelativePath} was let go after loading; use OpenBody()");
        init => _body = value;
    }

    /// <summary>True once <see cref="ReleaseBody"/> let the tree go: every <see cref="OpenBody"/> parses it again.</summary>
    public bool BodyReleased => _body is null;

    /// <summary>
    /// Lets the tree go (a one-off build: a site's trees together are most of its memory);
    /// <paramref name="parseAgain"/> gives the same tree from the same text when a stage needs it.
    /// </summary>
    public void ReleaseBody(Func<MarkdownDocument> parseAgain)
    {
        _parseAgain = parseAgain;
        _body = null;
    }

    /// <summary>
    /// After <see cref="ReleaseBody"/>, once nothing but the parser reads the text: lets the text go too (a site's
    /// texts together grow with it); <paramref name="parseAgain"/> parses the file read again from disk, and a file
    /// that is no longer as it was read makes <see cref="OpenBody"/> throw <see cref="SourceChangedException"/>.
    /// <see cref="Source"/>'s text is empty from then on.
    /// </summary>
    public void ForgetText(Func<string, MarkdownDocument> parseAgain)
    {
        if (_body is not null || _source.Text.Length == 0)
        {
            return;
        }

        _source = _source with { Text = "" };
        _parseFile = parseAgain;
        _parseAgain = null;
    }

    /// <summary>
    /// For <c>serve</c>, which keeps every item between rebuilds: lets the tree go and keeps the text compressed (UTF-8,
    /// <see cref="Rendering.CompressedText"/>: about a tenth of the memory of a string) for <paramref name="parse"/> to
    /// parse when a stage needs the tree again. The file is not read again: a save the watcher has not reported yet must not fail a rebuild.
    /// <see cref="Source"/>'s text is empty from then on.
    /// </summary>
    public void ReleaseBodyKeepingText(Func<string, MarkdownDocument> parse)
    {
        var text = Rendering.CompressedText.Of(_source.Text);
        _source = _source with { Text = "" };
        ReleaseBody(() => parse(text.Text()));
    }

    /// <summary>The tree: the kept one, or after <see cref="ReleaseBody"/> a new parse of the same text at each call.</summary>
    public MarkdownDocument OpenBody() =>
        _body ?? (_parseFile is { } parse ? parse(SourceReader.ReadAgain(_source) ?? throw new SourceChangedException(_source)) : _parseAgain!());

    /// <summary>
    /// What the link stage reads of the body, taken from the tree before <see cref="ReleaseBody"/> let it go, so
    /// that the stage does not parse the text again; the stage lets it go once it has linked the item.
    /// </summary>
    public Markdown.BodySites? Sites { get; set; }

    /// <summary>
    /// Where the text holds placeholders from <c>new</c>, found while the text was at hand; null when they were
    /// not looked for (then <see cref="GovernanceChecker"/> reads <see cref="Source"/>'s text).
    /// </summary>
    public IReadOnlyList<(int Line, int Column)>? PlaceholderSpots { get; set; }

    /// <summary>Reader-facing text from the front matter that readability measures (an exercise's position and steps).</summary>
    public IReadOnlyList<Located<string>> ReadableFields { get => _readableFields; init => _readableFields = value; }

    private IReadOnlyList<Located<string>> _readableFields = [];

    /// <summary>
    /// A one-off build, once every check of the loading stage is done: keeps of the item what its pages show and
    /// the later stages read, and lets go of the places its values were written at, which only those checks
    /// report (a large site's items are kept for the whole build). What several items hold alike (a source, a
    /// list of tags) is then one object for the site, from <paramref name="shared"/>. The places kept are its
    /// file, its slug's, its picture's and its aliases' (the link stage and the redirects read them).
    /// </summary>
    internal virtual void KeepForPages(SharedParts shared)
    {
        _sources = shared.Sources(_sources);
        _readableFields = [];
        PlaceholderSpots = null;
    }

    /// <summary>Where the front matter's fields start, for errors about a field that is missing.</summary>
    public Spot FrontMatterAt { get; init; } = Spot.Start;

    public abstract ContentKind Kind { get; }

    /// <summary>The site-relative URL path, such as <c>/articles/slug/</c>.</summary>
    public string Path => _path;

    /// <summary>The output file of its page (<c>articles/x/index.html</c>), made once.</summary>
    public string OutputPath => _outputPath ??= Rendering.SiteRenderer.OutputPathOf(_path);

    private string? _outputPath;
}

/// <summary>A blog article.</summary>
internal sealed record Article : ContentItem
{
    public override ContentKind Kind => ContentKind.Article;

    public required DateOnly Date { get; init; }

    public DateOnly? Updated { get; init; }

    public string? Author { get; init; }

    public IReadOnlyList<string> Tags { get => _tags; init => _tags = value; }

    private IReadOnlyList<string> _tags = [];

    /// <summary>Slugs of exercise cards to show with the article (after <see cref="KeepForPages"/>, without their places).</summary>
    public IReadOnlyList<Located<string>> Exercises { get => _exercises; init => _exercises = value; }

    private IReadOnlyList<Located<string>> _exercises = [];

    public Review? Review { get => _review; init => _review = value; }

    private Review? _review;

    public override Review? ReviewRecord => Review;

    public ImageRef? Image { get; init; }

    internal override void KeepForPages(SharedParts shared)
    {
        base.KeepForPages(shared);
        PackTexts();
        _tags = shared.List(_tags);
        _exercises = shared.Slugs(_exercises);
        _review = shared.Review(_review);
    }

    /// <summary>
    /// A one-off build, once the article's view is made: lets go of its tags and exercise references, which only the view
    /// and the pages' planning read, through the view (about 80 bytes an article, kept while every page renders). The
    /// article reads as having neither from then on.
    /// </summary>
    internal void LetGoOfViewInputs()
    {
        _tags = [];
        _exercises = [];
    }

    /// <summary>The later of <see cref="Date"/> and <see cref="Updated"/>.</summary>
    public DateOnly LastChanged => Updated is { } u && u > Date ? u : Date;
}

/// <summary>The three difficulty levels of an exercise.</summary>
internal enum Difficulty
{
    Gentle,
    Moderate,
    Challenging,
}

/// <summary>Repetitions: a whole number or a range such as 5-10.</summary>
internal sealed record Reps(int Min, int Max)
{
    public bool IsRange => Min != Max;

    public override string ToString() => IsRange ? $"{Min} to {Max}" : Min.ToString(System.Globalization.CultureInfo.InvariantCulture);
}

/// <summary>An exercise guide with its structured card data.</summary>
internal sealed record Exercise : ContentItem
{
    public override ContentKind Kind => ContentKind.Exercise;

    public required string Position { get; init; }

    public required IReadOnlyList<string> Steps { get; init; }

    public required Difficulty Difficulty { get; init; }

    public Reps? Reps { get; init; }

    public int? Sets { get; init; }

    public int? HoldSeconds { get; init; }

    public bool EachSide { get; init; }

    public string? Frequency { get; init; }

    public IReadOnlyList<string> Equipment { get; init; } = [];

    public IReadOnlyList<string> Targets { get; init; } = [];

    /// <summary>True, false, or null when the editor has not said.</summary>
    public bool? SuitableInPregnancy { get; init; }

    public IReadOnlyList<string> Tips { get; init; } = [];

    public IReadOnlyList<string> Cautions { get; init; } = [];

    public IReadOnlyList<Video> Videos { get; init; } = [];

    public ImageRef? Image { get; init; }

    public Review? Review { get => _review; init => _review = value; }

    private Review? _review;

    public override Review? ReviewRecord => Review;

    internal override void KeepForPages(SharedParts shared)
    {
        base.KeepForPages(shared);
        _review = shared.Review(_review);
    }
}

/// <summary>A static page such as about, contact or privacy.</summary>
internal sealed record StaticPage : ContentItem
{
    public override ContentKind Kind => ContentKind.Page;

    /// <summary>How the page is laid out: one of <see cref="PageLayouts.All"/>.</summary>
    public string Layout { get; init; } = PageLayouts.Page;
}

/// <summary>The values of a page's <c>layout:</c>: what the page is, so templates branch on it rather than on a slug.</summary>
internal static class PageLayouts
{
    /// <summary>A plain page of text.</summary>
    public const string Page = "page";

    /// <summary>About the clinic (schema.org <c>AboutPage</c>).</summary>
    public const string About = "about";

    /// <summary>The contact page: the clinic's details from <c>site.yml</c> above the text (schema.org <c>ContactPage</c>).</summary>
    public const string Contact = "contact";

    public static readonly string[] All = [Page, About, Contact];
}
