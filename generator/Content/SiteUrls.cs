namespace BackCareSite.Content;

/// <summary>
/// Turns site paths (<c>/articles/x/</c>) into the URLs pages link with
/// (root-relative, under the base URL's path) and absolute URLs (canonical
/// links, sitemap, feed).
/// </summary>
internal sealed class SiteUrls
{
    private readonly string _origin;

    public SiteUrls(string baseUrl)
    {
        var uri = new Uri(baseUrl.TrimEnd('/') + "/", UriKind.Absolute);
        _origin = uri.GetLeftPart(UriPartial.Authority);
        BasePath = uri.AbsolutePath;
        BaseUrl = _origin + BasePath;
    }

    /// <summary>The scheme and host of the base URL (<c>https://example.org</c>): <see cref="Absolute"/> is it and <see cref="Local"/>.</summary>
    public string Origin => _origin;

    /// <summary>The base URL with a trailing slash.</summary>
    public string BaseUrl { get; }

    /// <summary>The base URL's path, <c>/</c> for a site at the root of its host.</summary>
    public string BasePath { get; }

    /// <summary>A link for a site path, such as <c>/articles/x/</c>.</summary>
    /// <remarks>
    /// For a site at the root of its host the link is the path itself, and the same string is returned: every view,
    /// page and link of a large site asks for the same few addresses, and each new copy was kept (serve keeps them all).
    /// </remarks>
    public string Local(string sitePath) =>
        BasePath == "/" && sitePath.StartsWith('/') && !sitePath.StartsWith("//", StringComparison.Ordinal)
            ? sitePath
            : BasePath + sitePath.TrimStart('/');

    /// <summary>An absolute URL for a site path.</summary>
    public string Absolute(string sitePath) => _origin + Local(sitePath);
}
