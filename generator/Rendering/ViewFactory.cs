using System.Collections.Concurrent;
using System.Globalization;
using BackCareSite.Content;
using BackCareSite.Pictures;
using Markdig.Renderers.Html;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace BackCareSite.Rendering;

/// <summary>Builds the template views of content items (once per item).</summary>
internal sealed class ViewFactory(SiteUrls urls, IReadOnlyDictionary<string, MediaFile> media, IReadOnlyDictionary<string, PicturePlan> pictures)
{
    // One view per tag and per date, shared by every item that shows it (views are immutable records): a large
    // site's articles otherwise each held their own, with their own strings (60,000 tag views and 48,000 date
    // views at 20,000 articles, about 11 MB while pages render).
    private readonly ConcurrentDictionary<string, TagView> _tags = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<int, DateView> _dates = new();

    /// <summary>
    /// Whether the texts this factory makes (contents lists' titles and <c>#id</c>s, pictures' addresses) are shared
    /// with every view that shows the same text (<see cref="ViewStrings"/>): <c>serve</c>, which keeps every view. A
    /// one-off build lets go of each view's texts with its page, and keeps no table of them. So is each item's output path
    /// held by its view, for its page's metadata to share (serve keeps every page's metadata); a one-off build makes it with
    /// the page, rather than keep 1.5 MB of them per 10,000 articles from the first page rendered.
    /// </summary>
    public bool ShareStrings { get; init; }

    /// <summary>The reviewers of reviewers.yml, whose names and registrations pages show.</summary>
    public IReadOnlyDictionary<string, Reviewer> Reviewers { get; init; } = new Dictionary<string, Reviewer>();

    /// <summary>The address of health pages' feedback links (site.yml's <c>feedback_email</c>).</summary>
    public string? FeedbackEmail { get; init; }

    public ExerciseView Exercise(Exercise e) => new()
    {
        Title = e.Title, Description = e.Description, Url = urls.Local(e.Path), OutputPath = ShareStrings ? e.OutputPath : null, Slug = e.Slug, Position = e.Position,
        PositionKind = PositionKinds.Of(e.Position), PositionKindTitle = PositionKinds.Title(PositionKinds.Of(e.Position)),
        Steps = e.Steps, Difficulty = e.Difficulty.ToString().ToLowerInvariant(), DifficultyTitle = e.Difficulty.ToString(), Reps = e.Reps?.ToString(), RepsMin = e.Reps?.Min, RepsMax = e.Reps?.Max, Sets = e.Sets,
        HoldSeconds = e.HoldSeconds, EachSide = e.EachSide, Frequency = e.Frequency, Equipment = e.Equipment,
        Targets = e.Targets, SuitableInPregnancy = e.SuitableInPregnancy, Tips = e.Tips, Cautions = e.Cautions,
        Videos = e.Videos.Select(v => new VideoView(v.Title, v.Url)).ToList(), Image = Image(e.Image),
        Draft = e.Draft,
        // Made at each read in a one-off build (see ExerciseView.MakeOwnParts); held otherwise.
        Review = OwnPartsWhenRead ? null : Review(e.Review), Sources = OwnPartsWhenRead ? [] : Sources(e.Sources), FeedbackUrl = OwnPartsWhenRead ? null : FeedbackUrl(e),
        MakeOwnParts = OwnPartsWhenRead ? (this, e) : null,
    };

    /// <summary>An exercise's review as its page shows it (<see cref="ExerciseView.MakeOwnParts"/>).</summary>
    internal ReviewView? ReviewOf(Exercise e) => Review(e.Review);

    /// <summary>An exercise's feedback link (<see cref="ExerciseView.MakeOwnParts"/>).</summary>
    internal string? FeedbackUrlOf(Exercise e) => FeedbackUrl(e);

    /// <summary>Whether an article view makes its review, sources and feedback link when read (<see cref="ArticleView.MakeOwnParts"/>): a one-off build's.</summary>
    public bool OwnPartsWhenRead { get; init; }

    /// <summary>
    /// Whether an article view makes its review, sources and feedback link at every read and never holds them
    /// (<see cref="ArticleView.HoldsNoOwnParts"/>): <c>serve</c>'s, which keeps every view for the session but reads
    /// those parts only when the article's own page is rendered or its trace replayed.
    /// </summary>
    public bool OwnPartsAtEachRead { get; init; }

