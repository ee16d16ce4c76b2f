using BackCareSite.Diagnostics;

namespace BackCareSite.Content;

/// <summary>Reads and validates <c>site.yml</c>.</summary>
internal static class SiteSettingsReader
{
    /// <summary>Used by later stages when site.yml failed, so they can still report their own errors.</summary>
    public static readonly SiteSettings StandIn = new()
    {
        Title = "", BaseUrl = "https://site.invalid", Language = "en", ClinicName = "", BookingUrl = "https://site.invalid/", Disclaimer = "",
    };

    public static SiteSettings? Read(YamlFields f)
    {
        var title = f.String("title", required: true);
        var baseUrl = f.String("base_url", required: true);
        var language = f.String("language", required: true);
        var clinic = f.String("clinic_name", required: true);
        var address = f.String("address");
        var phone = f.String("phone");
        var booking = f.String("booking_url", required: true);
        var disclaimer = f.String("disclaimer", required: true);
        var perPage = f.Int("articles_per_page", min: 1);
        var featured = f.StringList("featured_exercises", listItem: FrontMatterReader.SlugFrom);
        var pictures = Pictures.PictureSettings.Read(f);
        var mediaTypes = f.StringList("media_types");
        var interval = f.Int("review_interval_months", min: 1);
        var warnDays = f.Int("review_warn_days", min: 0);
        var maxAge = f.Int("max_reading_age", min: 6);
        var glossed = f.StringList("glossed_words");
        var feedback = f.String("feedback_email");
        if (feedback is not null && !System.Text.RegularExpressions.Regex.IsMatch(feedback, @"^[^@\s<>""]+@[^@\s<>""]+\.[^@\s<>""]+$"))
        {
            f.Error(ErrorCodes.InvalidUrl, f.ValuePosition("feedback_email"), "`feedback_email` must be an e-mail address such as `feedback@physiobox.example`");
            feedback = null;
        }

        var menu = new List<MenuItem>();
        foreach (var item in f.MapList("menu"))
        {
            var itemTitle = item.String("title", required: true);
            var url = item.String("url", required: true);
            item.ReportUnknownKeys();
            if (itemTitle is not null && url is not null)
            {
                if (!url.StartsWith('/') && !IsHttpUrl(url))
                {
                    item.Error(ErrorCodes.InvalidUrl, item.ValuePosition("url"), $"the menu `url` {Shown.Value(url)} must be a path on this site starting with `/`, or a full https:// address");
                    continue;
                }

                menu.Add(new MenuItem(itemTitle, url));
            }
        }

        f.ReportUnknownKeys();
        if (baseUrl is not null && !IsHttpUrl(baseUrl))
        {
            f.Error(ErrorCodes.InvalidUrl, f.ValuePosition("base_url"), $"`base_url` is {Shown.Value(baseUrl)}: write the full address, such as `https://physiobox.example`");
            baseUrl = null;
        }

        if (booking is not null && !IsHttpUrl(booking) && !booking.StartsWith('/'))
        {
            f.Error(ErrorCodes.InvalidUrl, f.ValuePosition("booking_url"), $"`booking_url` is {Shown.Value(booking)}: write a full https:// address or a path on this site");
            booking = null;
        }

        if (title is null || baseUrl is null || language is null || clinic is null || booking is null || disclaimer is null)
        {
            return null;
        }

        return new SiteSettings
        {
            Title = title, BaseUrl = baseUrl.TrimEnd('/'), Language = language, ClinicName = clinic, Address = address,
            Phone = phone, BookingUrl = booking, Disclaimer = disclaimer, Menu = menu,
            ArticlesPerPage = perPage ?? 20, FeaturedExercises = featured, MediaTypes = mediaTypes, Pictures = pictures,
            ReviewIntervalMonths = interval ?? 36, ReviewWarnDays = warnDays ?? 30, MaxReadingAge = maxAge ?? 11,
            GlossedWords = glossed.Select(g => g.Value.ToLowerInvariant()).ToHashSet(StringComparer.Ordinal),
            FeedbackEmail = feedback, FeedbackEmailAt = f.Has("feedback_email") ? f.PositionOf("feedback_email") : Spot.Start,
        };
    }

    public static bool IsHttpUrl(string url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp);
}
