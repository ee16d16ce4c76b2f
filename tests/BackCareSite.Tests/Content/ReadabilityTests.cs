using BackCareSite.Content;
using BackCareSite.Tests.Support;

namespace BackCareSite.Tests.Content;

/// <summary>The Flesch-Kincaid grade against published worked examples, and the build's readability warning.</summary>
public sealed class ReadabilityTests
{
    private static readonly IReadOnlySet<string> NoGlossary = new HashSet<string>();

    // Worked example from the Wikipedia article "Flesch–Kincaid readability tests"
    // (https://en.wikipedia.org/wiki/Flesch%E2%80%93Kincaid_readability_tests, section
    // "Flesch–Kincaid grade level"): the sentence below "is an 11.3 as it has 24 syllables
    // and 13 words".
    private const string Platypus = "The Australian platypus is seemingly a hybrid of a mammal and reptilian creature.";

    [Fact]
    public void ThePlatypusSentenceHas13Words24SyllablesAndGrade11Point3()
    {
        var score = Measure(Platypus);

        Assert.Equal((13, 1, 24), (score.Words, score.Sentences, score.Syllables));
        Assert.Equal(11.3, Math.Round(score.Grade, 1));
        Assert.Equal(16.3, Math.Round(score.ReadingAge, 1));
    }

    // The same article gives the formula's floor: text of one-word sentences of one
    // syllable each scores 0.39 + 11.8 - 15.59 = -3.40, the lowest grade possible.
    [Fact]
    public void OneSyllableOneWordSentencesScoreTheLowestGradeMinus3Point4()
    {
        var score = Measure("Stop. Rest. Breathe. Walk.");

        Assert.Equal((4, 4, 4), (score.Words, score.Sentences, score.Syllables));
        Assert.Equal(-3.4, Math.Round(score.Grade, 2));
    }

    [Theory]
    [InlineData("back", 1)]
    [InlineData("creature", 2)]
    [InlineData("table", 2)]
    [InlineData("exercise", 3)]
    [InlineData("yoga", 2)]
    [InlineData("low-impact", 3)]
    public void CountsSyllablesByVowelGroups(string word, int syllables) =>
        Assert.Equal(syllables, Readability.Syllables(word, NoGlossary));

    [Fact]
    public void AGlossedWordCountsAsOneSyllable()
    {
        var glossary = new HashSet<string> { "physiotherapist" };

        Assert.Equal(1, Readability.Syllables("Physiotherapists", glossary));
    }

    [Fact]
    public void AHardPageIsAWarningAtItsHardestSentenceNamingTheThreeHardestLines()
    {
        var body = "Walk a bit each day.\n\n"
            + "Considerable interdisciplinary rehabilitation methodologies demonstrate substantial effectiveness.\n\n"
            + "Rest is fine.\n\n"
            + "Musculoskeletal physiotherapy interventions generally necessitate individualised progression.\n\n"
            + "Keep going.\n\nAnatomical understanding facilitates appropriate exercise selection.";
        using var site = new TempSite().Article("hard", body: body);

        var result = site.Build(strict: true);

        Assert.False(result.Published);
        var warning = Assert.Single(result.Diagnostics);
        // The body starts at line 14, below TempSite's front matter; the three long-word sentences are at 16, 20 and 24.
        Assert.Equal(("BCS0909", "content/articles/hard.md", 16), (warning.Code, warning.Path, warning.Line));
        Assert.Contains("the hardest sentences are at lines 16, 20, 24", warning.Message);
        Assert.False(warning.IsError);
    }

    [Fact]
    public void ExerciseStepsAreMeasuredAtTheirLines()
    {
        var score = Readability.Measure(Parse("exercises/x.md",
            "---\ntitle: X\ndescription: Y.\nposition: Lie down.\nsteps:\n  - Simultaneously contract abdominal musculature whilst maintaining lumbar neutrality.\ndifficulty: gentle\n---\n\nEasy.\n"), NoGlossary);

        Assert.Equal(6, score.Hardest[0].At.Line);
        Assert.Equal(3, score.Sentences);
    }

    private static ReadabilityScore Measure(string markdown) =>
        Readability.Measure(Parse("articles/x.md", "---\ntitle: X\ndescription: Y.\ndate: 2026-01-01\nhealth: false\n---\n\n" + markdown + "\n"), NoGlossary);

    private static ContentItem Parse(string relative, string text)
    {
        using var site = new TempSite(withDefaults: false);
        site.Write(relative, text);
        var diagnostics = new BackCareSite.Diagnostics.DiagnosticBag();
        var loader = new ContentLoader(BackCareSite.Markdown.MarkdownPipelineFactory.Create());
        var content = loader.Load(site.ContentDir, includeDrafts: false, new DateOnly(2026, 6, 1), diagnostics);
        return Assert.Single(content!.All);
    }
}
