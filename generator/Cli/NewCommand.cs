using System.Globalization;
using System.Text;
using BackCareSite.Content;

namespace BackCareSite.Cli;

/// <summary>
/// <c>new article|exercise TITLE</c>: writes a draft Markdown file with a valid
/// slug from the title, today's date and every front-matter field (optional ones
/// commented out with a hint). Every text it would have to invent is a
/// placeholder, which the build refuses to publish. It never overwrites a file.
/// </summary>
internal static class NewCommand
{
    public const string Help = """
        Usage: backcaresite new article|exercise TITLE [options]

        Creates content/articles/<slug>.md or content/exercises/<slug>.md from the title:
        a draft (`draft: true`, never published) with today's date and every front-matter
        field (optional ones commented out). Every text it cannot know is marked
        [FILL IN ...]; the build refuses a page that still has one. Replace them, delete
        `draft: true`, and build. It never overwrites an existing file.

        Options:
          --content DIR     content folder (default: content)
          --help            show this help

        Example: backcaresite new article "Sitting at a desk all day"
        Exit codes: 0 created, 1 the file already exists, 2 usage error.
        """;

    private static readonly IReadOnlySet<string> Flags = new HashSet<string> { "--help" };
    private static readonly IReadOnlySet<string> Valued = new HashSet<string> { "--content" };

    public static int Run(IReadOnlyList<string> args, TextWriter stdout, TextWriter stderr) =>
        Run(args, stdout, stderr, DateOnly.FromDateTime(DateTime.Now));

    public static int Run(IReadOnlyList<string> args, TextWriter stdout, TextWriter stderr, DateOnly today)
    {
        var reader = new ArgumentReader("new", args, Flags, Valued);
        if (reader.Flag("--help"))
        {
            stdout.WriteLine(Help);
            return ExitCodes.Ok;
        }

        if (reader.Positional.Count == 0 || reader.Positional[0] is not ("article" or "exercise"))
        {
            var got = reader.Positional.Count == 0 ? "nothing" : $"`{reader.Positional[0]}`";
            throw new UsageException($"`new` needs `article` or `exercise` and a title, for example `new article \"Sitting well\"`; got {got}");
        }

        var kind = reader.Positional[0];
        var title = string.Join(' ', reader.Positional.Skip(1)).Trim();
        if (title.Length == 0)
        {
            throw new UsageException($"`new {kind}` needs a title, for example `new {kind} \"Sitting well\"`");
        }

        var contentDir = reader.Value("--content") ?? "content";
        if (!Directory.Exists(contentDir))
        {
            throw new UsageException($"the content folder `{contentDir}` does not exist; run this in the site's folder or pass `--content DIR`");
        }

        var slug = Slug(title);
        var folder = kind == "article" ? "articles" : "exercises";
        var relative = $"{folder}/{slug}.md";
        var full = Path.Combine(contentDir, folder, slug + ".md");
        var text = kind == "article" ? Article(title, today) : Exercise(title, today);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        try
        {
            using var stream = new FileStream(full, FileMode.CreateNew, FileAccess.Write);
            stream.Write(new UTF8Encoding(false).GetBytes(text));
        }
        catch (IOException) when (File.Exists(full))
        {
            stderr.WriteLine($"error: {PathDisplay.Relative(PathDisplay.WorkingDirectory(), full)} already exists; nothing was written. Choose another title, or edit that file");
            return ExitCodes.Failed;
        }

        stdout.WriteLine($"Created {PathDisplay.Relative(PathDisplay.WorkingDirectory(), full)} ({relative}, slug `{slug}`). It is a draft: replace every text marked FILL IN, delete `draft: true`, and preview it with `serve --drafts`.");
        return ExitCodes.Ok;
    }

    private const string Accented = "àáâãäåāăąçćčďèéêëēėęěìíîïīįłñńňòóôõöøōőŕřśšşťùúûüūůűųýÿźżž";
    private const string Plain = "aaaaaaaaacccdeeeeeeeeiiiiiilnnnoooooooorrssstuuuuuuuuyyzzz";

    /// <summary>
    /// The slug of a title. The build runs with invariant globalization, where Unicode
    /// decomposition is not available, so common accented letters are folded here first
    /// (<c>Café</c> gives <c>cafe</c>, not <c>caf</c>).
    /// </summary>
    internal static string Slug(string title)
    {
        var folded = new StringBuilder();
        foreach (var c in title.ToLowerInvariant())
        {
            var i = Accented.IndexOf(c, StringComparison.Ordinal);
            folded.Append(c switch
            {
                'ß' => "ss",
                'æ' => "ae",
                'œ' => "oe",
                _ => i >= 0 ? Plain[i].ToString() : c.ToString(),
            });
        }

        return FrontMatterReader.SlugFrom(folded.ToString());
    }

