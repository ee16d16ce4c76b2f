using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using BackCareSite.Content;

namespace BackCareSite.Rendering;

/// <summary>
/// schema.org JSON-LD for each kind of page, built as JSON objects and
/// serialised by System.Text.Json, never by string concatenation in templates.
/// The default encoder escapes <c>&lt;</c>, <c>&gt;</c> and <c>&amp;</c>
/// (as <c>\u003C</c> and so on), so no value can close the script element.
/// </summary>
internal sealed class JsonLd(SiteSettings settings, SiteUrls urls)
{
    private static readonly JsonSerializerOptions Options = new() { Encoder = JavaScriptEncoder.Default, WriteIndented = false };

    private string ClinicId => urls.Absolute("/") + "#clinic";

    /// <summary>The clinic as a schema.org MedicalClinic (an Organization and a LocalBusiness).</summary>
    public JsonObject Clinic()
    {
        var clinic = new JsonObject
        {
            ["@type"] = "MedicalClinic",
            ["@id"] = ClinicId,
            ["name"] = settings.ClinicName,
            ["url"] = urls.Absolute("/"),
        };
        if (settings.Address is { } address)
        {
            clinic["address"] = address;
        }

        if (settings.Phone is { } phone)
        {
            clinic["telephone"] = phone;
        }

        clinic["medicalSpecialty"] = "Musculoskeletal";
        return clinic;
    }

    public RawHtml Home(PageMeta meta) => Graph(
        new JsonObject
        {
            ["@type"] = "WebSite",
            ["@id"] = urls.Absolute("/") + "#website",
            ["name"] = settings.Title,
            ["url"] = meta.CanonicalUrl,
            ["description"] = meta.Description,
            ["inLanguage"] = settings.Language,
            ["publisher"] = Ref(ClinicId),
        },
        Clinic());

    /// <summary>Any other page: a WebPage of the given type (CollectionPage, AboutPage, ContactPage...).</summary>
    public RawHtml WebPage(PageMeta meta, string type) => Graph(Page(meta, type), Clinic());

    public RawHtml Article(PageMeta meta, ArticleView article)
    {
        var page = Page(meta, "MedicalWebPage");
        page["headline"] = article.Title;
        page["datePublished"] = article.Date.Iso;
        page["dateModified"] = article.LastChanged.Iso;
        if (article.Author is { } author)
        {
            page["author"] = new JsonObject { ["@type"] = "Person", ["name"] = author };
        }

        AddReview(page, article.Review);
        AddCitations(page, article.Sources);
        if (meta.ImageUrl is { } image)
        {
            page["image"] = image;
        }

        if (article.Tags.Count > 0)
        {
            page["keywords"] = string.Join(", ", article.Tags.Select(t => t.Name.Replace('-', ' ')));
        }

        return Graph(page, Clinic());
    }

    public RawHtml Exercise(PageMeta meta, ExerciseView exercise)
    {
        var planId = meta.CanonicalUrl + "#exercise";
        var plan = new JsonObject
        {
            ["@type"] = "ExercisePlan",
            ["@id"] = planId,
            ["name"] = exercise.Title,
            ["description"] = exercise.Description,
            ["url"] = meta.CanonicalUrl,
            ["intensity"] = exercise.DifficultyTitle,
            ["text"] = exercise.Position + " " + string.Join(" ", exercise.Steps),
        };
        if (exercise.RepsMin is { } min && exercise.RepsMax is { } max)
        {
            plan["repetitions"] = new JsonObject { ["@type"] = "QuantitativeValue", ["minValue"] = min, ["maxValue"] = max };
        }

        if (exercise.Frequency is { } frequency)
        {
            plan["activityFrequency"] = frequency;
        }

        if (exercise.Targets.Count > 0)
        {
            plan["about"] = new JsonArray(exercise.Targets.Select(t => (JsonNode)new JsonObject { ["@type"] = "AnatomicalSystem", ["name"] = t }).ToArray());
        }

        if (meta.ImageUrl is { } image)
        {
            plan["image"] = image;
        }

        var page = Page(meta, "MedicalWebPage");
        page["mainEntity"] = Ref(planId);
        AddReview(page, exercise.Review);
        AddCitations(page, exercise.Sources);
        return Graph(plan, page, Clinic());
    }

    private JsonObject Page(PageMeta meta, string type) => new()
    {
        ["@type"] = type,
        ["@id"] = meta.CanonicalUrl,
        ["url"] = meta.CanonicalUrl,
        ["name"] = meta.Title,
        ["description"] = meta.Description,
        ["inLanguage"] = settings.Language,
        ["isPartOf"] = Ref(urls.Absolute("/") + "#website"),
        ["publisher"] = Ref(ClinicId),
    };

    private static void AddReview(JsonObject page, ReviewView? review)
    {
        if (review is null)
        {
            return;
        }

        page["lastReviewed"] = review.ReviewedOn.Iso;
        var person = new JsonObject { ["@type"] = "Person", ["name"] = review.ReviewedBy };
        if (review.Profession is { } profession)
        {
            person["jobTitle"] = profession;
        }

        if (review.Registration is { } registration)
        {
            person["hasCredential"] = new JsonObject
            {
                ["@type"] = "EducationalOccupationalCredential",
                ["credentialCategory"] = "Professional registration",
                ["name"] = registration,
            };
        }

        page["reviewedBy"] = person;
    }

    /// <summary>Each source as a schema.org CreativeWork in <c>citation</c>.</summary>
    private static void AddCitations(JsonObject page, IReadOnlyList<SourceView> sources)
    {
        if (sources.Count == 0)
        {
            return;
        }

        page["citation"] = new JsonArray(sources.Select(s =>
        {
            var work = new JsonObject { ["@type"] = "CreativeWork", ["name"] = s.Title };
            if (s.Url is { } url)
            {
                work["url"] = url;
            }

            if (s.Publisher is { } publisher)
            {
                work["publisher"] = new JsonObject { ["@type"] = "Organization", ["name"] = publisher };
            }

            if (s.Published is { } published)
            {
                work["datePublished"] = published.Iso;
            }

            return (JsonNode)work;
        }).ToArray());
    }

    private static JsonObject Ref(string id) => new() { ["@id"] = id };

    private static RawHtml Graph(params JsonObject[] items)
    {
        var root = new JsonObject
        {
            ["@context"] = "https://schema.org",
            ["@graph"] = new JsonArray(items.Cast<JsonNode>().ToArray()),
        };
        return new RawHtml(root.ToJsonString(Options));
    }
}
