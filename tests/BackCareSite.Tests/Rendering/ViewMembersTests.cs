using System.Runtime.CompilerServices;
using BackCareSite.Bench;
using BackCareSite.Build;
using BackCareSite.Rendering;
using BackCareSite.Tests.Support;
using Scriban;
using Scriban.Parsing;

namespace BackCareSite.Tests.Rendering;

/// <summary>
/// Templates read views through typed tables (<see cref="ViewMembers"/>), not reflection: each table must
/// name exactly the members Scriban's reflective accessor names, in its order, and read the same values.
/// </summary>
public sealed class ViewMembersTests
{
    [Fact]
    public void EveryTableNamesWhatScribansReflectionNamesInItsOrder()
    {
        Assert.NotEmpty(ViewMembers.Types);
        foreach (var type in ViewMembers.Types)
        {
            var instance = RuntimeHelpers.GetUninitializedObject(type);
            var context = new TemplateContext();
            var reflective = context.GetMemberAccessor(instance);
            var typed = ViewMembers.For(type, reflective)!;

            Assert.Equal(reflective.GetMembers(context, default, instance).ToList(), typed.GetMembers(context, default, instance).ToList());
            Assert.Equal(reflective.GetMemberCount(context, default, instance), typed.GetMemberCount(context, default, instance));
            Assert.False(typed.HasMember(context, default, instance, "no_such_member"));
        }
    }

    [Fact]
    public void TheSampleSiteAndACorpusReadTheSameValuesTypedAsByReflectionAndNoViewByReflection()
    {
        ViewMembers.Verify = true;
        try
        {
            using var sample = new TempSite(withDefaults: false);
            var result = SiteBuilder.Build(new BuildOptions
            {
                ContentDir = RepoPaths.Content, TemplatesDir = RepoPaths.Templates, OutDir = Path.Combine(sample.Root, "public"),
                Today = new DateOnly(2026, 11, 25),
            });
            Assert.True(result.Published, string.Join('\n', result.Diagnostics));

            using var corpus = new TempSite(withDefaults: false);
            new Corpus(articles: 40, exercises: 12, seed: 5).Write(corpus.ContentDir);
            Assert.True(corpus.Build(drafts: true).Published);
        }
        finally
        {
            ViewMembers.Verify = false;
        }

        Assert.Empty(ViewMembers.Differences);
        Assert.Empty(ViewMembers.ReadByReflection.Distinct().Select(t => t.FullName));
    }

    [Fact]
    public void AWriteToAViewMemberGoesWhereScribanWouldPutIt()
    {
        var view = new BackCareSite.Rendering.PageView { Title = "T", Description = "D", Url = "/u/", Slug = "u", Layout = "page" };
        var context = new TemplateContext();
        var typed = ViewMembers.For(typeof(BackCareSite.Rendering.PageView), context.GetMemberAccessor(view))!;

        Assert.True(typed.TrySetValue(context, default, view, "content", new RawHtml("<p>x</p>")));
        Assert.True(typed.TryGetValue(context, default, view, "content", out var content));
        Assert.Equal("<p>x</p>", content?.ToString());
    }
}
