using BackCareSite.Content;
using BackCareSite.Rendering;

namespace BackCareSite.Output;

/// <summary>The site-wide files that are not pages: robots.txt (and, with the reader's site, sitemap and feed).</summary>
internal static class SiteFiles
{
    public static IEnumerable<OutputFile> Create(SiteContent content, RenderedSite rendered, SiteUrls urls)
    {
        yield return new OutputFile("robots.txt", $"User-agent: *\nAllow: /\n");
        yield return RedirectsFile.Create(content, urls);
    }
}