    /// <summary>A double-quoted YAML string: safe for any title.</summary>
    internal static string Quote(string text)
    {
        var result = new StringBuilder("\"");
        foreach (var c in text)
        {
            result.Append(c switch
            {
                '"' => "\\\"",
                '\\' => "\\\\",
                '\t' => "\\t",
                _ when char.IsControl(c) => "\\u" + ((int)c).ToString("x4", CultureInfo.InvariantCulture),
                _ => c.ToString(),
            });
        }

        return result.Append('"').ToString();
    }

    private static string Date(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>A placeholder: the build refuses to publish a page that still has one (<see cref="GovernanceChecker.PlaceholderMarker"/>).</summary>
    private static string Fill(string what) => Quote($"{GovernanceChecker.PlaceholderMarker}: {what}]");

    private static string Article(string title, DateOnly today) => $"""
        ---
        title: {Quote(title)}
        # A draft is never published. Replace every text marked FILL IN, then delete this line
        # (see "Finishing a new page" in docs/content-guide.md).
        draft: true
        # Required: one or two sentences, shown in lists and to search engines.
        description: {Fill("one or two sentences about the article")}
        date: {Date(today)}
        {Governance(today)}
        # Optional fields: remove the `# ` to use one (see docs/content-guide.md).
        # updated: {Date(today)}            # date of the last real change, not before `date`
        # author: Your Name
        # tags:                          # lower-case words joined by hyphens
        #   - lower-back-pain
        # exercises:                     # slugs of exercises whose cards appear under the article
        #   - knee-rolls
        {CommonOptional(title, "/blog/old-address/")}
        ---

        {GovernanceChecker.PlaceholderMarker}: the article, in Markdown; link to an exercise by its file, as docs/content-guide.md shows]

        """;

    /// <summary>The review and sources every health page needs, with placeholders to replace.</summary>
    private static string Governance(DateOnly today) => $"""
        # Required on health pages: who checked the page (a reviewer id from reviewers.yml) and when.
        review:
          reviewed_on: {Date(today)}
          reviewed_by: {Fill("the reviewer's id from reviewers.yml")}
          next_review: {Date(today.AddYears(1))}
        # Required on health pages: what the advice rests on, each with a title as published
        # and its full https:// address (`url:`), or its `publisher:` for a print source.
        sources:
          - title: {Fill("the title of the source, as published")}
            publisher: {Fill("who published it")}
            # url: https://www.nhs.uk/conditions/back-pain/
        """;

    /// <summary>The optional fields articles and exercises share, commented out.</summary>
    private static string CommonOptional(string title, string oldAddress) => $"""
        # image: media/picture.svg       # a file in the media folder...
        # image_alt: What the picture shows   # ...and its description (both or neither)
        # health: false                  # only for a page that gives no health advice (clinic news)
        # slug: {Slug(title)}              # the address name; by default the file name
        # aliases:                       # old addresses that should redirect here
        #   - {oldAddress}
        """;

    private static string Exercise(string title, DateOnly today) => $"""
        ---
        title: {Quote(title)}
        # A draft is never published. Replace every text marked FILL IN, then delete this line
        # (see "Finishing a new page" in docs/content-guide.md).
        draft: true
        # Required: one or two sentences, shown in lists and to search engines.
        description: {Fill("one or two sentences about the exercise")}
        # Required: the starting position.
        position: {Fill("the starting position")}
        # Required: one or more steps, in order.
        steps:
          - {Fill("the first step")}
        # Required: gentle, moderate or challenging.
        difficulty: gentle
        {Governance(today)}
        # Optional fields: remove the `# ` to use one (see docs/content-guide.md).
        # reps: "5-10"                   # a whole number, or a range in quotes
        # sets: 1                        # a whole number, at least 1
        # hold_seconds: 5                # seconds to hold; 0 means no hold
        # each_side: true                # the repetitions are for each side
        # frequency: once or twice a day
        # equipment:
        #   - exercise mat
        # targets:                       # body areas
        #   - lower back
        # suitable_in_pregnancy: true    # true or false; leave it out if the clinic has not said
        # tips:
        #   - Rest between repetitions if you need to.
        # cautions:                      # when to stop
        #   - Stop if the pain becomes sharp or spreads down a leg.
        # videos:                        # each a title and a full https:// address
        #   - title: How to do it
        #     url: https://video.example/watch
        {CommonOptional(title, "/exercises/old-address/")}
        ---

        {GovernanceChecker.PlaceholderMarker}: the guide, in Markdown: what the exercise is for and what it should feel like]

        """;
}
