using BackCareSite.Content;
using BackCareSite.Markdown;
using BackCareSite.Pictures;
using BackCareSite.Rendering;

namespace BackCareSite.Tests.Rendering;

/// <summary>
/// Issue #19: what a one-off build keeps for every item while every page renders, kept smaller and read back the same:
/// an article's title, description and slug packed as UTF-8 (shared with its view), an exercise's review, sources and
/// feedback link made when read, a picture's absolute URL made from the site's origin, a body's link sites in arrays of
/// their exact length.
/// </summary>
public sealed class CompactBuildValuesTests
{
    [Theory]
    [InlineData("Walking", "Walk a little.", "walking")]
    [InlineData("Hüfte – Übungen für zu Hause", "Schmerz? 🦴 Ruhig bleiben.", "huefte-uebungen")]
    [InlineData("", "", "x")]
    public void PackedTextsReadBackTheSame(string title, string description, string slug)
    {
        var packed = ItemTexts.Pack(title, description, slug)!;

        Assert.Equal(title, ItemTexts.Title(packed));
        Assert.Equal(description, ItemTexts.Description(packed));
        Assert.Equal(slug, ItemTexts.Slug(packed));
        Assert.True(packed.Length < (title.Length + description.Length + slug.Length) * 2 + 10);
    }

    [Fact]
    public void ATextUtf8CannotHoldIsNotPackedAndStaysAsItWas()
    {
        Assert.Null(ItemTexts.Pack("Broken \uD800 title", "fine", "slug"));

        var article = Walking() with { Title = "Broken \uD800 title" };
        article.KeepForPages(new SharedParts());

        Assert.Null(article.PackedTexts);
        Assert.Equal("Broken \uD800 title", article.Title);
    }

    [Fact]
    public void AKeptArticleHoldsItsTextsPackedAndItsViewSharesThem()
    {
        var article = Walking();
        article.KeepForPages(new SharedParts());

        Assert.NotNull(article.PackedTexts);
        Assert.Equal(("Walking", "Walk a little.", "walking", "/articles/walking/"), (article.Title, article.Description, article.Slug, article.Path));

        var view = Factory(serve: false).Article(article, new Dictionary<string, ExerciseView>(), new Dictionary<string, int>());
        Assert.Same(article.PackedTexts, view.Texts);
        Assert.Equal(("Walking", "Walk a little.", "walking"), (view.Title, view.Description, view.Slug));
        Assert.All(
            typeof(ArticleView).GetFields(System.Reflection.BindingFlags.Instance | System.Reflection.BindingFlags.NonPublic).Where(f => f.FieldType == typeof(string)),
            f => Assert.NotEqual("Walk a little.", f.GetValue(view)));
    }

    [Fact]
    public void ABuildsExerciseViewMakesItsOwnPartsWhenReadAndHoldsNoneOfThem()
    {
        var exercise = Bridge();
        var built = Factory(serve: false).Exercise(exercise);
        var served = Factory(serve: true).Exercise(exercise);

        Assert.Equal(served.FeedbackUrl, built.FeedbackUrl);
        Assert.StartsWith("mailto:feedback@clinic.example?subject=", built.FeedbackUrl, StringComparison.Ordinal);
        Assert.Equal(served.Review, built.Review);
        Assert.Equal("Ana Example", built.Review!.ReviewedBy);
        Assert.Equal(served.Sources, built.Sources);
        Assert.Equal("Back pain", Assert.Single(built.Sources).Title);
        Assert.Same(exercise, built.MakeOwnParts!.Value.Of);
        Assert.Null(served.MakeOwnParts);
        Assert.All(
            typeof(ExerciseView).GetFields(System.Reflection.BindingFlags.Instance | System.Reflection.BindingFlags.NonPublic).Where(f => f.FieldType == typeof(string)),
            f => Assert.DoesNotContain("mailto:", f.GetValue(built) as string ?? "", StringComparison.Ordinal));
    }

