namespace BackCareSite.Links;

/// <summary>What kind of target a URL in a page has.</summary>
internal enum UrlKind
{
    /// <summary>An empty URL: the page itself. Always fine.</summary>
    Empty,

    /// <summary>A fragment only (<c>#id</c>): an element of this page.</summary>
    SamePage,

    /// <summary>A file of the site (root-relative, relative, or an absolute URL under the site's base URL).</summary>
    Internal,

    /// <summary>An <c>http:</c>, <c>https:</c> or protocol-relative URL of another site.</summary>
    External,

    /// <summary>A <c>mailto:</c> URL.</summary>
    Mailto,

    /// <summary>A <c>tel:</c> URL.</summary>
    Tel,

    /// <summary>A <c>data:</c> URL (inline content, nothing to check).</summary>
    Data,

    /// <summary>Any other scheme (<c>javascript:</c>, <c>ftp:</c>, <c>sms:</c>...): not checked.</summary>
    OtherScheme,

    /// <summary>A URL that cannot reach a file of the site (climbs above the root, outside the base path).</summary>
    Invalid,
}

/// <summary>
/// A URL resolved from a page. <see cref="Path"/> is the decoded site-relative path without a leading
/// slash (<c>articles/x/</c>, <c>media/a b.png</c>; empty for the site root); <see cref="Fragment"/> the
/// decoded fragment without <c>#</c> (null when the URL has none).
/// </summary>
internal readonly record struct ResolvedUrl(UrlKind Kind, string Path, string? Fragment, string? Problem)
{
    public static ResolvedUrl Of(UrlKind kind) => new(kind, "", null, null);

    public static ResolvedUrl Invalid(string problem) => new(UrlKind.Invalid, "", null, problem);
}

/// <summary>
/// Resolves URLs as a browser does, from a page of a site served at <c>basePath</c> (<c>/</c> for the
/// root of a host): relative, <c>./</c>, <c>../</c>, root-relative, absolute under the site's own base
/// URL, percent-encoded names; the query string is dropped (a static file is the same file whatever
/// the query). Unlike a browser, a path that climbs above the site root is an error: a browser
/// silently clamps it to the root, which hides a broken relative link. Thread-safe.
/// </summary>
internal sealed class UrlResolver
{
    private readonly string _basePath;
    private readonly string? _baseUrl;

    /// <param name="baseUrl">
    /// The site's absolute base URL (<c>https://clinic.example/</c> or <c>https://host/clinic/</c>), or
    /// null. Absolute links under it are checked as files of the site, and its path is the base path.
    /// </param>
    public UrlResolver(string? baseUrl = null)
    {
        if (baseUrl is null)
        {
            _basePath = "/";
            return;
        }

        var uri = new Uri(baseUrl.TrimEnd('/') + "/", UriKind.Absolute);
        _basePath = uri.AbsolutePath;
        _baseUrl = uri.GetLeftPart(UriPartial.Authority) + _basePath;
    }

    /// <summary>The path the site is served under, with leading and trailing slashes.</summary>
    public string BasePath => _basePath;

    /// <summary>
    /// Resolves <paramref name="raw"/> (an attribute value as the parser decoded it) written in the page
    /// at site-relative <paramref name="pagePath"/> (<c>articles/x/index.html</c>).
    /// </summary>
    public ResolvedUrl Resolve(string pagePath, string raw)
    {
        var url = Clean(raw);
        if (url.Length == 0)
        {
            return ResolvedUrl.Of(UrlKind.Empty);
        }

        if (url[0] == '#')
        {
            return new ResolvedUrl(UrlKind.SamePage, pagePath, DecodeFragment(url[1..]), null);
        }

        var schemeEnd = SchemeLength(url);
        if (schemeEnd > 0)
        {
            var scheme = url[..schemeEnd].ToLowerInvariant();
            switch (scheme)
            {
                case "http" or "https":
                    if (_baseUrl is not null && url.StartsWith(_baseUrl, StringComparison.OrdinalIgnoreCase))
                    {
                        return ResolvePath(pagePath, url[(_baseUrl.Length - _basePath.Length)..]);
                    }

                    if (_baseUrl is not null && string.Equals(url.TrimEnd('/') + "/", _baseUrl, StringComparison.OrdinalIgnoreCase))
                    {
                        return ResolvePath(pagePath, _basePath);
                    }

                    return ResolvedUrl.Of(UrlKind.External);
                case "mailto":
                    return ResolvedUrl.Of(UrlKind.Mailto);
                case "tel":
                    return ResolvedUrl.Of(UrlKind.Tel);
                case "data":
                    return ResolvedUrl.Of(UrlKind.Data);
                default:
                    return ResolvedUrl.Of(UrlKind.OtherScheme);
            }
        }

        if (url.StartsWith("//", StringComparison.Ordinal))
        {
            return ResolvedUrl.Of(UrlKind.External);
        }

        return ResolvePath(pagePath, url);
    }

