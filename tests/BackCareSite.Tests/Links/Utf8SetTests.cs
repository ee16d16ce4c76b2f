using BackCareSite.Links;

namespace BackCareSite.Tests.Links;

/// <summary>Issue #19: the compact set a build keeps its paths in must hold every string exactly.</summary>
public sealed class Utf8SetTests
{
    [Fact]
    public void Each_string_is_kept_once_with_its_number_and_read_back_the_same()
    {
        var set = new Utf8Set();

        Assert.Equal(0, set.Add("articles/a/index.html"));
        Assert.Equal(1, set.Add("media/été.png"));
        Assert.Equal(0, set.Add("articles/a/index.html", out var added));
        Assert.False(added);

        Assert.Equal(2, set.Count);
        Assert.Equal(1, set.IndexOf("media/été.png"));
        Assert.Equal(-1, set.IndexOf("media/ete.png"));
        Assert.Equal(-1, set.IndexOf("articles/a/index.htm"));
        Assert.Equal("media/été.png", set[1]);
        Assert.Equal(["articles/a/index.html", "media/été.png"], set.Strings());
    }

    [Fact]
    public void Strings_UTF8_cannot_hold_are_kept_apart_from_their_replacement()
    {
        // A lone surrogate would become U+FFFD in UTF-8: three different strings with the same UTF-8.
        var set = new Utf8Set();
        string[] odd = ["a\uD800b", "a\uFFFDb", "a\uDC00b", "a\uD83D\uDE00b", "\uDBFF", "x\uDBFF\uDBFF"];

        foreach (var s in odd)
        {
            set.Add(s);
        }

        Assert.Equal(odd.Length, set.Count);
        for (var i = 0; i < odd.Length; i++)
        {
            Assert.Equal(i, set.IndexOf(odd[i]));
            Assert.Equal(odd[i], set[i]);
        }
    }

    [Fact]
    public void Many_and_long_strings_from_many_threads_are_each_kept_once()
    {
        var set = new Utf8Set();
        var strings = Enumerable.Range(0, 50_000).Select(i => $"articles/page-{i}/index.html").ToList();
        strings.Add(new string('x', 200_000));
        strings.Add(new string('é', 70_000));

        Parallel.ForEach(strings.Concat(strings), s => set.Add(s));

        Assert.Equal(strings.Count, set.Count);
        Assert.All(strings, s => Assert.Equal(s, set[set.IndexOf(s)]));
        Assert.Equal(strings.Order(StringComparer.Ordinal), set.Strings().Order(StringComparer.Ordinal));
        Assert.Equal(-1, set.IndexOf("articles/page-50000/index.html"));
    }
}
