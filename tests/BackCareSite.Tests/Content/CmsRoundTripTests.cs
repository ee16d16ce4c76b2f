using BackCareSite.Tests.Support;

namespace BackCareSite.Tests.Content;

/// <summary>
/// Files exactly as the CMS writes them build without errors. The YAML below is what
/// Decap CMS 3.16 writes (its formatter, the npm <c>yaml</c> 1.10 package, run on the
/// values its forms produce): every field in form order, optional fields left empty as
/// <c>""</c>, an untouched group with empty fields, empty lists as <c>[]</c>, dates
/// unquoted, and quotes only where YAML needs them.
/// </summary>
public sealed class CmsRoundTripTests
{
    private const string Exercise = """
        ---
        title: "Cat-cow: a gentle stretch"
        description: Move your spine "one bone at a time".
        position: Kneel on all fours, hands under your shoulders.
        steps:
          - Breathe in and let your belly sink.
          - "Breathe out: round your back."
        difficulty: gentle
        reps: 5-10
        sets: ""
        hold_seconds: 0
        each_side: false
        frequency: ""
        equipment:
          - exercise mat
        targets: []
        suitable_in_pregnancy: true
        tips: []
        cautions:
          - Stop if it hurts.
        videos: []
        image: ""
        image_alt: ""
        review:
          reviewed_on: ""
          reviewed_by: ""
          next_review: ""
        health: false
        draft: false
        slug: ""
        aliases: []
        ---

        Body text.

        """;

    private const string Article = """
        ---
        title: "Yes: no"
        description: "123"
        date: 2026-03-14
        updated: ""
        author: ""
        tags:
          - lower-back-pain
        exercises:
          - cat-cow-a-gentle-stretch
        review:
          reviewed_on: 2026-04-01
          reviewed_by: leila-haddad
          next_review: 2027-04-01
        image: ""
        image_alt: ""
        health: false
        draft: false
        slug: ""
        aliases: []
        ---
        A short article.

        """;

    private const string Page = """
        ---
        title: Opening hours
        description: When the clinic is open.
        draft: false
        slug: ""
        aliases: []
        ---
        Monday to Friday.

        """;

    private const string SiteYml = """
        title: Test Clinic
        base_url: https://clinic.example
        language: en-GB
        clinic_name: Test Clinic, Testtown
        address: ""
        phone: ""
        booking_url: https://booking.clinic.example/
        disclaimer: General advice, not a diagnosis.
        articles_per_page: ""
        featured_exercises: []
        menu:
          - title: Articles
            url: /articles/

        """;

    [Fact]
    public void FilesInTheFormTheCmsWritesBuildWithoutErrors()
    {
        using var site = new TempSite()
            .Write("site.yml", SiteYml)
            .Write("exercises/cat-cow-a-gentle-stretch.md", Exercise)
            .Write("articles/yes-no.md", Article)
            .Write("pages/opening-hours.md", Page);

        var result = site.Build();

        Assert.True(result.Published, string.Join('\n', result.Diagnostics));
        Assert.Empty(result.Diagnostics);
        var exercise = site.Read("exercises/cat-cow-a-gentle-stretch/index.html");
        Assert.Contains("Cat-cow: a gentle stretch", exercise);
        Assert.Contains("<li>Breathe out: round your back.</li>", exercise);
        Assert.Contains("5 to 10", exercise);
        // Empty optional fields are left out, not shown empty: no hold, no frequency.
        Assert.DoesNotContain("<dt>Hold</dt>", exercise);
        Assert.DoesNotContain("<dt>How often</dt>", exercise);
        Assert.Contains("Cat-cow: a gentle stretch", site.Read("articles/yes-no/index.html"));
        Assert.True(site.Exists("opening-hours/index.html"));
    }

    [Fact]
    public void AnEmptyRequiredFieldIsStillAnError()
    {
        using var site = new TempSite().Write("exercises/empty.md", Exercise.Replace("difficulty: gentle", "difficulty: \"\"", StringComparison.Ordinal));

        site.Build().HasError("BCS0201", "content/exercises/empty.md", 8);
    }
}
