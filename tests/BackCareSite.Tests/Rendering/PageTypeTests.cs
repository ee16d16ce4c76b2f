using System.Text.Json;
using AngleSharp.Dom;
using BackCareSite.Tests.Support;

namespace BackCareSite.Tests.Rendering;

/// <summary>Each page type of the built sample site: content, structure and metadata.</summary>
public sealed class PageTypeTests(SampleSite site) : IClassFixture<SampleSite>
{
    /// <summary>One page of each type.</summary>
    public static readonly TheoryData<string> PageTypes =
    [
        "index.html", "articles/index.html", "articles/staying-active-with-back-pain/index.html", "exercises/index.html",
        "exercises/knee-rolls/index.html", "tags/index.html", "tags/exercise/index.html", "about/index.html", "contact/index.html",
        "privacy/index.html", "red-flags/index.html", "404.html",
    ];

    [Theory]
    [MemberData(nameof(PageTypes))]
    public void EveryPageTypeHasOneH1ALanguageTitleDescriptionAndLandmarks(string path)
    {
        var doc = site.Html(path);

        Assert.Single(doc.QuerySelectorAll("h1"));
        Assert.Equal("en-GB", doc.DocumentElement.GetAttribute("lang"));
        Assert.False(string.IsNullOrWhiteSpace(doc.Title));
        Assert.False(string.IsNullOrWhiteSpace(doc.QuerySelector("meta[name=description]")?.GetAttribute("content")));
        Assert.Single(doc.QuerySelectorAll("body > header"));
        Assert.Single(doc.QuerySelectorAll("body > main#main"));
        Assert.Single(doc.QuerySelectorAll("body > footer"));
        Assert.NotNull(doc.QuerySelector("header nav[aria-label=Main]"));
        var skip = doc.QuerySelector("body > a.skip-link");
        Assert.NotNull(skip);
        Assert.Equal("#main", skip.GetAttribute("href"));
        Assert.Same(doc.Body!.FirstElementChild, skip);
    }

    [Theory]
    [MemberData(nameof(PageTypes))]
    public void IndexablePagesHaveAnAbsoluteCanonicalUrlAndOpenGraph(string path)
    {
        var doc = site.Html(path);
        var canonical = doc.QuerySelector("link[rel=canonical]")?.GetAttribute("href");
        if (path == "404.html")
        {
            Assert.Null(canonical);
            Assert.Equal("noindex", doc.QuerySelector("meta[name=robots]")?.GetAttribute("content"));
            return;
        }

        var expected = SampleSite.BaseUrl + (path == "index.html" ? "" : path[..^"index.html".Length]);
        Assert.Equal(expected, canonical);
        Assert.Equal(canonical, Meta(doc, "og:url"));
        Assert.False(string.IsNullOrWhiteSpace(Meta(doc, "og:title")));
        Assert.False(string.IsNullOrWhiteSpace(Meta(doc, "og:description")));
        Assert.Equal("The Physio Box", Meta(doc, "og:site_name"));
        Assert.Contains(Meta(doc, "og:type"), new[] { "website", "article" });
    }

    [Theory]
    [InlineData("index.html", "WebSite")]
    [InlineData("articles/staying-active-with-back-pain/index.html", "MedicalWebPage")]
    [InlineData("exercises/knee-rolls/index.html", "ExercisePlan")]
    [InlineData("articles/index.html", "CollectionPage")]
    [InlineData("exercises/index.html", "CollectionPage")]
    [InlineData("tags/exercise/index.html", "CollectionPage")]
    [InlineData("about/index.html", "AboutPage")]
    [InlineData("contact/index.html", "ContactPage")]
    public void JsonLdParsesWithThePageTypeAndTheClinic(string path, string type)
    {
        var graph = JsonLd(site.Html(path));

        Assert.Contains(graph, n => n.GetProperty("@type").GetString() == type);
        var clinic = Assert.Single(graph, n => n.GetProperty("@type").GetString() == "MedicalClinic");
        Assert.Equal("The Physio Box, Kensington", clinic.GetProperty("name").GetString());
        Assert.Equal("020 7946 0000", clinic.GetProperty("telephone").GetString());
    }

