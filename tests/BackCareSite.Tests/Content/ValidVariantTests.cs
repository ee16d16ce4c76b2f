using System.Text;
using BackCareSite.Tests.Support;

namespace BackCareSite.Tests.Content;

public sealed class ValidVariantTests
{
    private const string Article = "---\ntitle: Walking & \"pacing\" <tips>\ndescription: Short walks, often.\ndate: 2026-01-15\nhealth: false\n---\n\n# Heading\n\nText with a [link](other.md).\n";

    [Fact]
    public void BuildsAFileWithAByteOrderMark()
    {
        using var site = new TempSite().Article("other");
        site.WriteBytes("articles/bom.md", [0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes(Article)]);

        site.Build().Succeeded();

        Assert.Contains("Walking &amp; &quot;pacing&quot; &lt;tips&gt;", site.Read("articles/bom/index.html"));
    }

    [Fact]
    public void BuildsAFileWithWindowsLineEndingsAndReportsItsLinesCorrectly()
    {
        using var site = new TempSite().Article("other");
        site.Write("articles/crlf.md", Article.Replace("\n", "\r\n"));
        site.Build().Succeeded();
        Assert.Contains("href=\"/articles/other/\"", site.Read("articles/crlf/index.html"));

        site.Write("articles/crlf.md", Article.Replace("other.md", "missing.md").Replace("\n", "\r\n"));
        site.Build().HasError("BCS0301", "content/articles/crlf.md", 10);
    }

    [Fact]
    public void BuildsAVeryLongArticle()
    {
        var body = new StringBuilder();
        for (var i = 0; i < 5000; i++)
        {
            body.Append("## Section ").Append(i).Append("\n\nA paragraph about gentle movement, number ").Append(i).Append(".\n\n");
        }

        using var site = new TempSite().Article("long", body: body.ToString());

        site.Build().Succeeded();

        var html = site.Read("articles/long/index.html");
        Assert.Contains("id=\"section-4999\"", html);
        Assert.True(html.Length > 300_000);
    }

    [Fact]
    public void AcceptsRepsAsANumberOrARangeAndSingleValueLists()
    {
        using var site = new TempSite()
            .Exercise("ranged", "reps: \"5-10\"\nsets: 2\nhold_seconds: 0\neach_side: true\nequipment: exercise mat\n")
            .Exercise("counted", "reps: 8\n");

        site.Build().Succeeded();

        Assert.Contains("Exercise ranged", site.Read("exercises/ranged/index.html"));
    }

    [Fact]
    public void LeavesDraftsOutUnlessAsked()
    {
        using var site = new TempSite().Article("published").Article("unfinished", "draft: true\n");

        site.Build().Succeeded();
        Assert.False(site.Exists("articles/unfinished/index.html"));

        site.Build(drafts: true).Succeeded();
        Assert.True(site.Exists("articles/unfinished/index.html"));
    }

    [Fact]
    public void RewritesContentLinksWithHeadingsAndMediaUnderABasePath()
    {
        using var site = new TempSite()
            .Exercise("knee-rolls", body: "## Tips\n\nGo slowly.")
            .WriteBytes("media/dot.svg", Encoding.UTF8.GetBytes("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"40\" height=\"20\"></svg>"))
            .Article("guide", body: "See [the tips](../exercises/knee-rolls.md#tips).\n\n![A dot](../media/dot.svg)\n\n[Checker](/red-flags/)");

        site.Build(baseUrl: "https://clinic.example/preview/").Succeeded();

        var html = site.Read("articles/guide/index.html");
        Assert.Contains("href=\"/preview/exercises/knee-rolls/#tips\"", html);
        Assert.Contains("src=\"/preview/media/dot.svg\" width=\"40\" height=\"20\" loading=\"lazy\"", html);
        Assert.Contains("href=\"/preview/red-flags/\"", html);
        Assert.Contains("<link rel=\"canonical\" href=\"https://clinic.example/preview/articles/guide/\">", html);
    }
}
