using System.Globalization;
using BackCareSite.Content;

namespace BackCareSite.Rendering;

// The objects templates see. Scriban names members in snake_case:
// `article.date.text`, `exercise.hold_seconds`, `page.canonical_url`.

/// <summary>A date as templates show it: <c>iso</c> for datetime attributes, <c>text</c> for readers.</summary>
internal sealed record DateView(string Iso, string Text)
{
    public static DateView From(DateOnly date) => new(
        date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        date.ToString("d MMMM yyyy", CultureInfo.InvariantCulture));

    public static DateView? From(DateOnly? date) => date is { } d ? From(d) : null;
}

/// <summary>Review dates; nothing here depends on the day of the build, so output stays reproducible.</summary>
/// <remarks><c>reviewed_by</c> is the reviewer's name, with their profession, registration and bio link from reviewers.yml.</remarks>
internal sealed record ReviewView(DateView ReviewedOn, string ReviewedBy, DateView NextReview)
{
    public string? Profession { get; init; }

    public string? Registration { get; init; }

    public string? BioUrl { get; init; }
}

/// <summary>A source as the Sources list shows it: linked when it has a URL, else with its publisher.</summary>
internal sealed record SourceView(string Title, string? Url, string? Publisher, DateView? Published, DateView? Accessed);

/// <summary>
/// A picture as <c>partials/picture.html</c> writes it: the fallback <c>&lt;img&gt;</c> (URL, size of
/// the upright picture) and, for a raster picture, one <c>&lt;source&gt;</c> per modern format.
/// </summary>
internal sealed record ImageView(string Url, string Alt, int? Width, int? Height)
{
    /// <summary>The image's absolute URL, for Open Graph and JSON-LD.</summary>
    public string AbsoluteUrl => HeldAbsoluteUrl ?? Origin + Url;

    /// <summary>
    /// The absolute URL as one kept string (<c>serve</c>'s views share it with every page's metadata); null in a one-off
    /// build, where <see cref="AbsoluteUrl"/> is made from <see cref="Origin"/> when read (a string an image, kept with
    /// each view while every page of a large site renders, for the few reads of its own page).
    /// </summary>
    internal string? HeldAbsoluteUrl { get; init; }

    /// <summary>The site's scheme and host (<c>https://example.org</c>), which <see cref="Url"/> is under.</summary>
    internal string Origin { get; init; } = "";

    /// <summary>AVIF then WebP, each with its widths; empty for SVG and other pictures published as they are.</summary>
    public IReadOnlyList<PictureSourceView> Sources { get; init; } = [];

    /// <summary>The file's path in the content folder (<c>media/x.jpg</c>), for its social card.</summary>
    public string? MediaPath { get; init; }

    /// <summary>A Markdown image's title, if it has one.</summary>
    public string? Title { get; init; }
}

/// <summary>One <c>&lt;source&gt;</c>: a MIME type and its <c>srcset</c> (<c>url 480w, url 960w</c>).</summary>
internal sealed record PictureSourceView(string Type, string Srcset);

/// <summary>One choice of the exercise index's filter: its value, words and how many exercises match.</summary>
internal sealed record FilterOption(string Value, string Title, int Count);

/// <summary>One group of the search page's tick boxes: the field name Pagefind filters by, its legend and its choices.</summary>
internal sealed record FilterGroup(string Name, string Legend, IReadOnlyList<FilterOption> Options);

internal sealed record TagView(string Name, string Url, int Count);

internal sealed record VideoView(string Title, string Url);

internal sealed record LinkView(string Title, string Url);

/// <summary>An article as lists and its own page show it.</summary>
internal sealed class ArticleView
{
    public string Title { get => _title ?? ItemTexts.Title(_texts!); init => _title = value; }

    public string Description { get => _description ?? ItemTexts.Description(_texts!); init => _description = value; }

    /// <summary>
    /// In a one-off build, the article's packed title, description and slug (<see cref="ItemTexts"/>), the
    /// article's own array: the view holds no strings of them, and each read makes the text again.
    /// </summary>
    internal byte[]? Texts { get => _texts; init => _texts = value; }

    private string? _title;
    private string? _description;
    private string? _slug;
    private byte[]? _texts;

    public required string Url { get; init; }

    /// <summary>
    /// Its page's output path: the item's own string, which the page's metadata shares (<c>serve</c> keeps every page's
    /// metadata; not a template value). Null for a view made without an item (tests): made from the URL path then.
    /// </summary>
    internal string? OutputPath { get; init; }

    public string Slug { get => _slug ?? ItemTexts.Slug(_texts!); init => _slug = value; }

