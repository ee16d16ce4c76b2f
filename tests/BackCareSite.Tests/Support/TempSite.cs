using BackCareSite.Cli;
using BackCareSite.Build;
using BackCareSite.Diagnostics;

namespace BackCareSite.Tests.Support;

/// <summary>
/// A whole site in a few lines: files in (content relative to the content
/// folder), build, assert on files and diagnostics out. Starts from a minimal
/// valid site.yml and red-flags.yml and the repository's templates, so a test
/// writes only what it is about. Deleted with the test.
/// </summary>
internal sealed class TempSite : IDisposable
{
    public const string SiteYml = """
        title: Test Clinic
        base_url: https://clinic.example
        language: en-GB
        clinic_name: Test Clinic, Testtown
        address: 1 Test Street
        phone: 020 7946 0000
        booking_url: https://booking.clinic.example/
        disclaimer: General advice, not a diagnosis.
        feedback_email: feedback@clinic.example
        menu:
          - title: Articles
            url: /articles/
        """;

    /// <summary>The one reviewer every test page is signed off by (see <see cref="Governance"/>).</summary>
    public const string ReviewersYml = """
        reviewers:
          - id: test-physio
            name: Test Physio
            profession: Physiotherapist
            registration: HCPC PH000000 (fictional)
        """;

    /// <summary>
    /// The review and sources a health page needs, added to the pages <see cref="Article"/> and
    /// <see cref="Exercise"/> write unless the test writes its own (or <c>health: false</c>).
    /// </summary>
    public const string Governance = """
        review:
          reviewed_on: 2026-01-15
          reviewed_by: test-physio
          next_review: 2027-01-15
        sources:
          - title: Back pain
            url: https://www.nhs.uk/conditions/back-pain/

        """;

    public const string RedFlagsYml = """
        intended_purpose: Signposting to the right help, not a diagnosis.
        levels:
          - id: emergency
            title: Call 999 now
            advice: Call 999 or go to A&E.
            action_label: Call 999
            action_url: tel:999
          - id: urgent
            title: Get help today
            advice: Contact your GP or NHS 111 today.
            action_label: Call NHS 111
            action_url: tel:111
          - id: soon
            title: Book an appointment
            advice: Book a GP or physiotherapy appointment.
            action_label: Book an appointment
            action_url: https://booking.physiobox.example/
          - id: self-care
            title: Self-care
            advice: Keep gently active.
        flags:
          - id: saddle-numbness
            question: Numbness around your genitals or buttocks?
            level: emergency
            sources:
              - title: Cauda equina syndrome
                url: https://www.nhs.uk/conditions/cauda-equina-syndrome/
          - id: high-temperature
            question: A high temperature?
            level: urgent
            sources:
              - title: Back pain
                url: https://www.nhs.uk/conditions/back-pain/
          - id: worsening-pain
            question: Pain getting worse?
            level: soon
            sources:
              - title: Back pain
                url: https://www.nhs.uk/conditions/back-pain/
        """;

