using System.Globalization;
using System.Text;

namespace BackCareSite.Bench;

/// <summary>
/// Writes a synthetic site in the generator's content schema: site.yml,
/// red-flags.yml, media, articles and exercises. The same size and seed always
/// give the same bytes. Articles are 600 to 1,500 words with headings, lists,
/// tables, images, links to other content by source path, exercise embeds,
/// tags and exercise lists; exercises carry every front-matter field.
/// </summary>
internal sealed class Corpus(int articles, int exercises, int seed)
{
    private static readonly string[] Subjects =
    [
        "a short walk", "gentle stretching", "a steady routine", "swimming", "a supportive chair", "hip strength work",
        "slow breathing", "a warm bath", "pacing your day", "a well-set desk", "careful lifting", "light gardening",
        "a graded plan", "regular breaks", "core control", "a good night's sleep", "a pain diary", "cycling on the flat",
    ];

    private static readonly string[] Predicates =
    [
        "usually helps more than bed rest", "keeps stiff joints moving", "is easy to fit around work",
        "lets tired muscles recover", "builds confidence bit by bit", "can be scaled up as you improve",
        "takes load off a sore back", "is worth raising with your physiotherapist", "tends to calm a flare-up",
        "helps you sleep more soundly", "makes daily tasks feel lighter", "suits most ages and fitness levels",
    ];

    private static readonly string[] Openers =
    [
        "", "In most cases, ", "For many people, ", "At first, ", "Over a few weeks, ", "On a bad day, ", "Where you can, ",
        "Little by little, ", "As a rule, ",
    ];

    private static readonly string[] Endings =
    [
        "", ", as long as the pain stays settled", ", even if progress feels slow", ", which is why we suggest it early",
        ", unless you have been told otherwise", ", and the gains add up",
    ];

    private static readonly string[] Headings =
    [
        "Why moving helps", "Starting gently", "A week at a time", "At your desk", "When it flares up", "Sleeping well",
        "Lifting and carrying", "Keeping it going", "What to avoid", "Checking your progress",
    ];

    private static readonly string[] TitleStarts =
    [
        "Easing", "Living with", "A plan for", "Small changes for", "Moving again after", "Understanding", "Sleeping with",
        "Working with", "Walking through", "Getting on top of",
    ];

    private static readonly string[] TitleEnds =
    [
        "lower back pain", "a stiff neck", "sciatica", "desk aches", "a back flare-up", "hip tightness", "upper back tension",
        "pain after driving", "morning stiffness", "gardening strain",
    ];

    private static readonly string[] Tags =
    [
        "lower-back-pain", "neck-pain", "sciatica", "posture", "sleep", "walking", "stretching", "strength", "work",
        "pregnancy", "sport", "self-care",
    ];

    private static readonly (string Name, string Position)[] ExerciseKinds =
    [
        ("knee rolls", "Lie on your back with your knees bent and your feet flat on the floor."),
        ("bridge", "Lie on your back with your knees bent and your arms by your sides."),
        ("cat and camel", "Kneel on all fours with your hands under your shoulders and knees under your hips."),
        ("pelvic tilt", "Lie on your back with your knees bent and your feet hip-width apart."),
        ("knee to chest", "Lie on your back with both knees bent and your feet on the floor."),
        ("bird dog", "Kneel on all fours with a straight back."),
        ("wall sit", "Stand with your back against a wall and your feet a step away from it."),
        ("side stretch", "Stand tall with your feet hip-width apart."),
    ];

    private static readonly string[] Variants = ["", "on a mat", "on the bed", "with a cushion", "seated", "with a band"];

    private static readonly string[] Steps =
    [
        "Breathe in and let your shoulders drop.", "Tighten your stomach muscles gently.", "Move slowly into the position.",
        "Hold for the count given, breathing normally.", "Return to the start position with control.",
        "Keep your lower back relaxed throughout.", "Repeat on the other side.",
    ];

    private static readonly string[] Equipment = ["mat", "cushion", "resistance band", "chair", "towel"];
    private static readonly string[] Targets = ["lower back", "hips", "buttocks", "hamstrings", "core", "upper back", "neck"];
    private static readonly string[] Reviewers = ["amira-shah", "tom-ellis", "grace-okafor"];
    private static readonly string[] Authors = ["Amira Shah", "Tom Ellis", "Grace Okafor", "Sam Reid"];
    private static readonly string[] Media = ["media/spine.svg", "media/walk.svg", "media/stretch.svg"];

    private readonly List<string> _exerciseSlugs = [];
    private readonly List<string> _articleSlugs = [];