    public required DateView Date { get; init; }

    public DateView? Updated { get; init; }

    public required DateView LastChanged { get; init; }

    public string? Author { get; init; }

    public required IReadOnlyList<TagView> Tags { get; init; }

    public ImageView? Image { get; init; }

    public ReviewView? Review { get => Own.Review; init => _own = Own with { Review = value }; }

    /// <summary>The sources the page rests on, in the order written.</summary>
    public IReadOnlyList<SourceView> Sources { get => Own.Sources; init => _own = Own with { Sources = value }; }

    /// <summary>A <c>mailto:</c> link with the page's title and address filled in; null for pages that are not health pages.</summary>
    public string? FeedbackUrl { get => Own.FeedbackUrl; init => _own = Own with { FeedbackUrl = value }; }

    /// <summary>
    /// For a one-off build: what makes <see cref="Review"/>, <see cref="Sources"/> and <see cref="FeedbackUrl"/>, which the
    /// templates show on the article's own page. They are made when first read and let go after that page
    /// (<see cref="LetGoOfOwnParts"/>), so a large site's views do not hold them all while every page renders; a page that
    /// reads them later (a list page of another site's templates) has them made again, the same. The factory and the
    /// article, not a delegate: a delegate and its closure were 0.9 MB at 10,000 articles, kept while every page renders.
    /// </summary>
    internal (ViewFactory By, Article Of)? MakeOwnParts
    {
        get => _ownBy is null ? null : (_ownBy, _ownOf!);
        init
        {
            (_ownBy, _ownOf) = value is { } v ? (v.By, v.Of) : (null, null);
            _own = value is null ? _own : null;
        }
    }

    /// <summary>
    /// With <see cref="MakeOwnParts"/>, for <c>serve</c>: the parts are made at every read and never held. A kept view
    /// lives for the session, but only its article's own page reads them (when it is rendered, or its trace replayed),
    /// and held they were about 0.8 KB an article (the feedback link's text most of it: 8 MB at 10,000 articles). Each
    /// read gives equal values, which is what a trace compares.
    /// </summary>
    internal bool HoldsNoOwnParts { get; init; }

    /// <summary>Whether the view holds its review, sources and feedback link now (for tests).</summary>
    internal bool HoldsOwnParts => _own is not null;

    public required IReadOnlyList<ExerciseView> Exercises { get; init; }

    /// <summary>A draft shown by <c>--drafts</c>: never in the search index.</summary>
    public bool Draft { get; init; }
    /// <summary>The article's sections for a contents list (title and <c>#id</c>); empty for a short article.</summary>
    /// <remarks>
    /// Held as its texts, each section's title and <c>#id</c> in turn, and made into links at each read (equal each time, which
    /// is what a trace compares): serve keeps every view for the session, and a link object and the list of them took about
    /// 2 MB at 10,000 articles (docs/serve.md, "Sixteenth session"). Only the article's own page reads them.
    /// </remarks>
    public IReadOnlyList<LinkView> Contents
    {
        get
        {
            var texts = _contents;
            if (texts.Length == 0)
            {
                return [];
            }

            var links = new LinkView[texts.Length / 2];
            for (var i = 0; i < links.Length; i++)
            {
                links[i] = new LinkView(texts[2 * i], texts[(2 * i) + 1]);
            }

            return links;
        }

        set
        {
            var texts = value.Count == 0 ? [] : new string[value.Count * 2];
            for (var i = 0; i < value.Count; i++)
            {
                texts[2 * i] = value[i].Title;
                texts[(2 * i) + 1] = value[i].Url;
            }

            _contents = texts;
        }
    }

    private string[] _contents = [];

    /// <summary>The rendered Markdown body; set once the body is rendered.</summary>
    public RawHtml Content { get; set; } = RawHtml.Empty;

    private readonly ViewFactory? _ownBy;
    private readonly Article? _ownOf;

    // Given, or made by MakeOwnParts when read (two pages reading at once may both make them: the same values).
    private OwnParts? _own = new([], null, null);

    private OwnParts Own => _own ?? (HoldsNoOwnParts ? _ownBy!.OwnParts(_ownOf!) : _own = _ownBy!.OwnParts(_ownOf!));

    /// <summary>Lets go of the parts <see cref="MakeOwnParts"/> made (after the article's own page); nothing when they were given.</summary>
    internal void LetGoOfOwnParts()
    {
        if (_ownBy is not null)
        {
            _own = null;
        }
    }

    /// <summary>What only an article's own page shows of it.</summary>
    internal sealed record OwnParts(IReadOnlyList<SourceView> Sources, ReviewView? Review, string? FeedbackUrl);
}

