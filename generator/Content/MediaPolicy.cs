using BackCareSite.Diagnostics;

namespace BackCareSite.Content;

/// <summary>
/// Media is data, not code: <c>media/</c> publishes only the file types a health site
/// needs (pictures, PDF, video, audio, captions, documents), each SVG is checked by
/// <see cref="SvgChecker"/>, and anything else is an error naming the file. A site may
/// list its own types in <c>site.yml</c> (<c>media_types</c>), but never a type a browser
/// runs as a page or a script on the site's own origin.
/// </summary>
internal static class MediaPolicy
{
    /// <summary>The types published when site.yml lists none.</summary>
    public static readonly IReadOnlyList<string> DefaultTypes =
    [
        // pictures
        "avif", "gif", "jpeg", "jpg", "png", "svg", "webp",
        // documents
        "pdf", "txt", "csv", "docx", "xlsx", "pptx", "odt", "ods", "odp", "epub",
        // video, audio, captions
        "mp4", "webm", "m4v", "mov", "mp3", "m4a", "aac", "oga", "ogg", "opus", "wav", "flac", "vtt",
    ];

    /// <summary>Types a browser renders as a page, runs as script or style, or treats as a plug-in: never published.</summary>
    public static readonly IReadOnlySet<string> ActiveTypes = new HashSet<string>(StringComparer.Ordinal)
    {
        "htm", "html", "xhtml", "xht", "shtml", "mht", "mhtml", "svgz", "xml", "xsl", "xslt", "js", "mjs", "cjs", "css",
        "json", "wasm", "swf", "jar", "php", "asp", "aspx", "jsp", "cgi", "pl", "py", "sh", "exe", "appcache", "manifest", "webmanifest",
    };

    /// <summary>Reports every media file whose type is not allowed, every unsafe SVG and every unsafe type in site.yml.</summary>
    public static void Check(IReadOnlyList<MediaFile> media, SiteSettings? settings, string settingsPath, DiagnosticBag diagnostics)
    {
        var allowed = new HashSet<string>(DefaultTypes, StringComparer.Ordinal);
        if (settings is { MediaTypes.Count: > 0 })
        {
            allowed.Clear();
            foreach (var type in settings.MediaTypes)
            {
                var name = type.Value.TrimStart('.').ToLowerInvariant();
                if (ActiveTypes.Contains(name) || name.Length == 0)
                {
                    diagnostics.Error(ErrorCodes.InvalidMediaType, settingsPath, type.At.Line, type.At.Column,
                        $"`{type.Value}` cannot be a media type: a browser would run such a file as a page or a script of the site; remove it from `media_types`");
                    continue;
                }

                allowed.Add(name);
            }
        }

        foreach (var file in media)
        {
            var type = Path.GetExtension(file.RelativePath).TrimStart('.').ToLowerInvariant();
            if (!allowed.Contains(type))
            {
                diagnostics.Error(ErrorCodes.MediaTypeNotAllowed, diagnostics.Display(file.FullPath), 1, 1,
                    $"media/ publishes only pictures, PDF, documents, video, audio and captions, not `.{type}` files"
                    + " (a page or script here would run as part of the site); remove the file, or add its type to `media_types` in site.yml");
            }
            else if (type == "svg")
            {
                SvgChecker.Check(file.FullPath, diagnostics);
            }
        }
    }
}