    /// <summary>Writes the corpus into an empty or new folder; returns the number of files written.</summary>
    public int Write(string dir)
    {
        if (Directory.Exists(dir) && Directory.EnumerateFileSystemEntries(dir).Any())
        {
            throw new InvalidOperationException($"`{dir}` is not empty; choose a new folder");
        }

        var random = new Random(seed);
        for (var i = 0; i < exercises; i++)
        {
            var kind = ExerciseKinds[i % ExerciseKinds.Length];
            var variant = Variants[i / ExerciseKinds.Length % Variants.Length];
            _exerciseSlugs.Add(Slug($"{kind.Name} {variant} {i + 1}"));
        }

        for (var i = 0; i < articles; i++)
        {
            _articleSlugs.Add(Slug($"{TitleStarts[i % TitleStarts.Length]} {TitleEnds[i / TitleStarts.Length % TitleEnds.Length]} {i + 1}"));
        }

        var files = 0;
        void Put(string path, string text)
        {
            var full = Path.Combine(dir, path);
            Directory.CreateDirectory(Path.GetDirectoryName(full)!);
            File.WriteAllText(full, text.Replace("\r\n", "\n"), new UTF8Encoding(false));
            files++;
        }

        Put("site.yml", SiteYaml);
        Put("red-flags.yml", RedFlagsYaml);
        Put("reviewers.yml", ReviewersYaml);
        foreach (var (media, i) in Media.Select((m, i) => (m, i)))
        {
            Put(media, Svg(i));
        }

        for (var i = 0; i < exercises; i++)
        {
            Put($"exercises/{_exerciseSlugs[i]}.md", Exercise(i, random));
        }

        for (var i = 0; i < articles; i++)
        {
            Put($"articles/{_articleSlugs[i]}.md", Article(i, random));
        }

        return files;
    }

    private string Article(int i, Random random)
    {
        var title = $"{TitleStarts[i % TitleStarts.Length]} {TitleEnds[i / TitleStarts.Length % TitleEnds.Length]} ({i + 1})";
        var date = new DateOnly(2022, 1, 1).AddDays(random.Next(0, 1400));
        var reviewed = date.AddDays(random.Next(10, 300));
        var text = new StringBuilder();
        text.Append("---\n");
        text.Append($"title: \"{title}\"\n");
        text.Append($"description: \"What helps with {TitleEnds[i / TitleStarts.Length % TitleEnds.Length]}, and when to ask for help.\"\n");
        text.Append($"date: {Iso(date)}\n");
        if (random.Next(3) == 0)
        {
            text.Append($"updated: {Iso(date.AddDays(random.Next(1, 200)))}\n");
        }

        text.Append($"author: \"{Pick(Authors, random)}\"\n");
        text.Append("tags:\n");
        foreach (var tag in Distinct(Tags, 1 + random.Next(3), random))
        {
            text.Append($"  - {tag}\n");
        }

        if (exercises > 0)
        {
            text.Append("exercises:\n");
            foreach (var slug in Distinct(_exerciseSlugs, Math.Min(exercises, 1 + random.Next(3)), random))
            {
                text.Append($"  - {slug}\n");
            }
        }

        if (random.Next(4) == 0)
        {
            text.Append($"image: {Pick(Media, random)}\nimage_alt: \"A simple drawing for {title.ToLowerInvariant()}\"\n");
        }

        text.Append($"review:\n  reviewed_on: {Iso(reviewed)}\n  reviewed_by: \"{Pick(Reviewers, random)}\"\n  next_review: {Iso(reviewed.AddYears(2))}\n");
        text.Append(SourcesYaml);
        text.Append("---\n\n");

        text.Append(Paragraph(random, 3)).Append("\n\n");
        var sections = 4 + random.Next(5);
        for (var s = 0; s < sections; s++)
        {
            text.Append("## ").Append(Headings[(i + s) % Headings.Length]).Append("\n\n");
            for (var p = 0; p < 2 + random.Next(3); p++)
            {
                text.Append(Paragraph(random, 3 + random.Next(4))).Append("\n\n");
            }

            switch (random.Next(6))
            {
                case 0:
                    for (var item = 0; item < 3 + random.Next(3); item++)
                    {
                        text.Append("- ").Append(Sentence(random)).Append('\n');
                    }

                    text.Append('\n');
                    break;
                case 1:
                    text.Append("| Week | Walking | Stretching |\n|:-----|-------:|:---------:|\n");
                    for (var week = 1; week <= 4; week++)
                    {
                        text.Append($"| {week} | {5 * week} minutes | {week + 1} times a day |\n");
                    }

                    text.Append('\n');
                    break;
                case 2:
                    text.Append($"![A line drawing for the section on {Headings[(i + s) % Headings.Length].ToLowerInvariant()}](../{Pick(Media, random)})\n\n");
                    break;
                case 3 when exercises > 0:
                    text.Append($"{{% exercise {Pick(_exerciseSlugs, random)} %}}\n\n");
                    break;
                case 4:
                    text.Append("### Worth knowing\n\n").Append(Paragraph(random, 2)).Append("\n\n");
                    break;
                default:
                    break;
            }
        }

        text.Append("## Read next\n\n");
        var other = (i + 1 + random.Next(Math.Max(1, articles - 1))) % articles;
        text.Append($"- [Another article on this]({_articleSlugs[other]}.md#{Slug(Headings[other % Headings.Length])})\n");
        if (exercises > 0)
        {
            text.Append($"- [An exercise to try](../exercises/{Pick(_exerciseSlugs, random)}.md)\n");
        }

        text.Append("- [Check the warning signs](/red-flags/)\n");
        return text.ToString();
    }

