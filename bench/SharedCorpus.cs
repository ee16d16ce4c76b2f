using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace BackCareSite.Bench;

/// <summary>
/// Completes the governance of a corpus written by the shared <c>gen-corpus.py</c>
/// (<c>../shared/bench/</c>), in a copy: that generator predates governance, so every health
/// page of its corpus fails our build (no <c>sources</c>, <c>reviewed_by</c> a name where our
/// schema wants a reviewer id, no <c>reviewers.yml</c>, no <c>feedback_email</c>, red flags
/// without <c>intended_purpose</c> or sources). The copy adds exactly those, and nothing
/// else: the prose, links, tags and dates are the generator's bytes. Hugo builds the same
/// copy (its layouts ignore the added fields; <c>reviewers.yml</c> becomes one more data file),
/// so both tools read the same text.
/// </summary>
internal static partial class SharedCorpus
{
    public const string FeedbackEmail = "feedback@physiobox.example";

    /// <summary>gen-corpus.py's reviewers (its <c>REVIEWERS</c>), with the id each gets here.</summary>
    private static readonly (string Name, string Id, string Person, string Profession)[] Reviewers =
    [
        ("Dr Hannah Cole, MCSP", "hannah-cole", "Dr Hannah Cole", "Chartered physiotherapist (MCSP)"),
        ("James Whitaker, MCSP", "james-whitaker", "James Whitaker", "Chartered physiotherapist (MCSP)"),
        ("Leila Haddad, MCSP", "leila-haddad", "Leila Haddad", "Chartered physiotherapist (MCSP)"),
        ("Owen Baxter, HCPC", "owen-baxter", "Owen Baxter", "Physiotherapist"),
    ];

    // Every page rests on the same two pieces of national guidance; fictional registrations.
    private const string Sources = """
        sources:
          - title: "Low back pain and sciatica in over 16s: assessment and management (NG59)"
            url: "https://www.nice.org.uk/guidance/ng59"
            publisher: "NICE"
          - title: "Back pain"
            url: "https://www.nhs.uk/conditions/back-pain/"
            publisher: "NHS"

        """;

    private const string FlagSources = """
            sources:
              - title: "Back pain"
                url: "https://www.nhs.uk/conditions/back-pain/"
                publisher: "NHS"

        """;

    private const string Purpose =
        "intended_purpose: \"Signposting to the right help for back pain. It does not diagnose, and it does not replace a clinician who has assessed you.\"\n";

    /// <summary>True when <paramref name="corpus"/> lacks the governance files our build needs (gen-corpus.py's output).</summary>
    public static bool NeedsCompleting(string corpus) => !File.Exists(Path.Combine(corpus, "reviewers.yml"));

    /// <summary>
    /// Copies <paramref name="source"/> into <paramref name="target"/> (replaced if it exists)
    /// with the governance completed. Throws <see cref="InvalidOperationException"/> naming the
    /// file when a page does not have gen-corpus.py's shape, rather than guess.
    /// </summary>
    /// <returns>The number of Markdown pages completed.</returns>
    public static int Complete(string source, string target)
    {
        source = Path.GetFullPath(source);
        target = Path.GetFullPath(target);
        if (!File.Exists(Path.Combine(source, "site.yml")) || !File.Exists(Path.Combine(source, "red-flags.yml")))
        {
            throw new InvalidOperationException($"{source} has no site.yml and red-flags.yml: not a gen-corpus.py corpus");
        }

        if (Directory.Exists(target))
        {
            Directory.Delete(target, recursive: true);
        }

        var pages = 0;
        foreach (var file in Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(source, file);
            var destination = Path.Combine(target, relative);
            Directory.CreateDirectory(Path.GetDirectoryName(destination)!);
            if (relative.EndsWith(".md", StringComparison.Ordinal))
            {
                File.WriteAllText(destination, CompletePage(File.ReadAllText(file), relative));
                pages++;
            }
            else if (relative == "site.yml")
            {
                File.WriteAllText(destination, CompleteSite(File.ReadAllText(file), relative));
            }
            else if (relative == "red-flags.yml")
            {
                File.WriteAllText(destination, CompleteRedFlags(File.ReadAllText(file), relative));
            }
            else
            {
                File.Copy(file, destination);
            }
        }

        File.WriteAllText(Path.Combine(target, "reviewers.yml"), ReviewersYaml());
        return pages;
    }

    /// <summary>A page: <c>reviewed_by</c> becomes the reviewer's id, and <c>sources</c> ends the front matter.</summary>
    internal static string CompletePage(string text, string file)
    {
        var end = text.IndexOf("\n---\n", StringComparison.Ordinal);
        if (!text.StartsWith("---\n", StringComparison.Ordinal) || end < 0)
        {
            throw new InvalidOperationException($"{file}: no front matter between `---` lines");
        }

        var found = false;
        var front = ReviewedBy().Replace(text[..(end + 1)], match =>
        {
            found = true;
            var name = match.Groups["name"].Value;
            var reviewer = Reviewers.FirstOrDefault(r => r.Name == name);
            return reviewer.Id is null
                ? throw new InvalidOperationException($"{file}: reviewer `{name}` is not one of gen-corpus.py's reviewers")
                : $"{match.Groups["indent"].Value}reviewed_by: \"{reviewer.Id}\"";
        });
        if (!found)
        {
            throw new InvalidOperationException($"{file}: no `reviewed_by:` in its front matter");
        }

        if (front.Contains("\nsources:", StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"{file}: already has `sources:`");
        }

        return front + Sources + text[(end + 1)..];
    }

    internal static string CompleteSite(string text, string file) =>
        text.Contains("\nfeedback_email:", StringComparison.Ordinal)
            ? throw new InvalidOperationException($"{file}: already has `feedback_email:`")
            : text.TrimEnd('\n') + $"\nfeedback_email: \"{FeedbackEmail}\"\n";

    /// <summary>The checker: an <c>intended_purpose</c>, and sources after each sign's <c>level</c>.</summary>
    internal static string CompleteRedFlags(string text, string file)
    {
        var flags = text.IndexOf("\nflags:\n", StringComparison.Ordinal);
        if (flags < 0)
        {
            throw new InvalidOperationException($"{file}: no `flags:` list");
        }

        var count = 0;
        var signs = FlagLevel().Replace(text[flags..], match =>
        {
            count++;
            return match.Value + FlagSources;
        });
        return count == 0
            ? throw new InvalidOperationException($"{file}: no sign has a `level:`")
            : Purpose + text[..flags] + signs;
    }

    private static string ReviewersYaml()
    {
        var text = new StringBuilder("# Added by bcs-bench to gen-corpus.py's corpus (fictional registrations).\nreviewers:\n");
        for (var i = 0; i < Reviewers.Length; i++)
        {
            var (_, id, person, profession) = Reviewers[i];
            text.Append(CultureInfo.InvariantCulture,
                $"  - id: {id}\n    name: \"{person}\"\n    profession: \"{profession}\"\n    registration: \"HCPC PH{900001 + i} (fictional)\"\n");
        }

        return text.ToString();
    }

    [GeneratedRegex("""^(?<indent>[ ]+)reviewed_by: "(?<name>[^"]*)"$""", RegexOptions.Multiline)]
    private static partial Regex ReviewedBy();

    [GeneratedRegex("""^    level: .*\n""", RegexOptions.Multiline)]
    private static partial Regex FlagLevel();
}
