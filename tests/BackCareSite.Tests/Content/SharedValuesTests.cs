using BackCareSite.Content;
using BackCareSite.Tests.Support;

namespace BackCareSite.Tests.Content;

/// <summary>
/// Issue #19: what many articles repeat (tags, exercise slugs, authors, reviewers) is kept once for the site, not once an
/// article: a large site's content model is kept for the whole build.
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
}