    private string Exercise(int i, Random random)
    {
        var kind = ExerciseKinds[i % ExerciseKinds.Length];
        var variant = Variants[i / ExerciseKinds.Length % Variants.Length];
        var title = variant.Length == 0 ? $"{Capital(kind.Name)} ({i + 1})" : $"{Capital(kind.Name)}, {variant} ({i + 1})";
        var reviewed = new DateOnly(2024, 1, 1).AddDays(random.Next(0, 600));
        var text = new StringBuilder();
        text.Append("---\n");
        text.Append($"title: \"{title}\"\n");
        text.Append($"description: \"How to do {kind.Name} safely, step by step, and when to stop.\"\n");
        text.Append($"position: \"{kind.Position}\"\n");
        text.Append("steps:\n");
        foreach (var step in Steps.Take(3 + random.Next(4)))
        {
            text.Append($"  - \"{step}\"\n");
        }

        text.Append($"difficulty: {new[] { "gentle", "moderate", "challenging" }[random.Next(3)]}\n");
        text.Append(random.Next(2) == 0 ? $"reps: {5 + random.Next(10)}\n" : $"reps: \"{3 + random.Next(3)}-{8 + random.Next(5)}\"\n");
        text.Append($"sets: {1 + random.Next(3)}\n");
        text.Append($"hold_seconds: {new[] { 0, 5, 10, 20 }[random.Next(4)]}\n");
        text.Append($"each_side: {(random.Next(2) == 0 ? "true" : "false")}\n");
        text.Append($"frequency: \"{new[] { "once a day", "twice a day", "three times a week" }[random.Next(3)]}\"\n");
        text.Append("equipment:\n");
        foreach (var item in Distinct(Equipment, random.Next(3), random))
        {
            text.Append($"  - {item}\n");
        }

        text.Append("targets:\n");
        foreach (var item in Distinct(Targets, 1 + random.Next(3), random))
        {
            text.Append($"  - {item}\n");
        }

        text.Append("tips:\n  - \"Move slowly and keep breathing.\"\n  - \"Stop a little before it hurts.\"\n");
        text.Append("cautions:\n  - \"Stop if the pain spreads down a leg.\"\n  - \"Stop if you feel numbness or pins and needles.\"\n");
        if (random.Next(4) != 0)
        {
            text.Append($"suitable_in_pregnancy: {(random.Next(2) == 0 ? "true" : "false")}\n");
        }

        text.Append(random.Next(3) == 0
            ? $"videos:\n  - title: \"{Capital(kind.Name)} demonstrated\"\n    url: \"https://www.youtube-nocookie.com/embed/ex{i:D5}\"\n"
            : "videos: []\n");
        text.Append($"review:\n  reviewed_on: {Iso(reviewed)}\n  reviewed_by: \"{Pick(Reviewers, random)}\"\n  next_review: {Iso(reviewed.AddYears(3))}\n");
        text.Append(SourcesYaml);
        text.Append("---\n\n");
        text.Append(Paragraph(random, 2)).Append("\n\n").Append(Paragraph(random, 2)).Append("\n\n");
        if (exercises > 1)
        {
            text.Append($"When this feels easy, try [the next one]({_exerciseSlugs[(i + 1) % exercises]}.md).\n");
        }

        return text.ToString();
    }

    private static string Paragraph(Random random, int sentences) =>
        string.Join(' ', Enumerable.Range(0, sentences).Select(_ => Sentence(random)));