    [Fact]
    public void ArticleJsonLdNamesItsReviewAndDates()
    {
        var page = Assert.Single(JsonLd(site.Html("articles/staying-active-with-back-pain/index.html")),
            n => n.GetProperty("@type").GetString() == "MedicalWebPage");

        Assert.Equal("2026-11-02", page.GetProperty("lastReviewed").GetString());
        var reviewer = page.GetProperty("reviewedBy");
        Assert.Equal("Person", reviewer.GetProperty("@type").GetString());
        Assert.Equal("Leila Haddad", reviewer.GetProperty("name").GetString());
        Assert.Equal("Chartered physiotherapist (MCSP)", reviewer.GetProperty("jobTitle").GetString());
        Assert.StartsWith("HCPC PH000000", reviewer.GetProperty("hasCredential").GetProperty("name").GetString());
        var citations = page.GetProperty("citation").EnumerateArray().ToList();
        Assert.Equal(["https://www.nhs.uk/conditions/back-pain/", "https://www.nice.org.uk/guidance/ng59"], citations.Select(c => c.GetProperty("url").GetString()));
        Assert.All(citations, c => Assert.Equal("CreativeWork", c.GetProperty("@type").GetString()));
        Assert.Equal("2026-10-05", page.GetProperty("datePublished").GetString());
        Assert.Equal("2026-11-02", page.GetProperty("dateModified").GetString());
        Assert.Equal(SampleSite.BaseUrl + "articles/staying-active-with-back-pain/", page.GetProperty("url").GetString());
        Assert.Equal(SampleSite.BaseUrl + "media/spine.svg", page.GetProperty("image").GetString());
    }

    [Fact]
    public void ExerciseJsonLdDescribesThePlanAndItsReviewedPage()
    {
        var graph = JsonLd(site.Html("exercises/pelvic-tilts/index.html"));
        var plan = Assert.Single(graph, n => n.GetProperty("@type").GetString() == "ExercisePlan");
        var page = Assert.Single(graph, n => n.GetProperty("@type").GetString() == "MedicalWebPage");

        Assert.Equal("Pelvic tilts", plan.GetProperty("name").GetString());
        Assert.Equal(5, plan.GetProperty("repetitions").GetProperty("minValue").GetInt32());
        Assert.Equal(10, plan.GetProperty("repetitions").GetProperty("maxValue").GetInt32());
        Assert.Equal(plan.GetProperty("@id").GetString(), page.GetProperty("mainEntity").GetProperty("@id").GetString());
        Assert.Equal("2026-11-02", page.GetProperty("lastReviewed").GetString());
    }

    [Fact]
    public void ArticleShowsItsTextExerciseCardsTagsAndHealthFurniture()
    {
        var doc = site.Html("articles/staying-active-with-back-pain/index.html");

        Assert.Equal("Staying active with back pain", doc.QuerySelector("h1")?.TextContent);
        Assert.Contains("Why movement helps", doc.QuerySelectorAll(".prose h2").Select(h => h.TextContent));
        var cards = doc.QuerySelectorAll(".article-exercises .exercise-card .card-title a").Select(a => a.GetAttribute("href")).ToList();
        Assert.Equal(["/exercises/pelvic-tilts/", "/exercises/knee-rolls/", "/exercises/knee-hugs/", "/exercises/swimming/", "/exercises/walking/"], cards);
        Assert.Contains("/tags/lower-back-pain/", doc.QuerySelectorAll(".tag-list a").Select(a => a.GetAttribute("href")));
        AssertHealthFurniture(doc, "2026-11-02", "2027-11-02");
    }

    [Fact]
    public void LongArticleHasAContentsListOfItsSectionsAndAShortOneHasNone()
    {
        var doc = site.Html("articles/exercising-safely/index.html");
        var links = doc.QuerySelectorAll("nav.contents-list a").ToList();
        var sections = doc.QuerySelectorAll(".prose h2").ToList();

        Assert.Equal(sections.Select(h => h.TextContent), links.Select(a => a.TextContent));
        Assert.Equal(sections.Select(h => "#" + h.Id), links.Select(a => a.GetAttribute("href")));
        Assert.Empty(site.Html("articles/when-to-see-a-physiotherapist/index.html").QuerySelectorAll("nav.contents-list"));
    }

    [Fact]
    public void ArticleEmbedsTheSameExerciseCardInItsText()
    {
        var article = site.Html("articles/what-physiotherapy-involves/index.html").QuerySelector(".prose .exercise-card");
        var own = site.Html("articles/staying-active-with-back-pain/index.html")
            .QuerySelector(".article-exercises .exercise-card:has(a[href='/exercises/pelvic-tilts/'])");

        Assert.NotNull(article);
        Assert.Equal(own!.OuterHtml, article.OuterHtml);
    }

