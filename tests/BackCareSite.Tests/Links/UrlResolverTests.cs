using BackCareSite.Links;

namespace BackCareSite.Tests.Links;

public class UrlResolverTests
{
    private static readonly UrlResolver Root = new();
    private static readonly UrlResolver Clinic = new("https://clinic.example/");
    private static readonly UrlResolver SubFolder = new("https://host.example/clinic");

    [Theory]
    [InlineData("articles/x/index.html", "../y/", "articles/y/")]
    [InlineData("articles/x/index.html", "./", "articles/x/")]
    [InlineData("articles/x/index.html", ".", "articles/x/")]
    [InlineData("articles/x/index.html", "..", "articles/")]
    [InlineData("articles/x/index.html", "../../", "")]
    [InlineData("articles/x/index.html", "pic.png", "articles/x/pic.png")]
    [InlineData("articles/x/index.html", "./pic.png?v=3", "articles/x/pic.png")]
    [InlineData("articles/x/index.html", "/media/a%20b.png", "media/a b.png")]
    [InlineData("articles/x/index.html", "/media/caf%C3%A9.png", "media/café.png")]
    [InlineData("articles/x/index.html", "/", "")]
    [InlineData("articles/x/index.html", "/a//b/", "a/b/")]
    [InlineData("articles/x/index.html", "/a/./b/../c", "a/c")]
    [InlineData("articles/x/index.html", "/a/%2e%2e/c", "c")]
    [InlineData("articles/x/index.html", "  /a/\n\tb  ", "a/b")]
    [InlineData("articles/x/index.html", "\\media\\a.png", "media/a.png")]
    [InlineData("index.html", "about.html", "about.html")]
    [InlineData("index.html", "?page=2", "index.html")]
    public void Resolves_paths_like_a_browser(string page, string url, string expected)
    {
        var resolved = Root.Resolve(page, url);
        Assert.Equal(UrlKind.Internal, resolved.Kind);
        Assert.Equal(expected, resolved.Path);
    }

    [Theory]
    [InlineData("/a/#part", "part")]
    [InlineData("/a/?q=1#part", "part")]
    [InlineData("/a/#caf%C3%A9", "café")]
    [InlineData("/a/#", "")]
    [InlineData("/a/", null)]
    public void Splits_the_fragment_and_drops_the_query(string url, string? fragment)
    {
        var resolved = Root.Resolve("index.html", url);
        Assert.Equal("a/", resolved.Path);
        Assert.Equal(fragment, resolved.Fragment);
    }

    [Theory]
    [InlineData("", "Empty")]
    [InlineData("   ", "Empty")]
    [InlineData("#", "SamePage")]
    [InlineData("#top", "SamePage")]
    [InlineData("https://other.example/x", "External")]
    [InlineData("HTTP://other.example/x", "External")]
    [InlineData("//cdn.example/x.js", "External")]
    [InlineData("mailto:a@b.example", "Mailto")]
    [InlineData("MAILTO:a@b.example", "Mailto")]
    [InlineData("tel:+44123", "Tel")]
    [InlineData("data:image/png;base64,AAAA", "Data")]
    [InlineData("javascript:void(0)", "OtherScheme")]
    [InlineData("sms:+44123", "OtherScheme")]
    [InlineData("a:b/c", "OtherScheme")]
    [InlineData("./a:b", "Internal")]
    [InlineData("1a:b", "Internal")]
    public void Classifies_urls(string url, string kind)
    {
        Assert.Equal(kind, Root.Resolve("index.html", url).Kind.ToString());
    }

    [Theory]
    [InlineData("index.html", "../x.html")]
    [InlineData("a/index.html", "../../x.html")]
    [InlineData("a/index.html", "/../x.html")]
    [InlineData("a/index.html", "/a/../../x.html")]
    [InlineData("a/index.html", "%2e%2e/%2e%2e/x.html")]
    public void Climbing_above_the_root_is_an_error(string page, string url)
    {
        var resolved = Root.Resolve(page, url);
        Assert.Equal(UrlKind.Invalid, resolved.Kind);
        Assert.Contains("climbs above the root", resolved.Problem);
    }

    [Theory]
    [InlineData("https://clinic.example/articles/x/#a", "articles/x/", "a")]
    [InlineData("https://CLINIC.example/articles/", "articles/", null)]
    [InlineData("https://clinic.example", "", null)]
    [InlineData("https://clinic.example/", "", null)]
    public void Absolute_links_under_the_base_url_are_files_of_the_site(string url, string path, string? fragment)
    {
        var resolved = Clinic.Resolve("index.html", url);
        Assert.Equal(UrlKind.Internal, resolved.Kind);
        Assert.Equal(path, resolved.Path);
        Assert.Equal(fragment, resolved.Fragment);
    }