    private ResolvedUrl ResolvePath(string pagePath, string url)
    {
        // Split off the fragment, then the query (which a static file ignores).
        string? fragment = null;
        var hash = url.IndexOf('#');
        if (hash >= 0)
        {
            fragment = DecodeFragment(url[(hash + 1)..]);
            url = url[..hash];
        }

        var query = url.IndexOf('?');
        if (query >= 0)
        {
            url = url[..query];
        }

        // Browsers treat a backslash in an http(s) path as a slash.
        url = url.Replace('\\', '/');
        string combined;
        if (url.StartsWith('/'))
        {
            if (!url.StartsWith(_basePath, StringComparison.Ordinal) && !(url.Length + 1 == _basePath.Length && _basePath.StartsWith(url, StringComparison.Ordinal)))
            {
                return ResolvedUrl.Invalid($"is outside the site, which is served under `{_basePath}`");
            }

            combined = url.Length >= _basePath.Length ? url[_basePath.Length..] : "";
        }
        else if (url.Length == 0)
        {
            // "?query" or "?query#x": the page itself.
            combined = pagePath;
        }
        else
        {
            var slash = pagePath.LastIndexOf('/');
            combined = (slash < 0 ? "" : pagePath[..(slash + 1)]) + url;
        }

        var path = Normalise(combined);
        return path is null
            ? ResolvedUrl.Invalid("climbs above the root of the site with `..`")
            : new ResolvedUrl(UrlKind.Internal, path, fragment, null);
    }

    /// <summary>
    /// Resolves <c>.</c> and <c>..</c> segments and percent-decodes each segment; keeps a trailing slash
    /// (a folder). Null when the path climbs above the root.
    /// </summary>
    internal static string? Normalise(string path)
    {
        // Nearly every link of a generated page has nothing to resolve, decode or drop.
        return IsNormal(path) ? path : NormaliseSegments(path);
    }

    /// <summary><see cref="Normalise"/> segment by segment (tests compare the two).</summary>
    internal static string? NormaliseSegments(string path)
    {
        var parts = new List<string>();
        var segments = path.Split('/');
        var trailingSlash = false;
        for (var i = 0; i < segments.Length; i++)
        {
            var segment = segments[i];
            var last = i == segments.Length - 1;
            var dots = DotSegment(segment);
            if (dots == 1)
            {
                trailingSlash = last;
                continue;
            }

            if (dots == 2)
            {
                if (parts.Count == 0)
                {
                    return null;
                }

                parts.RemoveAt(parts.Count - 1);
                trailingSlash = last;
                continue;
            }

            if (segment.Length == 0)
            {
                // "a//b" is "a/b" on a static host; a trailing empty segment is a trailing slash.
                trailingSlash = last;
                continue;
            }

            parts.Add(segment.Contains('%') ? Uri.UnescapeDataString(segment) : segment);
            trailingSlash = false;
        }

        var joined = string.Join('/', parts);
        return trailingSlash && joined.Length > 0 ? joined + "/" : joined;
    }

    // True when Normalise would give the path back as it is: no `%`, no empty segment but a last one (a trailing slash),
    // no leading slash, and no `.` or `..` segment.
    private static bool IsNormal(string path)
    {
        if (path.Length == 0 || path[0] == '/' || path.Contains('%') || path.Contains("//", StringComparison.Ordinal))
        {
            return path.Length == 0;
        }

        for (var dot = path.IndexOf('.'); dot >= 0; dot = path.IndexOf('.', dot + 1))
        {
            if (dot == 0 || path[dot - 1] == '/')
            {
                var end = dot + 1 < path.Length && path[dot + 1] == '.' ? dot + 2 : dot + 1;
                if (end == path.Length || path[end] == '/')
                {
                    return false;
                }
            }
        }

        return true;
    }

    /// <summary>1 for <c>.</c> (or <c>%2e</c>), 2 for <c>..</c> (in any mix of encodings), else 0.</summary>
    private static int DotSegment(string segment)
    {
        if (segment is ".")
        {
            return 1;
        }

        if (segment is "..")
        {
            return 2;
        }

        if (!segment.Contains('%'))
        {
            return 0;
        }

        return segment.ToLowerInvariant() switch
        {
            "%2e" => 1,
            ".%2e" or "%2e." or "%2e%2e" => 2,
            _ => 0,
        };
    }

    private static string DecodeFragment(string fragment) =>
        fragment.Contains('%') ? Uri.UnescapeDataString(fragment) : fragment;

    /// <summary>Strips leading and trailing ASCII whitespace and removes tabs and newlines, as the URL parser does.</summary>
    internal static string Clean(string raw)
    {
        var url = raw.Trim(' ', '\t', '\n', '\r', '\f');
        return url.AsSpan().IndexOfAny('\t', '\n', '\r') >= 0
            ? url.Replace("\t", "", StringComparison.Ordinal).Replace("\n", "", StringComparison.Ordinal).Replace("\r", "", StringComparison.Ordinal)
            : url;
    }

    /// <summary>The length of the URL's scheme (before <c>:</c>), or 0 when it has none.</summary>
    internal static int SchemeLength(string url)
    {
        if (url.Length == 0 || !char.IsAsciiLetter(url[0]))
        {
            return 0;
        }

        for (var i = 1; i < url.Length; i++)
        {
            var c = url[i];
            if (c == ':')
            {
                return i;
            }

            if (!(char.IsAsciiLetterOrDigit(c) || c is '+' or '-' or '.'))
            {
                return 0;
            }
        }

        return 0;
    }
}