    [Fact]
    public void ExercisePageShowsEachFactOnceAndHealthFurniture()
    {
        // Regression for #18: the page repeated its title and description in a card linking to itself.
        var doc = site.Html("exercises/pelvic-tilts/index.html");
        var card = doc.QuerySelector("main")!;

        Assert.Equal("Pelvic tilts", Assert.Single(doc.QuerySelectorAll("main h1")).TextContent);
        Assert.Empty(doc.QuerySelectorAll("main .exercise-card"));
        Assert.Empty(doc.QuerySelectorAll("main a[href='/exercises/pelvic-tilts/']"));
        Assert.Single(doc.QuerySelectorAll("main p"), p => p.TextContent.StartsWith("A small, controlled rocking", StringComparison.Ordinal));
        Assert.Equal(["Starting position", "Steps", "Do", "When to stop"], card.QuerySelectorAll(".page-main h2").Select(h => h.TextContent).Take(4));
        Assert.NotNull(card.QuerySelector("aside .card-facts"));
        Assert.Equal(4, card.QuerySelectorAll("ol.card-steps > li").Length);
        Assert.Contains("Lie on your back", card.QuerySelector(".card-how p")?.TextContent);
        var facts = card.QuerySelectorAll(".card-facts > div").ToDictionary(d => d.QuerySelector("dt")!.TextContent, d => d.QuerySelector("dd")!.TextContent);
        Assert.Equal("Gentle", facts["Difficulty"]);
        Assert.Equal("5 to 10", facts["Repetitions"]);
        Assert.Equal("1", facts["Sets"]);
        Assert.Equal("None needed", facts["Equipment"]);
        Assert.Equal("lower back, core (stomach) muscles", facts["Body areas"]);
        Assert.Equal("Suitable", facts["In pregnancy"]);
        Assert.StartsWith("Stop if", card.QuerySelector(".card-cautions li")?.TextContent);
        AssertHealthFurniture(doc, "2026-11-02", "2027-11-02");

        var img = doc.QuerySelector("img.hero-image")!;
        Assert.Equal("/media/pelvic-tilt.svg", img.GetAttribute("src"));
        Assert.Equal("480", img.GetAttribute("width"));
        Assert.Equal("200", img.GetAttribute("height"));
    }

    [Fact]
    public void ExerciseIndexGroupsEveryExerciseByDifficultyWithTheFilterAsAnExternalScript()
    {
        var doc = site.Html("exercises/index.html");

        var groups = doc.QuerySelectorAll(".difficulty-group").ToDictionary(
            g => g.GetAttribute("data-group")!,
            g => g.QuerySelectorAll(".exercise-card .card-title").Select(t => t.TextContent).ToList());
        Assert.Equal(["Knee rolls", "Pelvic tilts", "Walking"], groups["gentle"]);
        Assert.Equal(["Knee hugs", "Swimming and water exercise"], groups["moderate"]);

        var form = doc.QuerySelector("form#exercise-filter")!;
        Assert.True(form.HasAttribute("hidden"), "without JavaScript the filter must stay hidden and every card shown");
        Assert.Equal(["difficulty", "position", "pregnancy", "equipment"], form.QuerySelectorAll("select").Select(s => s.GetAttribute("name")));
        Assert.Contains("No equipment (2)", form.QuerySelectorAll("#filter-equipment option").Select(o => o.TextContent));
        Assert.Equal("yes", doc.QuerySelector(".exercise-card:has(a[href='/exercises/pelvic-tilts/'])")?.GetAttribute("data-pregnancy"));
        // Compact cards on the index: no steps, tips or cautions, which the exercise's own page shows.
        Assert.Equal(5, doc.QuerySelectorAll(".difficulty-group .compact-card").Length);
        Assert.Empty(doc.QuerySelectorAll(".difficulty-group .card-steps, .difficulty-group .card-cautions"));

        var script = Assert.Single(doc.QuerySelectorAll("main script"));
        Assert.Matches(@"^/assets/exercise-filter\.[0-9a-f]{10}\.js$", script.GetAttribute("src"));
        Assert.True(script.HasAttribute("defer"));
        Assert.True(site.Exists(script.GetAttribute("src")!.TrimStart('/')));
    }

    [Fact]
    public void HomeLinksLatestArticlesFeaturedExercisesTheCheckerAndBooking()
    {
        var doc = site.Html("index.html");
        var links = doc.QuerySelectorAll("main a").Select(a => a.GetAttribute("href")).ToList();

        Assert.Equal(4, doc.QuerySelectorAll("main .summaries > li").Length);
        Assert.Equal(["/exercises/pelvic-tilts/", "/exercises/knee-rolls/", "/exercises/walking/"],
            doc.QuerySelectorAll("main .card-grid .compact-card h3 a").Select(a => a.GetAttribute("href")));
        Assert.Contains("/red-flags/", links);
        Assert.Contains("https://booking.physiobox.example/", links);
    }

    [Fact]
    public void ContactPageShowsTheAddressPhoneAndBookingLinkFromSiteSettings()
    {
        var details = site.Html("contact/index.html").QuerySelector(".contact-details")!;

        Assert.Contains("4 Example Row, Kensington, London W8 0ZZ", details.TextContent);
        Assert.Equal("tel:02079460000", details.QuerySelector("a[href^='tel:']")?.GetAttribute("href"));
        Assert.NotNull(details.QuerySelector("a[href='https://booking.physiobox.example/']"));
    }