    public ArticleView Article(Article a, IReadOnlyDictionary<string, ExerciseView> exercises, IReadOnlyDictionary<string, int> tagCounts)
    {
        var own = OwnPartsWhenRead || OwnPartsAtEachRead ? null : OwnParts(a);
        return new ArticleView
        {
            // An article whose texts are packed (a one-off build's) shares the array: no strings of them held for the build.
            Texts = a.PackedTexts,
            Title = a.PackedTexts is null ? a.Title : null!, Description = a.PackedTexts is null ? a.Description : null!,
            Url = urls.Local(a.Path), OutputPath = ShareStrings ? a.OutputPath : null, Slug = a.PackedTexts is null ? a.Slug : null!,
            Date = Date(a.Date), Updated = Date(a.Updated), LastChanged = Date(a.LastChanged),
            Author = a.Author, Tags = a.Tags.Select(t => Tag(t, tagCounts.GetValueOrDefault(t))).ToArray(),
            Image = Image(a.Image),
            // Made now, when a page first reads them (a one-off build), or at every read (serve).
            Review = own?.Review, Sources = own?.Sources ?? [], FeedbackUrl = own?.FeedbackUrl,
            MakeOwnParts = own is null ? (this, a) : null,
            HoldsNoOwnParts = OwnPartsAtEachRead,
            Exercises = a.Exercises.Select(r => exercises.GetValueOrDefault(r.Value)).OfType<ExerciseView>().ToArray(),
            Draft = a.Draft,
            Contents = a.BodyReleased ? [] : Contents(a.Body, ShareStrings), // else set where the body is parsed again to be rendered
        };
    }

    /// <summary>An article's review, sources and feedback link, as its own page shows them (see <see cref="ArticleView.MakeOwnParts"/>).</summary>
    internal ArticleView.OwnParts OwnParts(Article a) => new(Sources(a.Sources), Review(a.Review), FeedbackUrl(a));

    /// <summary>How many sections make an article long enough for a contents list.</summary>
    public const int ContentsMinSections = 4;

    /// <summary>
    /// The article's sections (its level-2 headings, with the ids Markdig gave them while
    /// parsing) for a contents list; empty for an article with fewer than <see cref="ContentsMinSections"/>.
    /// Read from the tree before the body is rendered and released.
    /// </summary>
    /// <param name="share">Whether the titles and ids are <see cref="ViewStrings"/>' copies (see <see cref="ShareStrings"/>).</param>
    internal static IReadOnlyList<LinkView> Contents(MarkdownDocument body, bool share)
    {
        var sections = body.Descendants<HeadingBlock>()
            .Where(h => h.Level == 2 && h.GetAttributes().Id is { Length: > 0 })
            .Select(h => new LinkView(ViewStrings.Share(PlainText(h.Inline), share), ViewStrings.Share("#" + h.GetAttributes().Id, share)))
            .ToList();
        return sections.Count >= ContentsMinSections ? sections : [];
    }

    private static string PlainText(ContainerInline? inline) => inline is null ? "" : string.Concat(inline.Descendants<LeafInline>().Select(l => l switch
    {
        LiteralInline literal => literal.Content.ToString(),
        CodeInline code => code.Content,
        LineBreakInline => " ",
        _ => "",
    }));

    public PageView Page(StaticPage p) => new() { Title = p.Title, Description = p.Description, Url = urls.Local(p.Path), OutputPath = ShareStrings ? p.OutputPath : null, Slug = p.Slug, Layout = p.Layout };

    public TagView Tag(string name, int count) =>
        _tags.TryGetValue(name, out var kept) && kept.Count == count ? kept : _tags[name] = new TagView(name, urls.Local($"/tags/{name}/"), count);

    private DateView Date(DateOnly date) => _dates.GetOrAdd(date.DayNumber, static day => DateView.From(DateOnly.FromDayNumber(day)));

    private DateView? Date(DateOnly? date) => date is { } d ? Date(d) : null;

