using BackCareSite.Content;

namespace BackCareSite.Pictures;

/// <summary>
/// The 1200x630 picture every page shows when it is shared (Open Graph, Twitter):
/// made from the page's own image (a photo or an SVG drawing), else the site's
/// default card, <c>social-card.svg</c> in the templates folder.
/// </summary>
internal sealed class SocialCards
{
    public const int Width = 1200;
    public const int Height = 630;

    /// <summary>The default card's template, beside the layouts.</summary>
    public const string DefaultTemplate = "social-card.svg";

    private readonly Dictionary<string, PicturePlan> _byImage = new(StringComparer.Ordinal);

    public static readonly SocialCards None = new();

    /// <summary>The card of pages without an image of their own; null when the templates have none.</summary>
    public PicturePlan? Default { get; private init; }

    /// <summary>Every card to make, in a stable order.</summary>
    public IEnumerable<PicturePlan> All =>
        _byImage.Values.OrderBy(p => p.Fallback.Path, StringComparer.Ordinal).Concat(Default is null ? [] : [Default]);

    /// <summary>The card for a page with this image (<c>media/x.jpg</c>), or the default.</summary>
    public PicturePlan? For(string? image) => image is not null && _byImage.TryGetValue(image, out var card) ? card : Default;

    /// <summary>Plans a card for each image pages use (when it can be read) and the default one.</summary>
    public static SocialCards Plan(SiteContent content, string templatesDir)
    {
        var media = content.Media.ToDictionary(m => m.RelativePath, StringComparer.Ordinal);
        var defaultSvg = Path.Combine(templatesDir, DefaultTemplate);
        var cards = new SocialCards
        {
            Default = File.Exists(defaultSvg) ? Card(new MediaFile(DefaultTemplate, defaultSvg, null), "social-card.jpg") : null,
        };
        var images = content.Articles.Select(a => a.Image).Concat(content.Exercises.Select(e => e.Image)).OfType<ImageRef>();
        foreach (var image in images)
        {
            if (cards._byImage.ContainsKey(image.Path) || !media.TryGetValue(image.Path, out var file)
                || content.Settings.Pictures.Check(file) is { IsError: true } || !CanRender(file))
            {
                continue;
            }

            var stem = image.Path[..^Path.GetExtension(image.Path).Length];
            cards._byImage[image.Path] = Card(file, stem + "-card.jpg");
        }

        return cards;
    }

    private static bool CanRender(MediaFile file) =>
        file.Raster is not null || Path.GetExtension(file.RelativePath).Equals(".svg", StringComparison.OrdinalIgnoreCase);

    private static PicturePlan Card(MediaFile source, string path) =>
        new(source, new PictureVariant(path, "jpeg", Width, Height) { Cover = true }, []);
}
