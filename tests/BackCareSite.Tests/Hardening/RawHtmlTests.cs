using BackCareSite.Tests.Support;

namespace BackCareSite.Tests.Hardening;

/// <summary>Issue #20: raw HTML in content goes through a parser-based allow-list.</summary>
public sealed class RawHtmlTests
{
    [Theory]
    [InlineData("<a title=\">\" onclick=\"alert(1)\" href=\"/\">x</a>")]
    [InlineData("<a href=\"&#106;avascript&colon;alert(1)\">x</a>")]
    [InlineData("<a href=\"java&#x09;script:alert(1)\">x</a>")]
    [InlineData("<img src=\"data:text/html;base64,PHNjcmlwdD4=\" alt=\"x\">")]
    [InlineData("<img src=\"x.png\" alt=\"x\" srcset=\"a.png 1x, javascript:alert(1) 2x\">")]
    [InlineData("<svg><script>alert(1)</script></svg>")]
    [InlineData("<body onload=\"alert(1)\">")]
    [InlineData("<form action=\"https://evil.example/\"><input name=\"pw\"></form>")]
    [InlineData("<span style=\"position:fixed\">x</span>")]
    [InlineData("<base href=\"https://evil.example/\">")]
    [InlineData("<div title=\"unclosed")]
    public void ReportsMarkupOutsideTheAllowListAtItsLine(string html)
    {
        using var site = new TempSite().Article("raw", body: "Intro.\n\n" + html + "\n");

        var result = site.Build();

        result.HasError("BCS0302", "content/articles/raw.md", 16);
        Assert.False(result.Published);
    }

    [Fact]
    public void ReportsAnUnsafeAttributeOnItsOwnLineInsideABlock()
    {
        using var site = new TempSite().Article("raw", body: "<div class=\"note\">\n<p>Fine.</p>\n<p onmouseover=\"x()\">Not fine.</p>\n</div>\n");

        site.Build().HasError("BCS0302", "content/articles/raw.md", 16);
    }

    [Fact]
    public void PassesProseThatMentionsASchemeAndAllowedMarkup()
    {
        using var site = new TempSite().Article("prose", body:
            "Never paste JavaScript: code from a stranger.\n\n<details><summary>Why <kbd>Ctrl</kbd>?</summary>\n<p>Because <abbr title=\"JavaScript: a language\">JS</abbr> runs.</p>\n</details>\n\n"
            + "<a href=\"https://nhs.example/back-pain\" rel=\"noopener\">NHS</a> and <a href=\"mailto:desk@clinic.example\">email</a>.\n");

        site.Build().Succeeded();

        Assert.Contains("<kbd>Ctrl</kbd>", site.Read("articles/prose/index.html"));
    }
}
