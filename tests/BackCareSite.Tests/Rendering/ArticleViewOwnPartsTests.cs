using BackCareSite.Content;
using BackCareSite.Pictures;
using BackCareSite.Rendering;

namespace BackCareSite.Tests.Rendering;

/// <summary>
/// A one-off build's article views are kept while every page renders, and make what only the article's own page shows
/// (review, sources, feedback link) when it is read: from the factory and the article they hold, not from a delegate
/// and its closure for each view (0.9 MB at 10,000 articles).
/// </summary>
public sealed class ArticleViewOwnPartsTests
{
    [Fact]
    public void AnArticleViewMakesItsOwnPartsWhenReadLetsThemGoAndHoldsNoDelegate()
    {
        var article = Walking() with
        {
            Sources = [new Citation("Back pain", "https://www.nhs.uk/conditions/back-pain/", "NHS", null, null, Spot.Start)],
            Review = new Review(new DateOnly(2026, 1, 1), "ana", new DateOnly(2027, 1, 1), Spot.Start),
        };

        var view = ViewOf(article, serve: false);

        Assert.DoesNotContain(typeof(ArticleView).GetFields(System.Reflection.BindingFlags.Instance | System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Public),
            f => typeof(Delegate).IsAssignableFrom(f.FieldType));
        Assert.False(view.HoldsOwnParts);
        Assert.Equal("Back pain", Assert.Single(view.Sources).Title);
        Assert.Equal("Ana Example", view.Review!.ReviewedBy);
        Assert.StartsWith("mailto:feedback@clinic.example?subject=", view.FeedbackUrl, StringComparison.Ordinal);
        Assert.True(view.HoldsOwnParts);

        var review = view.Review;
        view.LetGoOfOwnParts();
        Assert.False(view.HoldsOwnParts);
        Assert.Equal(review, view.Review); // made again, the same
    }

    [Fact]
    public void OnlyServesViewsHoldTheirItemsOutputPath()
    {
        // Serve keeps every page's metadata, which shares the view's output path; a one-off build makes it with the page
        // and keeps none from the first page rendered (1.5 MB at 10,000 articles).
        var article = Walking();

        Assert.Null(ViewOf(article, serve: false).OutputPath);
        Assert.Same(article.OutputPath, ViewOf(article, serve: true).OutputPath);
        Assert.Equal("articles/walking/index.html", article.OutputPath);
    }

    private static Article Walking() => new()
    {
        Source = new SourceFile("articles/walking.md", "content/articles/walking.md", "/site/content/articles/walking.md", ""),
        Slug = "walking", Title = "Walking", Description = "Walk a little.", Date = new DateOnly(2026, 1, 2),
        Body = Markdig.Markdown.Parse("Walk."),
    };

    // A one-off build's factory (own parts made when read), or serve's (made at each read, strings shared).
    private static ArticleView ViewOf(Article article, bool serve) =>
        new ViewFactory(new SiteUrls("https://clinic.example/"), new Dictionary<string, MediaFile>(), new Dictionary<string, PicturePlan>())
        {
            OwnPartsWhenRead = !serve, OwnPartsAtEachRead = serve, ShareStrings = serve, FeedbackEmail = "feedback@clinic.example",
            Reviewers = new Dictionary<string, Reviewer> { ["ana"] = new("ana", "Ana Example", "Physiotherapist", "PH000001", null, Spot.Start) },
        }.Article(article, new Dictionary<string, ExerciseView>(), new Dictionary<string, int>());
}
