using BackCareSite.Diagnostics;
using BackCareSite.Tests.Support;

namespace BackCareSite.Tests.Content;

/// <summary>Every message about a value quotes the value the editor wrote, so they can find it (issue #21).</summary>
public sealed class ValueEchoTests
{
    private static readonly HashSet<string> ValueCodes =
    [
        ErrorCodes.InvalidDate, ErrorCodes.InvalidEnum, ErrorCodes.WrongType, ErrorCodes.InvalidValue, ErrorCodes.InvalidUrl,
        ErrorCodes.InvalidSlug, ErrorCodes.UnknownExercise, ErrorCodes.MissingMedia, ErrorCodes.TextInsteadOfList,
    ];

    [Fact]
    public void EachDiagnosticAboutAValueQuotesTheValueAtItsPosition()
    {
        using var site = new TempSite();
        site.Write("articles/bad.md", """
            ---
            title: Title
            description: A description.
            date: 2026-13-01
            updated: soon
            tags: Back pain, Desk work
            aliases:
              - no-slash
            slug: Not A Slug
            draft: maybe
            ---

            Text.
            """);
        site.Article("refers", "exercises:\n  - knee-rols\nimage: media/nope.svg\nimage_alt: Nothing\n");
        site.Write("exercises/bad.md", """
            ---
            title: Bad
            description: Everything wrong.
            position: Lie down.
            steps:
              - Move.
            difficulty: hard
            reps: five
            sets: two
            hold_seconds: -3
            each_side: often
            videos:
              - title: A video
                url: http://example.com/v
            ---

            Text.
            """);
        site.Write("site.yml", TempSite.SiteYml.Replace("https://clinic.example", "clinic.example", StringComparison.Ordinal));

        var result = site.Build();

        var aboutValues = result.Diagnostics.Where(d => ValueCodes.Contains(d.Code)).ToList();
        Assert.True(aboutValues.Count >= 15, string.Join('\n', result.Diagnostics));
        foreach (var diagnostic in aboutValues)
        {
            var value = ValueAt(Path.Combine(site.Root, diagnostic.Path), diagnostic.Line, diagnostic.Column);
            Assert.True(value.Length > 0 && diagnostic.Message.Contains($"`{value}`", StringComparison.Ordinal),
                $"`{value}` is not quoted in: {diagnostic}");
        }
    }

    [Fact]
    public void AQuotedValueHasItsControlCharactersWrittenOutAndIsShortened()
    {
        using var site = new TempSite();
        site.Article("coloured", "slug: \"\\e[31mred\\tslug\"\n");
        site.Article("long", $"slug: {new string('X', 100)}\n");

        var result = site.Build();

        // An escape written in YAML is refused at its line (#20: control characters never reach a page, the feed or the terminal).
        var coloured = result.HasError(ErrorCodes.ControlCharacter, "content/articles/coloured.md", 5);
        Assert.DoesNotContain(coloured.Message, c => char.IsControl(c));
        var longSlug = result.HasError(ErrorCodes.InvalidSlug, "content/articles/long.md", 5);
        Assert.Contains($"slug `{new string('X', Shown.MaxLength)}…`", longSlug.Message, StringComparison.Ordinal);
    }

    /// <summary>The value written at a position: the rest of the line, without quotes.</summary>
    private static string ValueAt(string file, int line, int column)
    {
        var text = File.ReadAllLines(file)[line - 1];
        return text[(column - 1)..].Trim().Trim('"', '\'');
    }
}