    private ImageView? Image(ImageRef? image)
    {
        if (image is null)
        {
            return null;
        }

        if (pictures.TryGetValue(image.Path, out var plan))
        {
            return Picture(plan, image.Alt, urls, ShareStrings) with { MediaPath = image.Path };
        }

        var size = media.GetValueOrDefault(image.Path)?.Size;
        return new ImageView(Share(urls.Local("/" + image.Path)), image.Alt, size?.Width, size?.Height) { HeldAbsoluteUrl = ShareStrings ? Share(urls.Absolute("/" + image.Path)) : null, Origin = urls.Origin, MediaPath = image.Path };
    }

    private string Share(string text) => ViewStrings.Share(text, ShareStrings);

    /// <summary>A raster picture: its fallback, and a source per modern format listing every width.</summary>
    /// <param name="share">Whether its addresses are <see cref="ViewStrings"/>' copies (see <see cref="ShareStrings"/>).</param>
    public static ImageView Picture(PicturePlan plan, string alt, SiteUrls urls, bool share = false)
    {
        var fallback = plan.Fallback;
        var sources = plan.Variants.GroupBy(v => v.Format)
            .Select(g => new PictureSourceView(ViewStrings.Share(g.First().MimeType, share), ViewStrings.Share(string.Join(", ", g.Select(v => $"{urls.Local("/" + EscapePath(v.Path))} {v.Width.ToString(CultureInfo.InvariantCulture)}w")), share)))
            .ToList();
        return new ImageView(ViewStrings.Share(urls.Local("/" + EscapePath(fallback.Path)), share), alt, fallback.Width, fallback.Height)
        {
            HeldAbsoluteUrl = share ? ViewStrings.Share(urls.Absolute("/" + EscapePath(fallback.Path)), share) : null, Origin = urls.Origin,
            Sources = sources,
        };
    }

    private static string EscapePath(string path) => string.Join('/', path.Split('/').Select(Uri.EscapeDataString));

    private ReviewView? Review(Review? review)
    {
        if (review is null)
        {
            return null;
        }

        // An unknown id fails the build; only a previewed draft gets here with one, and shows it as written.
        var reviewer = Reviewers.GetValueOrDefault(review.ReviewedBy);
        return new ReviewView(Date(review.ReviewedOn), reviewer?.Name ?? review.ReviewedBy, Date(review.NextReview))
        {
            Profession = reviewer?.Profession,
            Registration = reviewer?.Registration,
            BioUrl = reviewer?.Bio is { } bio && bio.StartsWith('/') ? urls.Local(bio) : reviewer?.Bio,
        };
    }

    public static IReadOnlyList<SourceView> Sources(IReadOnlyList<Citation> sources) =>
        sources.Select(s => new SourceView(s.Title, s.Url, s.Publisher, DateView.From(s.Published), DateView.From(s.Accessed))).ToList();

    /// <summary>A mailto link whose subject names the page and whose body starts with its address.</summary>
    private string? FeedbackUrl(ContentItem item) => !item.IsHealthPage || FeedbackEmail is null ? null
        : $"mailto:{FeedbackEmail}?subject={Uri.EscapeDataString($"Feedback on \"{item.Title}\"")}&body={Uri.EscapeDataString($"Page: {urls.Absolute(item.Path)}\n\n")}";
}

/// <summary>
/// One copy of each text <c>serve</c>'s views show on many pages: an article's contents list is its headings' titles and
/// <c>#id</c>s, and pictures' addresses repeat on every item that shows them. Each view made its own copy: at 10,000
/// articles about 10 MB of the same texts, kept with every view for the whole session (docs/serve.md, "Session 12").
/// Texts are compared by value wherever views are (traces, equality), so sharing changes nothing else.
/// The table only grows (serve's texts of headings and pictures, each once); a one-off build does not use it.
/// </summary>
internal static class ViewStrings
{
    private static readonly ConcurrentDictionary<string, string> Texts = new(StringComparer.Ordinal);

    /// <summary>Whether the table holds this text (for tests).</summary>
    public static bool Holds(string text) => Texts.ContainsKey(text);

    /// <summary>The shared copy of <paramref name="text"/> when <paramref name="share"/>, else the text itself.</summary>
    public static string Share(string text, bool share) => share ? Texts.GetOrAdd(text, text) : text;
}
