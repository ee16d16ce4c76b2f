using System.Diagnostics;
using BackCareSite.Bench;
using BackCareSite.Tests.Support;

namespace BackCareSite.Tests.Bench;

/// <summary>
/// The shared gen-corpus.py predates governance: <c>bcs-bench</c> completes it in a copy that
/// our build (and Hugo) then builds. These tests use a corpus in gen-corpus.py's exact shape,
/// and the real generator when it sits beside the repository (<c>../shared/bench/</c>).
/// </summary>
public sealed class SharedCorpusTests
{
    private const string SiteYml = """
        title: "The Physio Box"
        base_url: "https://physiobox.example"
        language: "en-GB"
        clinic_name: "The Physio Box, Kensington"
        address: "12 Example Mews, Kensington, London W8 0XX"
        phone: "020 7946 0000"
        booking_url: "https://booking.physiobox.example/"
        menu:
          - title: "Articles"
            url: "/articles/"
        disclaimer: "This page gives general information about back care. It is not a diagnosis."

        """;

    private const string RedFlagsYml = """
        levels:
          - id: "emergency"
            title: "Call 999 or go to A&E now"
            advice: "These signs can mean a nerve emergency. Do not wait to see if they pass."
          - id: "urgent"
            title: "Get help today"
            advice: "Contact your GP surgery or NHS 111 today for an urgent assessment."
          - id: "soon"
            title: "Book an appointment"
            advice: "Book a GP or physiotherapy appointment within the next week or two."
          - id: "self-care"
            title: "Self-care is reasonable"
            advice: "Keep gently active and watch for changes."
        flags:
          - id: "saddle-numbness"
            question: "Do you have numbness or tingling around your genitals or buttocks?"
            level: "emergency"
          - id: "worsening-pain"
            question: "Is your pain persistent or getting worse?"
            level: "soon"

        """;

    private const string Article = """
        ---
        title: "Living with a stiff neck"
        description: "Practical, physiotherapist-reviewed advice on living with a stiff neck."
        date: 2024-11-23
        author: "Amira Okafor"
        tags:
          - "neck-pain"
        exercises:
          - "chin-tucks-1"
        review:
          reviewed_on: 2025-10-18
          reviewed_by: "Leila Haddad, MCSP"
          next_review: 2027-10-18
        ---

        A short walk helps. Move a little each day; see [chin tucks](../exercises/chin-tucks-1.md) for more.

        """;

    private const string Exercise = """
        ---
        title: "Chin tucks (on the floor)"
        description: "How to do chin tucks safely, step by step."
        position: "Sit or stand tall with your shoulders relaxed."
        steps:
          - "Breathe in and let your shoulders relax."
          - "Return slowly to the starting position."
        difficulty: "gentle"
        reps: "5-8"
        sets: 2
        hold_seconds: 5
        each_side: false
        frequency: "once a day"
        equipment: []
        targets:
          - "neck"
        suitable_in_pregnancy: true
        tips:
          - "Wear loose, comfortable clothing."
        cautions:
          - "Stop if you feel dizzy or short of breath."
        videos: []
        review:
          reviewed_on: 2025-05-22
          reviewed_by: "Owen Baxter, HCPC"
          next_review: 2027-11-13
        ---

        Keep your neck long. Rest between repetitions if you need to.

        """;

    [Fact]
    public void ACorpusOfGenCorpusShapeFailsGovernanceUntilCompletedThenBuildsWithoutErrors()
    {
        using var raw = WriteGenCorpusShape(new TempSite(withDefaults: false));
        Assert.True(SharedCorpus.NeedsCompleting(raw.ContentDir));
        var before = raw.Build();
        Assert.Contains(before.Diagnostics, d => d.IsError && d.Code == "BCS0901");
        Assert.Contains(before.Diagnostics, d => d.IsError && d.Code == "BCS0904");

        using var site = new TempSite(withDefaults: false);
        var pages = SharedCorpus.Complete(raw.ContentDir, site.ContentDir);

        Assert.Equal(2, pages);
        Assert.False(SharedCorpus.NeedsCompleting(site.ContentDir));
        var result = site.Build();
        result.Succeeded();
        Assert.DoesNotContain(result.Diagnostics, d => d.Code.StartsWith("BCS09", StringComparison.Ordinal) && d.Code != "BCS0909");
        var page = site.Read("articles/living-with-a-stiff-neck/index.html");
        Assert.Contains("Leila Haddad", page);
        Assert.Contains("https://www.nice.org.uk/guidance/ng59", page);
    }