    private static string Sentence(Random random)
    {
        var subject = Pick(Subjects, random);
        var opener = Pick(Openers, random);
        var sentence = $"{opener}{(opener.Length == 0 ? Capital(subject) : subject)} {Pick(Predicates, random)}{Pick(Endings, random)}.";
        return random.Next(8) == 0 ? sentence.Replace(" helps ", " *helps* ", StringComparison.Ordinal) : sentence;
    }

    private static IEnumerable<T> Distinct<T>(IReadOnlyList<T> from, int count, Random random)
    {
        var start = random.Next(from.Count);
        return Enumerable.Range(0, Math.Min(count, from.Count)).Select(k => from[(start + k * 7) % from.Count]).Distinct();
    }

    private static T Pick<T>(IReadOnlyList<T> from, Random random) => from[random.Next(from.Count)];

    private static string Capital(string s) => s.Length == 0 ? s : char.ToUpperInvariant(s[0]) + s[1..];

    private static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string Slug(string s)
    {
        var slug = new StringBuilder();
        foreach (var c in s.ToLowerInvariant())
        {
            if (char.IsAsciiLetterOrDigit(c))
            {
                slug.Append(c);
            }
            else if (slug.Length > 0 && slug[^1] != '-')
            {
                slug.Append('-');
            }
        }

        return slug.ToString().Trim('-');
    }

    private static string Svg(int i) =>
        $"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"640\" height=\"360\" viewBox=\"0 0 640 360\"><rect width=\"640\" height=\"360\" fill=\"#eef4f3\"/><circle cx=\"{160 + 160 * i}\" cy=\"180\" r=\"90\" fill=\"#2a6f68\"/></svg>\n";

    private const string SiteYaml = """
        title: "The Physio Box"
        base_url: "https://physiobox.example"
        language: "en-GB"
        clinic_name: "The Physio Box, Kensington"
        address: "Benchmark address, London"
        phone: "020 7946 0000"
        booking_url: "https://booking.physiobox.example/"
        disclaimer: "General information about back care, not a diagnosis."
        feedback_email: "feedback@physiobox.example"
        menu:
          - title: "Articles"
            url: "/articles/"
          - title: "Exercises"
            url: "/exercises/"
          - title: "Red-flag checker"
            url: "/red-flags/"

        """;

    private const string SourcesYaml = """
        sources:
          - title: "Back pain"
            url: "https://www.nhs.uk/conditions/back-pain/"
            publisher: "NHS"

        """;

    // Fictional registration numbers, like the rest of the corpus.
    private const string ReviewersYaml = """
        reviewers:
          - id: amira-shah
            name: "Amira Shah"
            profession: "Physiotherapist (MCSP)"
            registration: "HCPC PH000001 (fictional)"
          - id: tom-ellis
            name: "Tom Ellis"
            profession: "Physiotherapist (MCSP)"
            registration: "HCPC PH000002 (fictional)"
          - id: grace-okafor
            name: "Grace Okafor"
            profession: "Physiotherapist (MCSP)"
            registration: "HCPC PH000003 (fictional)"

        """;

    private const string RedFlagsYaml = """
        intended_purpose: "Signposting to the right help for back pain; not a diagnosis."
        levels:
          - id: emergency
            title: "Call 999 or go to A&E now"
            advice: "One or more of these can mean a serious problem with the nerves of the spine."
            action_label: "Call 999"
            action_url: "tel:999"
          - id: urgent
            title: "Contact a GP or NHS 111 today"
            advice: "These need a medical opinion today."
            action_label: "Call 111"
            action_url: "tel:111"
          - id: soon
            title: "Book an appointment soon"
            advice: "Book a GP or physiotherapy appointment in the next few days."
            action_label: "Book an appointment"
            action_url: "https://booking.physiobox.example/"
          - id: self-care
            title: "Keep gently active"
            advice: "Keep moving gently, and get advice if you are not better in two to three weeks."
        flags:
          - id: saddle-numbness
            question: "Numbness around your bottom or genitals"
            level: emergency
            sources:
              - title: "Cauda equina syndrome"
                url: "https://www.nhs.uk/conditions/cauda-equina-syndrome/"
          - id: fever
            question: "A high temperature with your back pain"
            level: urgent
            sources:
              - title: "Back pain"
                url: "https://www.nhs.uk/conditions/back-pain/"
          - id: night-pain
            question: "Pain that is worse at night and stops you sleeping"
            level: soon
            sources:
              - title: "Back pain"
                url: "https://www.nhs.uk/conditions/back-pain/"

        """;
}