/// <summary>An exercise with its card, as its page, cards and the index show it.</summary>
internal sealed class ExerciseView
{
    public required string Title { get; init; }

    public required string Description { get; init; }

    public required string Url { get; init; }

    /// <summary>
    /// Its page's output path: the item's own string, which the page's metadata shares (<c>serve</c> keeps every page's
    /// metadata; not a template value). Null for a view made without an item (tests): made from the URL path then.
    /// </summary>
    internal string? OutputPath { get; init; }

    public required string Slug { get; init; }

    public required string Position { get; init; }

    /// <summary>The starting position's kind for the index filter: <c>lying</c>, <c>sitting</c>, <c>standing</c>, <c>kneeling</c>, <c>water</c> or <c>other</c>.</summary>
    public required string PositionKind { get; init; }

    /// <summary>The reader's words for <see cref="PositionKind"/>, such as <c>Lying down</c>.</summary>
    public required string PositionKindTitle { get; init; }

    public required IReadOnlyList<string> Steps { get; init; }

    /// <summary><c>gentle</c>, <c>moderate</c> or <c>challenging</c>.</summary>
    public required string Difficulty { get; init; }

    /// <summary><c>Gentle</c>, <c>Moderate</c> or <c>Challenging</c>.</summary>
    public required string DifficultyTitle { get; init; }

    public string? Reps { get; init; }

    public int? RepsMin { get; init; }

    public int? RepsMax { get; init; }

    public int? Sets { get; init; }

    public int? HoldSeconds { get; init; }

    public bool EachSide { get; init; }

    public string? Frequency { get; init; }

    public required IReadOnlyList<string> Equipment { get; init; }

    public required IReadOnlyList<string> Targets { get; init; }

    public bool? SuitableInPregnancy { get; init; }

    /// <summary><c>yes</c>, <c>no</c> or <c>unknown</c> (the editor has not said), for the index filter.</summary>
    public string Pregnancy => SuitableInPregnancy switch { true => "yes", false => "no", null => "unknown" };

    public required IReadOnlyList<string> Tips { get; init; }

    public required IReadOnlyList<string> Cautions { get; init; }

    public required IReadOnlyList<VideoView> Videos { get; init; }

    public ImageView? Image { get; init; }

    public ReviewView? Review { get => _ownBy is null ? field : _ownBy.ReviewOf(_ownOf!); init; }

    /// <summary>A draft shown by <c>--drafts</c>: never in the search index.</summary>
    public bool Draft { get; init; }
    /// <summary>The sources the page rests on, in the order written.</summary>
    public IReadOnlyList<SourceView> Sources { get => _ownBy is null ? field : ViewFactory.Sources(_ownOf!.Sources); init; } = [];

    /// <summary>A <c>mailto:</c> link with the page's title and address filled in; null for pages that are not health pages.</summary>
    public string? FeedbackUrl { get => _ownBy is null ? field : _ownBy.FeedbackUrlOf(_ownOf!); init; }

    /// <summary>
    /// For a one-off build: <see cref="Review"/>, <see cref="Sources"/> and <see cref="FeedbackUrl"/> are made from the
    /// factory and the exercise at each read, not held (only the exercise's own page reads them; held, they were about
    /// 0.6 KB an exercise, most of it the feedback link's text, kept while every page of a large site renders).
    /// </summary>
    internal (ViewFactory By, Exercise Of)? MakeOwnParts
    {
        get => _ownBy is null ? null : (_ownBy, _ownOf!);
        init => (_ownBy, _ownOf) = value is { } v ? (v.By, v.Of) : (null, null);
    }

    private ViewFactory? _ownBy;
    private Exercise? _ownOf;

    /// <summary>The exercise card, rendered once from <c>partials/exercise-card.html</c>.</summary>
    public RawHtml Card { get; set; } = RawHtml.Empty;

    public RawHtml Content { get; set; } = RawHtml.Empty;
}

/// <summary>A static page such as about or contact.</summary>
internal sealed class PageView
{
    public required string Title { get; init; }

    public required string Description { get; init; }

    public required string Url { get; init; }

    /// <summary>
    /// Its page's output path: the item's own string, which the page's metadata shares (<c>serve</c> keeps every page's
    /// metadata; not a template value). Null for a view made without an item (tests): made from the URL path then.
    /// </summary>
    internal string? OutputPath { get; init; }

    public required string Slug { get; init; }

    /// <summary>The page's <c>layout:</c>, such as <c>contact</c>; see <see cref="PageLayouts"/>.</summary>
    public required string Layout { get; init; }

