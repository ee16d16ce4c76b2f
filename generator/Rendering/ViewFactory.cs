using BackCareSite.Content;
using Markdig.Renderers.Html;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace BackCareSite.Rendering;

/// <summary>Builds the template views of content items (once per item).</summary>
internal sealed class ViewFactory(SiteUrls urls, IReadOnlyDictionary<string, MediaFile> media)
{
    public ExerciseView Exercise(Exercise e) => new()
    {
        Title = e.Title, Description = e.Description, Url = urls.Local(e.Path), Slug = e.Slug, Position = e.Position,
        PositionKind = PositionKinds.Of(e.Position), PositionKindTitle = PositionKinds.Title(PositionKinds.Of(e.Position)),
        Steps = e.Steps, Difficulty = e.Difficulty.ToString().ToLowerInvariant(), DifficultyTitle = e.Difficulty.ToString(), Reps = e.Reps?.ToString(), RepsMin = e.Reps?.Min, RepsMax = e.Reps?.Max, Sets = e.Sets,
        HoldSeconds = e.HoldSeconds, EachSide = e.EachSide, Frequency = e.Frequency, Equipment = e.Equipment,
        Targets = e.Targets, SuitableInPregnancy = e.SuitableInPregnancy, Tips = e.Tips, Cautions = e.Cautions,
        Videos = e.Videos.Select(v => new VideoView(v.Title, v.Url)).ToList(), Image = Image(e.Image), Review = Review(e.Review),
        Draft = e.Draft,
    };

    public ArticleView Article(Article a, IReadOnlyDictionary<string, ExerciseView> exercises, IReadOnlyDictionary<string, int> tagCounts) => new()
    {
        Title = a.Title, Description = a.Description, Url = urls.Local(a.Path), Slug = a.Slug,
        Date = DateView.From(a.Date), Updated = DateView.From(a.Updated), LastChanged = DateView.From(a.LastChanged),
        Author = a.Author, Tags = a.Tags.Select(t => Tag(t, tagCounts.GetValueOrDefault(t))).ToList(),
        Image = Image(a.Image), Review = Review(a.Review),
        Exercises = a.Exercises.Select(r => exercises.GetValueOrDefault(r.Value)).OfType<ExerciseView>().ToList(),
        Draft = a.Draft,
        Contents = Contents(a.Body),
    };

    /// <summary>How many sections make an article long enough for a contents list.</summary>
    public const int ContentsMinSections = 4;

    /// <summary>
    /// The article's sections (its level-2 headings, with the ids Markdig gave them while
    /// parsing) for a contents list; empty for an article with fewer than <see cref="ContentsMinSections"/>.
    /// Read from the tree before the body is rendered and released.
    /// </summary>
    private static IReadOnlyList<LinkView> Contents(MarkdownDocument body)
    {
        var sections = body.Descendants<HeadingBlock>()
            .Where(h => h.Level == 2 && h.GetAttributes().Id is { Length: > 0 })
            .Select(h => new LinkView(PlainText(h.Inline), "#" + h.GetAttributes().Id))
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

    public PageView Page(StaticPage p) => new() { Title = p.Title, Description = p.Description, Url = urls.Local(p.Path), Slug = p.Slug, Layout = p.Layout };

    public TagView Tag(string name, int count) => new(name, urls.Local($"/tags/{name}/"), count);

    private ImageView? Image(ImageRef? image)
    {
        if (image is null)
        {
            return null;
        }

        var size = media.GetValueOrDefault(image.Path)?.Size;
        return new ImageView(urls.Local("/" + image.Path), image.Alt, size?.Width, size?.Height) { AbsoluteUrl = urls.Absolute("/" + image.Path) };
    }

    private ReviewView? Review(Review? review) => review is null ? null
        : new ReviewView(DateView.From(review.ReviewedOn), review.ReviewedBy, DateView.From(review.NextReview));
}