    [Fact]
    public void TagPageListsTheArticlesWithThatTag()
    {
        var doc = site.Html("tags/getting-help/index.html");

        Assert.Equal(["/articles/what-physiotherapy-involves/", "/articles/when-to-see-a-physiotherapist/"],
            doc.QuerySelectorAll("main .summaries h2 a").Select(a => a.GetAttribute("href")));
    }

    [Fact]
    public void EveryImageHasAltWidthHeightAndLoading()
    {
        var images = site.HtmlFiles().SelectMany(f => site.Html(f).QuerySelectorAll("img").Select(img => (File: f, Img: img))).ToList();

        Assert.NotEmpty(images);
        foreach (var (file, img) in images)
        {
            foreach (var attribute in new[] { "alt", "width", "height", "loading" })
            {
                Assert.True(!string.IsNullOrEmpty(img.GetAttribute(attribute)), $"{file}: <img src={img.GetAttribute("src")}> has no {attribute}");
            }
        }
    }

    [Fact]
    public void NoPageHasInlineScriptStyleOrEventAttributes()
    {
        foreach (var file in site.HtmlFiles())
        {
            var doc = site.Html(file);
            Assert.Empty(doc.QuerySelectorAll("style, [style]"));
            Assert.All(doc.QuerySelectorAll("script"), s =>
                Assert.True(s.HasAttribute("src") || s.GetAttribute("type") == "application/ld+json", $"{file} has an inline script"));
            Assert.All(doc.All, e => Assert.DoesNotContain(e.Attributes, a => a.Name.StartsWith("on", StringComparison.Ordinal)));
        }
    }

    [Fact]
    public void EveryPageLinksTheFingerprintedStylesheetAndTheFeed()
    {
        foreach (var file in site.HtmlFiles())
        {
            var doc = site.Html(file);
            var css = doc.QuerySelector("link[rel=stylesheet]")?.GetAttribute("href") ?? "";
            Assert.Matches(@"^/assets/site\.[0-9a-f]{10}\.css$", css);
            Assert.Equal("/feed.xml", doc.QuerySelector("link[rel=alternate][type='application/atom+xml']")?.GetAttribute("href"));
        }
    }

    private static void AssertHealthFurniture(IDocument doc, string reviewedOn, string nextReview)
    {
        // One foot (#18): the disclaimer, one booking button, the review and the feedback link (#13), in that order, and none of them elsewhere.
        var foot = Assert.Single(doc.QuerySelectorAll("section.health-foot"));
        Assert.Equal(["inset-text disclaimer", "health-foot-book", "review", "feedback"], foot.Children.Select(c => c.ClassName));
        var times = foot.QuerySelectorAll(".review time").Select(t => t.GetAttribute("datetime")).ToList();
        Assert.Equal([reviewedOn, nextReview], times);
        Assert.Contains("Leila Haddad, Chartered physiotherapist (MCSP), registration HCPC PH000000", foot.QuerySelector(".review")!.TextContent);
        Assert.Contains("not a diagnosis", Assert.Single(doc.QuerySelectorAll(".disclaimer")).TextContent);
        Assert.Equal(foot.QuerySelector(".health-foot-book a"), Assert.Single(doc.QuerySelectorAll("a.button[href='https://booking.physiobox.example/']")));

        // The sources, under their own heading, and the feedback link with the page's title and address.
        var sources = doc.QuerySelector("section.sources");
        Assert.Equal("Sources", sources?.QuerySelector("h2")?.TextContent);
        Assert.Contains(sources!.QuerySelectorAll("li a"), a => a.GetAttribute("href") == "https://www.nhs.uk/conditions/back-pain/");
        var feedback = foot.QuerySelector(".feedback a")?.GetAttribute("href");
        Assert.NotNull(feedback);
        Assert.StartsWith("mailto:feedback@physiobox.example?subject=Feedback%20on%20%22", feedback);
        var canonical = doc.QuerySelector("link[rel=canonical]")!.GetAttribute("href")!;
        Assert.Contains(Uri.EscapeDataString(canonical), feedback);
    }

    private static string? Meta(IDocument doc, string property) =>
        doc.QuerySelector($"meta[property='{property}']")?.GetAttribute("content");

    internal static List<JsonElement> JsonLd(IDocument doc)
    {
        var script = Assert.Single(doc.QuerySelectorAll("script[type='application/ld+json']"));
        Assert.DoesNotContain("<", script.TextContent);
        using var json = JsonDocument.Parse(script.TextContent);
        Assert.Equal("https://schema.org", json.RootElement.GetProperty("@context").GetString());
        return json.RootElement.GetProperty("@graph").EnumerateArray().Select(e => e.Clone()).ToList();
    }
}