    public RawHtml Content { get; set; } = RawHtml.Empty;
}

/// <summary>What every page's layout needs: title, description, URLs and kind.</summary>
internal sealed record PageMeta(
    string Title,
    string Description,
    string Url,
    string CanonicalUrl,
    string Kind,
    string OutputPath)
{
    // The canonical URL is held as what comes before the page's URL in it, the site's origin, one string for every page,
    // and made again at each read (serve keeps every page's metadata: 1.9 MB of canonical URLs at 10,000 articles;
    // docs/serve.md, "Seventeenth session"); held whole when it does not end with the page's URL.
    private readonly (string? Origin, string? Whole) _canonical = Split(CanonicalUrl, Url);

    /// <summary>The page's absolute URL (the site's origin and <see cref="Url"/>).</summary>
    public string CanonicalUrl
    {
        get => _canonical.Whole ?? string.Concat(_canonical.Origin, Url);
        init => _canonical = Split(value, Url);
    }

    // Declared here, after CanonicalUrl, so that templates see the members in the order of the parameters (ViewMembers).
    public string Kind { get; init; } = Kind;

    public string OutputPath { get; init; } = OutputPath;

    private static (string? Origin, string? Whole) Split(string canonicalUrl, string url)
    {
        if (url.Length == 0 || !canonicalUrl.EndsWith(url, StringComparison.Ordinal))
        {
            return (null, canonicalUrl);
        }

        var origin = canonicalUrl.AsSpan(0, canonicalUrl.Length - url.Length);
        if (Volatile.Read(ref s_origin) is { } kept && origin.SequenceEqual(kept))
        {
            return (kept, null);
        }

        var made = origin.ToString();
        Volatile.Write(ref s_origin, made);
        return (made, null);
    }

    // The last origin split off: every page of a site has the same one.
    private static string? s_origin;

    /// <summary>Open Graph type: <c>article</c> for articles and exercises, else <c>website</c>.</summary>
    public string OgType { get; init; } = "website";

    /// <summary>An absolute image URL for Open Graph, when the page has a picture.</summary>
    public string? ImageUrl { get; init; }

    /// <summary>The picture shown when the page is shared (Open Graph, Twitter); null when the templates have no default card.</summary>
    public SocialCardView? Card { get; init; }

    /// <summary>The date the page last changed, for the sitemap; null when unknown.</summary>
    public DateView? LastModified { get; init; }

    /// <summary>schema.org JSON-LD for the page, ready to write inside a script element.</summary>
    public RawHtml JsonLd { get; init; } = RawHtml.Empty;

    /// <summary>True for the 404 page, which must not name a canonical URL.</summary>
    public bool NoIndex { get; init; }
}

/// <summary>A social card: absolute URL, size and description.</summary>
internal sealed record SocialCardView(string Url, int Width, int Height, string Alt);

internal sealed record PaginationView(int Page, int TotalPages, string? PrevUrl, string? NextUrl, IReadOnlyList<PageLinkView> Pages)
{
    /// <summary>Equal when every member is, the page links compared one by one (<c>serve</c> keeps an index page whose pagination is equal).</summary>
    public bool Equals(PaginationView? other) =>
        other is not null && Page == other.Page && TotalPages == other.TotalPages && PrevUrl == other.PrevUrl && NextUrl == other.NextUrl
        && Pages.SequenceEqual(other.Pages);

    public override int GetHashCode() => HashCode.Combine(Page, TotalPages, PrevUrl, NextUrl, Pages.Count);
}

/// <summary>One entry of the page list: a numbered link (the current page marked), or a gap between numbers.</summary>
internal sealed record PageLinkView(string Title, string? Url, bool Current, bool Gap);

internal sealed record DifficultyGroup(string Difficulty, string Title, IReadOnlyList<ExerciseView> Exercises);

internal sealed record RedFlagLevelView(string Id, string Title, string Advice, int Rank, string? ActionLabel, string? ActionUrl, IReadOnlyList<RedFlagView> Flags);

internal sealed record RedFlagView(string Id, string Question, string Level)
{
    public IReadOnlyList<SourceView> Sources { get; init; } = [];
}

internal sealed record RedFlagsView(IReadOnlyList<RedFlagLevelView> Levels, IReadOnlyList<RedFlagView> Flags)
{
    /// <summary>What the checker is for: signposting, not diagnosis.</summary>
    public string IntendedPurpose { get; init; } = "";

    /// <summary>Every sign's sources once, in the order the signs cite them.</summary>
    public IReadOnlyList<SourceView> Sources => Flags.SelectMany(f => f.Sources).Distinct().ToList();
}
