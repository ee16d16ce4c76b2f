using AngleSharp.Html.Parser;
using BackCareSite.Diagnostics;
using BackCareSite.Tests.Support;

namespace BackCareSite.Tests.Rendering;

/// <summary>A page's <c>layout:</c> decides how it is shown, whatever its slug (#18).</summary>
public sealed class PageLayoutTests
{
    [Fact]
    public void AContactLayoutShowsTheClinicDetailsAtAnySlug()
    {
        using var site = new TempSite()
            .Write("pages/find-us.md", "---\ntitle: Find us\nlayout: contact\ndescription: Where we are.\n---\n\nCome and see us.\n")
            .Write("pages/contact.md", "---\ntitle: Contact\ndescription: A plain page at the slug contact.\n---\n\nWrite to us.\n");

        site.Build().Succeeded();

        var findUs = new HtmlParser().ParseDocument(site.Read("find-us/index.html"));
        Assert.NotNull(findUs.QuerySelector(".contact-details"));
        Assert.Contains("\"ContactPage\"", findUs.QuerySelector("script[type='application/ld+json']")!.TextContent);
        var plain = new HtmlParser().ParseDocument(site.Read("contact/index.html"));
        Assert.Null(plain.QuerySelector(".contact-details"));
        Assert.Contains("\"WebPage\"", plain.QuerySelector("script[type='application/ld+json']")!.TextContent);
    }

    [Fact]
    public void AnUnknownLayoutIsAnErrorThatSuggestsTheNearestOne()
    {
        using var site = new TempSite().Write("pages/find-us.md", "---\ntitle: Find us\nlayout: contcat\ndescription: Where we are.\n---\n\nText.\n");

        var error = site.Build().HasError(ErrorCodes.InvalidEnum, "content/pages/find-us.md", 3);

        Assert.Contains("`page`, `about`, `contact`", error.Message);
        Assert.Contains("did you mean `contact`?", error.Message);
    }
}