    /// <param name="withDefaults">Writes a valid site.yml, red-flags.yml and reviewers.yml.</param>
    /// <param name="seedPictureCache">Starts the picture cache as a first build leaves it (see <see cref="SeedCache"/>); a test of the cache itself starts it empty.</param>
    public TempSite(bool withDefaults = true, bool seedPictureCache = true)
    {
        Root = Path.Combine(Path.GetTempPath(), "bcs-test-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(ContentDir);
        if (withDefaults)
        {
            Write("site.yml", SiteYml);
            Write("red-flags.yml", RedFlagsYml);
            Write("reviewers.yml", ReviewersYml);
        }

        if (seedPictureCache)
        {
            foreach (var (relative, bytes) in SeedCache.Value)
            {
                var full = Path.Combine(Root, relative);
                Directory.CreateDirectory(Path.GetDirectoryName(full)!);
                File.WriteAllBytes(full, bytes);
            }
        }
    }

    /// <summary>
    /// The picture cache of a site built once with the repository's templates: its default social
    /// card (<c>templates/social-card.svg</c> drawn at 1200x630), which every site built from those
    /// templates makes. Drawing it takes a quarter of a second of CPU, and the unit tests build
    /// hundreds of new sites; each starts with this cache instead, as a site built once before.
    /// The cache is keyed by what a picture is made from, so a site whose card differs (its own
    /// templates or picture settings) still makes its own.
    /// </summary>
    private static readonly Lazy<IReadOnlyList<(string Relative, byte[] Bytes)>> SeedCache = new(() =>
    {
        using var site = new TempSite(withDefaults: true, seedPictureCache: false);
        site.Build().Succeeded();
        var cache = Path.Combine(site.Root, ".cache");
        return Directory.EnumerateFiles(cache, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal)
            .Select(file => (Path.GetRelativePath(site.Root, file), File.ReadAllBytes(file))).ToList();
    });

    public string Root { get; }

    public string ContentDir => Path.Combine(Root, "content");

    public string OutDir => Path.Combine(Root, "public");

    public string TemplatesDir { get; set; } = RepoPaths.Templates;

    /// <summary>Writes a content file (path relative to the content folder).</summary>
    public TempSite Write(string relativePath, string text)
    {
        var full = Path.Combine(ContentDir, relativePath);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        File.WriteAllText(full, text);
        return this;
    }

    public TempSite WriteBytes(string relativePath, byte[] bytes)
    {
        var full = Path.Combine(ContentDir, relativePath);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        File.WriteAllBytes(full, bytes);
        return this;
    }

    /// <summary>A valid article with the given extra front-matter lines and body.</summary>
    public TempSite Article(string slug, string extraFrontMatter = "", string body = "Some text.", string title = "A title")
    {
        return Write($"articles/{slug}.md", $"---\ntitle: \"{title}\"\ndescription: About {slug}.\ndate: 2026-01-15\n{WithGovernance(extraFrontMatter)}---\n\n{body}\n");
    }

    /// <summary>A valid exercise with the given extra front-matter lines.</summary>
    public TempSite Exercise(string slug, string extraFrontMatter = "", string body = "How to do it well.")
    {
        return Write($"exercises/{slug}.md",
            $"---\ntitle: Exercise {slug}\ndescription: How to do {slug}.\nposition: Lie on your back.\nsteps:\n  - Breathe in.\n  - Move slowly.\ndifficulty: gentle\n{WithGovernance(extraFrontMatter)}---\n\n{body}\n");
    }

    /// <summary>The test's own front-matter lines, with <see cref="Governance"/>'s fields it did not write itself.</summary>
    public static string WithGovernance(string extraFrontMatter)
    {
        if (extraFrontMatter.Contains("health: false", StringComparison.Ordinal))
        {
            return extraFrontMatter;
        }

        var extra = new System.Text.StringBuilder(extraFrontMatter);
        if (!extraFrontMatter.Contains("review:", StringComparison.Ordinal))
        {
            extra.Append(Governance[..Governance.IndexOf("sources:", StringComparison.Ordinal)]);
        }

        if (!extraFrontMatter.Contains("sources:", StringComparison.Ordinal))
        {
            extra.Append(Governance[Governance.IndexOf("sources:", StringComparison.Ordinal)..]);
        }

        return extra.ToString();
    }

    public BuildResult Build(bool drafts = false, bool strict = false, string? baseUrl = null)
    {
        // Folders and the diagnostics' paths are relative to the site (as if the command were run in it).
        return SiteBuilder.Build(new BuildOptions
        {
            ContentDir = "content", TemplatesDir = TemplatesDir, OutDir = "public", Drafts = drafts, Strict = strict,
            BaseUrl = baseUrl, Today = new DateOnly(2026, 6, 1), DisplayRoot = Root,
        });
    }

    public string Read(string outputPath) => File.ReadAllText(Path.Combine(OutDir, outputPath));

    public bool Exists(string outputPath) => File.Exists(Path.Combine(OutDir, outputPath));

    /// <summary>Every output file with its bytes, for byte-for-byte comparisons.</summary>
    public SortedDictionary<string, byte[]> Snapshot()
    {
        var files = new SortedDictionary<string, byte[]>(StringComparer.Ordinal);
        if (Directory.Exists(OutDir))
        {
            foreach (var file in Directory.EnumerateFiles(OutDir, "*", SearchOption.AllDirectories))
            {
                files[Path.GetRelativePath(OutDir, file).Replace('\\', '/')] = File.ReadAllBytes(file);
            }
        }

        return files;
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}

/// <summary>The working directory is process-wide; tests that change it take this lock.</summary>
internal static class WorkingDirectory
{
    public static readonly object Lock = new();

    /// <summary>Runs <paramref name="action"/> with <paramref name="directory"/> as the working directory, then restores it.</summary>
    public static T In<T>(string directory, Func<T> action)
    {
        lock (Lock)
        {
            var previous = Directory.GetCurrentDirectory();
            Directory.SetCurrentDirectory(directory);
            try
            {
                return action();
            }
            finally
            {
                Directory.SetCurrentDirectory(previous);
            }
        }
    }
}

/// <summary>The command line run in-process, as <c>backcaresite ARGS</c> runs it.</summary>
internal static class InProcess
{
    public static (int Code, string Out, string Err) Run(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var code = CommandLine.Run(args, stdout, stderr);
        return (code, stdout.ToString(), stderr.ToString());
    }

    /// <summary>Runs it in <paramref name="workingDirectory"/>, where diagnostics' paths are relative to.</summary>
    public static (int Code, string Out, string Err) RunIn(string workingDirectory, params string[] args) =>
        WorkingDirectory.In(workingDirectory, () => Run(args));
}

internal static class DiagnosticAssertions
{
    /// <summary>Asserts an error with this code at this file and line, and returns it.</summary>
    public static Diagnostic HasError(this BuildResult result, string code, string path, int line)
    {
        var match = result.Diagnostics.FirstOrDefault(d => d.IsError && d.Code == code && d.Path == path && d.Line == line);
        Assert.True(match is not null,
            $"expected error {code} at {path}:{line}, got:\n{string.Join('\n', result.Diagnostics)}");
        return match!;
    }

    public static void Succeeded(this BuildResult result)
    {
        Assert.True(result.Published && result.ErrorCount == 0, "build failed:\n" + string.Join('\n', result.Diagnostics));
    }
}