    [Fact]
    public void APicturesAbsoluteUrlIsMadeFromTheOriginOrHeld()
    {
        var made = new ImageView("/media/back.png", "A back", 10, 20) { Origin = "https://clinic.example" };
        var held = new ImageView("/media/back.png", "A back", 10, 20) { HeldAbsoluteUrl = "https://clinic.example/media/back.png" };

        Assert.Equal("https://clinic.example/media/back.png", made.AbsoluteUrl);
        Assert.Same(held.HeldAbsoluteUrl, held.AbsoluteUrl);
        Assert.Equal("/media/back.png", new ImageView("/media/back.png", "A back", null, null).AbsoluteUrl);

        var article = Walking() with { Image = new ImageRef("media/back.png", "A back", Spot.Start) };
        var built = Factory(serve: false).Article(article, new Dictionary<string, ExerciseView>(), new Dictionary<string, int>()).Image!;
        var served = Factory(serve: true).Article(article, new Dictionary<string, ExerciseView>(), new Dictionary<string, int>()).Image!;
        Assert.Null(built.HeldAbsoluteUrl);
        Assert.Equal("https://clinic.example/media/back.png", built.AbsoluteUrl);
        Assert.Equal(built.AbsoluteUrl, served.AbsoluteUrl);
        Assert.NotNull(served.HeldAbsoluteUrl);
    }

    [Fact]
    public void ABodysSitesAreArraysOfTheirExactLengthAndNoEmbedsShareOne()
    {
        var tree = Markdig.Markdown.Parse("[a](/a/) and [b](/b/) and ![c](/media/c.png)\n\n[d](/d/)", MarkdownPipelineFactory.Create());
        var sites = BodySites.Of(tree);
        var other = BodySites.Of(Markdig.Markdown.Parse("No links.", MarkdownPipelineFactory.Create()));

        var links = Assert.IsType<LinkSite[]>(sites.Links);
        Assert.Equal(["/a/", "/b/", "/media/c.png", "/d/"], links.Select(l => l.Url));
        Assert.Same(Array.Empty<EmbedSite>(), sites.Embeds);
        Assert.Same(Array.Empty<LinkSite>(), other.Links);
    }

    private static Article Walking() => new()
    {
        Source = new SourceFile("articles/walking.md", "content/articles/walking.md", "/site/content/articles/walking.md", ""),
        Slug = "walking", Title = "Walking", Description = "Walk a little.", Date = new DateOnly(2026, 1, 2),
        Body = Markdig.Markdown.Parse("Walk."),
    };

    private static Exercise Bridge() => new()
    {
        Source = new SourceFile("exercises/bridge.md", "content/exercises/bridge.md", "/site/content/exercises/bridge.md", ""),
        Slug = "bridge", Title = "Bridge", Description = "Lift the hips.", Position = "Lying on your back", Steps = ["Lift."],
        Difficulty = Difficulty.Gentle, Body = Markdig.Markdown.Parse("Lift."),
        Sources = [new Citation("Back pain", "https://www.nhs.uk/conditions/back-pain/", "NHS", null, null, Spot.Start)],
        Review = new Review(new DateOnly(2026, 1, 1), "ana", new DateOnly(2027, 1, 1), Spot.Start),
    };

    // A one-off build's factory, or serve's (own parts made at each read, strings shared).
    private static ViewFactory Factory(bool serve) =>
        new(new SiteUrls("https://clinic.example/"), new Dictionary<string, MediaFile>(), new Dictionary<string, PicturePlan>())
        {
            OwnPartsWhenRead = !serve, OwnPartsAtEachRead = serve, ShareStrings = serve, FeedbackEmail = "feedback@clinic.example",
            Reviewers = new Dictionary<string, Reviewer> { ["ana"] = new("ana", "Ana Example", "Physiotherapist", "PH000001", null, Spot.Start) },
        };
}
