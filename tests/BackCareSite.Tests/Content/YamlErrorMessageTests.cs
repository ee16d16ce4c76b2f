using BackCareSite.Content;
using BackCareSite.Diagnostics;

namespace BackCareSite.Tests.Content;

/// <summary>
/// Each YAML mistake an editor makes by hand is reported in plain words at the
/// line and column of its cause, with what to do (issue #21). The front matter
/// starts on line 2 of the file, after the opening <c>---</c>.
/// </summary>
public sealed class YamlErrorMessageTests
{
    public static TheoryData<string, string, int, int, string> Mistakes() => new()
    {
        // name, front matter, line, column, words that tell the editor what to do
        { "a tab before a list item", "title: x\ndescription: y\ndate: 2026-01-01\nauthor: a\ntags:\n  - a\n  - b\n  - c\n\t- d\n", 10, 1, "line 10 starts with a tab: indent with spaces" },
        { "a tab before a field", "title: x\n\tdescription: y\n", 3, 1, "line 3 starts with a tab: indent with spaces" },
        { "an unclosed double quote", "title: \"Back pain\ndescription: y\ndate: 2026-01-01\n", 2, 8, "the quote `\"` opened on line 2 is never closed: end the text with `\"` on the same line" },
        { "an unclosed single quote", "title: x\ndescription: 'Back pain\n", 3, 14, "the quote `'` opened on line 3 is never closed" },
        { "a colon inside a value", "title: Back pain: why\n", 2, 17, "put the whole value in quotes, like `title: \"Back pain: why\"`" },
        { "a field indented under a field with a value", "title: x\n  description: y\n", 3, 3, "`description:` is indented more than the line above it" },
        { "no space after a colon", "title:x\ndescription: y\n", 2, 7, "line 2 needs a space after the colon: write `title: x`" },
        { "a list item out of line", "tags:\n  - a\n - b\n", 4, 2, "put its `-` in column 3" },
        { "a list item under no field", "title: x\n- y\n", 3, 1, "put it under a field that ends with `:`" },
        { "text after a closing quote", "title: \"Knee rolls\" for beginners\n", 2, 21, "like `title: '\"Knee rolls\" for beginners'`" },
        { "a value starting with a bracket", "title: [Draft] Back pain\n", 2, 8, "put the whole value in quotes, like `title: \"[Draft] Back pain\"`" },
        { "a field without a colon", "title: x\ndescription\ndate: 2026-01-01\n", 3, 1, "`description` has no colon: write each field as `name: value`" },
        { "a value starting with @", "title: @home\n", 2, 8, "a value cannot start with `@` in YAML: put the whole value in quotes, like `title: \"@home\"`" },
        { "a value starting with *", "title: x\ndescription: *starred\n", 3, 14, "put the whole value in quotes, like `description: \"*starred\"`" },
        { "a value starting with |", "title: | x\n", 2, 8, "must begin on the next line" },
        { "a backslash in double quotes", "title: \"a\\qb\"\n", 2, 10, "`\\q` inside double quotes is read as a special character: write `\\\\` for a backslash" },
        { "an unclosed list", "title: x\ntags: [a, b\ndescription: y\n", 3, 7, "the list `[` opened here is never closed: end it with `]`" },
        { "an unclosed group", "review: {a: b\ndescription: y\n", 2, 9, "the group `{` opened here is never closed" },
        { "a field written twice", "title: x\ndescription: y\ntitle: z\n", 4, 1, "`title` is written twice (also on line 2); keep one of them" },
        { "a list item starting with a colon", "title: x\ntags:\n  - a\n  - : staying-active\n  - b\n", 5, 5, "this `:` has no field name before it, so the text after it is lost" },
        // The checks of the parser's events come before what the tree builder finds earlier in the text, as when they read it first.
        { "a field written twice, then a control character", "title: x\ntitle: y\ndescription: \"a\\e[31m\"\n", 4, 14, "the control character U+001B" },
        { "a field written twice, then an unclosed list", "title: x\ntitle: y\ntags: [a\n", 4, 7, "the list `[` opened here is never closed" },
        { "a nested field indented too far", "review:\n  reviewed_on: 2026-01-01\n    reviewed_by: x\n", 4, 5, "`reviewed_by:` is indented more than the line above it" },
    };

    [Theory]
    [MemberData(nameof(Mistakes))]
    public void ReportsTheMistakeInPlainWordsAtItsCause(string name, string yaml, int line, int column, string words)
    {
        var text = "---\n" + yaml + "---\n\nText.\n";
        var file = new SourceFile("articles/x.md", "content/articles/x.md", "", text);
        var bag = new DiagnosticBag();

        var fields = YamlDocumentParser.ParseMapping(file, yaml, 2, bag);

        Assert.Null(fields);
        var diagnostic = Assert.Single(bag.Sorted());
        Assert.True((line, column) == (diagnostic.Line, diagnostic.Column), $"{name}: expected {line}:{column}, got {diagnostic}");
        Assert.Contains(words, diagnostic.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("While ", diagnostic.Message, StringComparison.Ordinal);
    }
}