    [Theory]
    [InlineData("https://clinic.example.evil/x")]
    [InlineData("http://other.example/")]
    public void Other_hosts_stay_external(string url)
    {
        Assert.Equal(UrlKind.External, Clinic.Resolve("index.html", url).Kind);
    }

    [Fact]
    public void A_site_in_a_sub_folder_resolves_root_relative_links_under_its_path()
    {
        Assert.Equal("/clinic/", SubFolder.BasePath);
        Assert.Equal("articles/", SubFolder.Resolve("index.html", "/clinic/articles/").Path);
        Assert.Equal("", SubFolder.Resolve("index.html", "/clinic").Path);
        Assert.Equal("articles/", SubFolder.Resolve("index.html", "https://host.example/clinic/articles/").Path);
        var outside = SubFolder.Resolve("index.html", "/other/");
        Assert.Equal(UrlKind.Invalid, outside.Kind);
        Assert.Contains("served under `/clinic/`", outside.Problem);
        Assert.Equal("articles/", SubFolder.Resolve("tags/index.html", "../articles/").Path);
    }
}

public class SiteIndexTests
{
    private static readonly SiteIndex Index = new(["index.html", "articles/index.html", "articles/x/index.html", "media/Photo.png", "empty/readme.txt", "about.html"]);

    [Theory]
    [InlineData("", "index.html")]
    [InlineData("articles/", "articles/index.html")]
    [InlineData("articles", "articles/index.html")]
    [InlineData("articles/x", "articles/x/index.html")]
    [InlineData("about.html", "about.html")]
    [InlineData("media/Photo.png", "media/Photo.png")]
    public void Finds_files_and_folder_indexes(string path, string expected)
    {
        Assert.Equal(expected, Index.Find(path, out var problem));
        Assert.Null(problem);
    }

    [Theory]
    [InlineData("media/photo.png", "`media/Photo.png` differs only in upper and lower case")]
    [InlineData("empty/", "the folder `empty/` has no index.html")]
    [InlineData("articles/y/", "`articles/y/index.html` does not exist; did you mean `articles/x/`?")]
    [InlineData("about", "`about` does not exist; did you mean `about.html`? Only some hosts serve a page without its .html")]
    public void Explains_what_is_missing(string path, string expected)
    {
        Assert.Null(Index.Find(path, out var problem));
        Assert.Contains(expected, problem);
    }

    [Fact]
    public void A_path_with_nothing_to_resolve_is_given_back_as_segment_by_segment_resolution_gives_it()
    {
        // Normalise gives most paths back as they are, without splitting them: it must agree with the full resolution.
        string[] tricky =
        [
            "", "a", "a/", "a/b/", "/a", "a//b", "a/b//", ".", "..", "./a", "../a", "a/.", "a/..", "a/./b", "a/../b", ".a", "a.", "..a",
            "a..", "a/.b/", "a/b./", "a/...", "a/.../b", "%2e", "a/%2e%2e/b", "a/%41", "index.html", "assets/site.f96b2d6a15.css", "a/b/.",
        ];
        var random = new Random(19);
        var pieces = new[] { "a", "b", ".", "..", "/", "%2e", "%41", "x.y", ".z" };
        var paths = tricky.Concat(Enumerable.Range(0, 5_000).Select(_ => string.Concat(Enumerable.Range(0, random.Next(1, 7)).Select(_ => pieces[random.Next(pieces.Length)]))));
        foreach (var path in paths)
        {
            Assert.True(UrlResolver.NormaliseSegments(path) == UrlResolver.Normalise(path), $"`{path}`: {UrlResolver.Normalise(path)} against {UrlResolver.NormaliseSegments(path)}");
        }
    }

    [Theory]
    [InlineData("https://host/clinic/", "/clinic", "")]
    [InlineData("https://host/clinic/", "/clinic/a/", "a/")]
    [InlineData("https://host/clinic/", "/clinicx/", null)]
    [InlineData("https://host/clinic/", "/", null)]
    [InlineData(null, "/", "")]
    public void A_root_relative_link_is_under_the_base_path_or_outside_the_site(string? baseUrl, string url, string? expected)
    {
        var resolved = new UrlResolver(baseUrl).Resolve("index.html", url);
        Assert.Equal(expected, resolved.Kind == UrlKind.Internal ? resolved.Path : null);
    }
}
