using BackCareSite.Content;
using BackCareSite.Tests.Support;

namespace BackCareSite.Tests.Content;

/// <summary>
/// Issue #19: what many articles repeat (tags, exercise slugs, authors, reviewers, an exercise's standard texts, a picture
/// and its description) is kept once for the site, not once an article: a large site's content model is kept for the whole build.
/// </summary>
public sealed class SharedValuesTests
{
    [Fact]
    public void ArticlesThatRepeatAValueShareOneCopyOfIt()
    {
        using var site = new TempSite()
            .Exercise("cat-cow")
            .Article("one", "author: Dr Ada Jones\ntags: [posture, sciatica]\nexercises: [cat-cow]\n")
            .Article("two", "author: Dr Ada Jones\ntags: [sciatica, posture]\nexercises: [cat-cow]\n");
        var diagnostics = new BackCareSite.Diagnostics.DiagnosticBag();

        var content = new ContentLoader(BackCareSite.Markdown.MarkdownPipelineFactory.Create())
            .Load(site.ContentDir, includeDrafts: false, new DateOnly(2026, 6, 1), diagnostics);

        Assert.False(diagnostics.HasErrors, string.Join("\n", diagnostics.Sorted()));
        var one = content!.Articles.Single(a => a.Slug == "one");
        var two = content.Articles.Single(a => a.Slug == "two");
        Assert.Equal("Dr Ada Jones", one.Author);
        Assert.Same(one.Author, two.Author);
        Assert.Same(one.Tags[0], two.Tags[1]);
        Assert.Same(one.Tags[1], two.Tags[0]);
        Assert.Same(one.Exercises[0].Value, two.Exercises[0].Value);
        Assert.Same(one.Review!.ReviewedBy, two.Review!.ReviewedBy);
    }

    [Fact]
    public void ExercisesAndPicturesThatRepeatATextShareOneCopyAndItemsWithoutAliasesOneEmptyList()
    {
        const string svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"320\" height=\"180\"><rect width=\"320\" height=\"180\" fill=\"#3a7\"/></svg>";
        const string extra = "frequency: twice a day\nequipment: [a mat]\ntargets: [lower back]\ntips:\n  - Keep breathing.\n"
                             + "cautions:\n  - Stop if it hurts.\nimage: media/spine.svg\nimage_alt: A spine\n";
        using var site = new TempSite()
            .Write("media/spine.svg", svg)
            .Exercise("cat-cow", extra)
            .Exercise("bird-dog", extra)
            .Article("one", "image: media/spine.svg\nimage_alt: A spine\n")
            .Article("two", "image: media/spine.svg\nimage_alt: A spine\naliases: [/old/two/]\n");
        var diagnostics = new BackCareSite.Diagnostics.DiagnosticBag();

        var content = new ContentLoader(BackCareSite.Markdown.MarkdownPipelineFactory.Create())
            .Load(site.ContentDir, includeDrafts: false, new DateOnly(2026, 6, 1), diagnostics);

        Assert.False(diagnostics.HasErrors, string.Join("\n", diagnostics.Sorted()));
        var (a, b) = (content!.Exercises[0], content.Exercises[1]);
        Assert.Equal(["Breathe in.", "Move slowly."], a.Steps);
        Assert.Same(a.Position, b.Position);
        Assert.Same(a.Steps[1], b.Steps[1]);
        Assert.Same(a.Frequency, b.Frequency);
        Assert.Same(a.Equipment[0], b.Equipment[0]);
        Assert.Same(a.Targets[0], b.Targets[0]);
        Assert.Same(a.Tips[0], b.Tips[0]);
        Assert.Same(a.Cautions[0], b.Cautions[0]);
        var one = content.Articles.Single(x => x.Slug == "one");
        var two = content.Articles.Single(x => x.Slug == "two");
        Assert.Same(a.Image!.Path, one.Image!.Path);
        Assert.Same(one.Image.Alt, two.Image!.Alt);
        Assert.Equal("/old/two/", Assert.Single(two.Aliases).Value);
        Assert.Same(one.Aliases, a.Aliases);
    }
}