    [Fact]
    public void CompletingChangesOnlyTheGovernanceAndLeavesTheTextAsItWas()
    {
        var completed = SharedCorpus.CompletePage(Article, "articles/a.md");

        Assert.Contains("  reviewed_by: \"leila-haddad\"\n", completed);
        Assert.DoesNotContain("Leila Haddad", completed);
        Assert.Contains("\nsources:\n  - title:", completed);
        Assert.EndsWith("\n---\n\nA short walk helps. Move a little each day; see [chin tucks](../exercises/chin-tucks-1.md) for more.\n", completed);
        var linesRemoved = Article.Split('\n').Except(completed.Split('\n')).ToList();
        Assert.Equal(["  reviewed_by: \"Leila Haddad, MCSP\""], linesRemoved);
    }

    [Fact]
    public void APageNotInGenCorpusShapeIsRefusedByName()
    {
        var unknown = Assert.Throws<InvalidOperationException>(() =>
            SharedCorpus.CompletePage(Article.Replace("Leila Haddad, MCSP", "Someone Else"), "articles/odd.md"));
        Assert.Contains("articles/odd.md", unknown.Message);
        Assert.Contains("Someone Else", unknown.Message);

        var noReview = Assert.Throws<InvalidOperationException>(() =>
            SharedCorpus.CompletePage("---\ntitle: \"x\"\n---\n\nText.\n", "articles/plain.md"));
        Assert.Contains("reviewed_by", noReview.Message);
    }

    [SharedGeneratorFact]
    public void TheSharedGeneratorsCorpusBuildsWithoutErrorsOnceCompleted()
    {
        using var site = new TempSite(withDefaults: false);
        var generated = Path.Combine(site.Root, "generated");
        var python = Process.Start(new ProcessStartInfo("python3", [SharedGeneratorFactAttribute.Script, "40", "6", generated])
        {
            WorkingDirectory = site.Root,
            RedirectStandardError = true,
        })!;
        var errors = python.StandardError.ReadToEnd();
        python.WaitForExit();
        Assert.True(python.ExitCode == 0, errors);

        var pages = SharedCorpus.Complete(generated, site.ContentDir);

        Assert.Equal(46, pages);
        var result = site.Build();
        result.Succeeded();
        Assert.True(result.PageCount > 46, $"only {result.PageCount} pages");
    }

    private static TempSite WriteGenCorpusShape(TempSite site) => site
        .Write("site.yml", SiteYml)
        .Write("red-flags.yml", RedFlagsYml)
        .Write("articles/living-with-a-stiff-neck.md", Article)
        .Write("exercises/chin-tucks-1.md", Exercise);
}

/// <summary>
/// A test that runs the shared <c>gen-corpus.py</c> beside the repository
/// (<c>../shared/bench/</c>, outside it) with python3; skipped, saying why, where either is missing.
/// </summary>
public sealed class SharedGeneratorFactAttribute : FactAttribute
{
    public static string Script { get; } = Path.GetFullPath(Path.Combine(RepoPaths.Root, "..", "shared", "bench", "gen-corpus.py"));

    public SharedGeneratorFactAttribute()
    {
        if (!File.Exists(Script))
        {
            Skip = "the shared benchmark's gen-corpus.py is not beside the repository (../shared/bench/)";
        }
        else if (!(Environment.GetEnvironmentVariable("PATH") ?? "").Split(':').Any(dir => File.Exists(Path.Combine(dir, "python3"))))
        {
            Skip = "python3 is not installed";
        }
    }
}
