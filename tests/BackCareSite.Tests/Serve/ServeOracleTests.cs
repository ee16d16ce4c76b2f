using System.Text;
using BackCareSite.Build;
using BackCareSite.Serve;
using BackCareSite.Tests.Support;

namespace BackCareSite.Tests.Serve;

/// <summary>
/// The oracle of the preview: random sequences of edits (seeded, so a failure is reproduced
/// from its seed), and after each one the served site must equal a fresh full build of the
/// same files: every file's bytes (the live-reload script is added only when a page is sent,
/// so the snapshot has none) and the same diagnostics in the same order. After a failed step
/// the preview keeps serving the last good pages, as build keeps the last published site
/// (media and assets, served from their folders, are then compared by path only). The site has
/// netlify.toml (for _headers and the not-found page's policy) and governed pages, and after a step
/// that failed every other edit repairs it: most steps build, so their files are compared.
/// BACKCARESITE_ORACLE_SEED and BACKCARESITE_ORACLE_STEPS rerun one seed, or more steps.
/// A collection of its own that starts when the native executable is published (<see cref="Support.NativeTestFramework"/>):
/// while the publish runs, at a higher priority, its rebuilds and waits crawl (3 to 238 s in one run, 19 to 29 s after it).
/// </summary>
[Collection(ServeOracleCollection.Name)]
public sealed class ServeOracleTests
{
    private const int DefaultSteps = 60;

    public static TheoryData<int> Seeds()
    {
        var data = new TheoryData<int>();
        if (int.TryParse(Environment.GetEnvironmentVariable("BACKCARESITE_ORACLE_SEED"), out var seed))
        {
            data.Add(seed);
            return data;
        }

        foreach (var s in new[] { 1, 2, 3, 4, 5, 6 })
        {
            data.Add(s);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void TheServedSiteEqualsAFullBuildAfterEveryRandomEdit(int seed)
    {
        var steps = int.TryParse(Environment.GetEnvironmentVariable("BACKCARESITE_ORACLE_STEPS"), out var n) ? n : DefaultSteps;
        using var site = new TempSite();
        var editor = new RandomEditor(site, new Random(seed));
        editor.Seed();
        // Folders and the diagnostics' paths are relative to the site's folder, for both (no working directory involved).
        var options = new BuildOptions { ContentDir = "content", TemplatesDir = "templates", OutDir = "public", Today = new DateOnly(2026, 6, 1), DisplayRoot = site.Root };
        var preview = new PreviewSite(options);
        var published = Compare(site, options, preview, ChangeSet.Everything, seed, 0, "the first build", editor) ? 1 : 0;
        Assert.True(published == 1, $"the starting site must build:\n  {string.Join("\n  ", SiteBuilder.Build(options).Diagnostics)}");
        var built = true;
        for (var step = 1; step <= steps; step++)
        {
            var edit = editor.Next(built);
            built = Compare(site, options, preview, ChangeSet.Of([.. edit.Paths]), seed, step, edit.Description, editor);
            published += built ? 1 : 0;
        }

        // Files are compared only after a step that built: a good share must build (33 to 40 of 61 with these seeds), or the oracle proves little.
        Assert.True(published * 3 > steps, $"only {published} of {steps + 1} steps built (seed {seed}): the random edits break the site too often");
    }

    /// <summary>Compares the preview with a full build after one edit; true when the site built.</summary>
    private static bool Compare(TempSite site, BuildOptions options, PreviewSite preview, ChangeSet changes, int seed, int step, string edit, RandomEditor editor)
    {
        var (served, built) = (preview.Rebuild(changes), SiteBuilder.Build(options));
        var where = $"seed {seed}, step {step} ({edit}); rerun with BACKCARESITE_ORACLE_SEED={seed}. Edits so far:\n  {string.Join("\n  ", editor.Log)}";
        Assert.True(built.Diagnostics.Select(d => d.ToString()).SequenceEqual(served.Diagnostics.Select(d => d.ToString())),
            $"diagnostics differ at {where}\nbuild:\n  {string.Join("\n  ", built.Diagnostics)}\nserve:\n  {string.Join("\n  ", served.Diagnostics)}");
        Assert.True(built.Published == served.Succeeded, $"build published: {built.Published}, serve succeeded: {served.Succeeded}, at {where}");

        // Files copied as they are (media, assets) are served from their folders, so while a rebuild
        // fails they are the files as they are now, not as the last good build copied them.
        // The build's marker of its own output folder is no file of the site.
        var expected = site.Snapshot();
        expected.Remove(BackCareSite.Output.Publisher.MarkerName);
        var actual = preview.Snapshot.Files
            .Where(f => f.Value.Bytes is not null || served.Succeeded)
            .ToDictionary(f => f.Key, f => f.Value.Bytes ?? File.ReadAllBytes(f.Value.SourcePath!), StringComparer.Ordinal);
        if (!served.Succeeded)
        {
            foreach (var copied in preview.Snapshot.Files.Where(f => f.Value.Bytes is null))
            {
                expected.Remove(copied.Key);
            }
        }

        var missing = expected.Keys.Where(k => !actual.ContainsKey(k)).ToList();
        var extra = actual.Keys.Where(k => !expected.ContainsKey(k)).ToList();
        Assert.True(missing.Count == 0 && extra.Count == 0, $"files differ at {where}\nonly in build: {string.Join(", ", missing)}\nonly in serve: {string.Join(", ", extra)}");
        foreach (var (path, bytes) in expected)
        {
            Assert.True(bytes.AsSpan().SequenceEqual(actual[path]),
                $"{path} differs at {where}\nbuild:\n{Encoding.UTF8.GetString(bytes)}\nserve:\n{Encoding.UTF8.GetString(actual[path])}");
        }

        return built.Published;
    }
}

/// <summary>One random edit: what it did and the files it touched (full paths, as the watcher reports them).</summary>
internal sealed record Edit(string Description, IReadOnlyList<string> Paths);

/// <summary>
/// Makes random edits to a small site: articles, exercises, pages, media, templates, site.yml
/// and red-flags.yml are added, changed, renamed and deleted, sometimes invalid, sometimes several
/// files at once (a burst of saves).
/// </summary>
internal sealed class RandomEditor(TempSite site, Random random)
{
    private static readonly string[] Tags = ["posture", "walking", "sleep", "desk-work"];
    private readonly Dictionary<string, string> _originalTemplates = new(StringComparer.Ordinal);
    private string _netlifyToml = "";
    private int _counter;

    public List<string> Log { get; } = [];

    private string TemplatesDir => Path.Combine(site.Root, "templates");

    /// <summary>The site's headers (beside the content folder), for <c>_headers</c> and the not-found page's policy.</summary>
    private string NetlifyToml => Path.Combine(site.Root, "netlify.toml");

    /// <summary>The starting site: the repository's templates and a few files of each kind.</summary>
    public void Seed()
    {
        foreach (var file in Directory.EnumerateFiles(RepoPaths.Templates, "*", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(RepoPaths.Templates, file).Replace('\\', '/');
            var target = Path.Combine(TemplatesDir, relative);
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
            _originalTemplates[relative] = File.ReadAllText(file);
        }

        _netlifyToml = File.ReadAllText(Path.Combine(RepoPaths.Root, "netlify.toml"));
        File.WriteAllText(NetlifyToml, _netlifyToml);
        site.Write("site.yml", SiteYml(3, "Test Clinic"));
        site.Write("media/diagram-1.svg", Svg(1));
        for (var i = 0; i < 3; i++)
        {
            site.Write($"exercises/exercise-{i}.md", Exercise(i, valid: true, draft: false));
        }

        for (var i = 0; i < 5; i++)
        {
            site.Write($"articles/article-{i}.md", Article(i, valid: true, draft: false));
        }

        site.Write("pages/about.md", Page("about"));
    }

    /// <summary>
    /// The next edit. After a step that did not build, every other edit repairs the whole site, so
    /// that most steps build and their files are compared (a broken link stays broken until then).
    /// </summary>
    public Edit Next(bool lastBuilt = true)
    {
        var edit = !lastBuilt && random.Next(2) == 0 ? Repair() : random.Next(21) switch
        {
            0 or 1 or 2 or 3 => ChangeArticle(),
            4 => AddArticle(),
            5 => Rename("articles"),
            6 => Delete("articles"),
            7 or 8 => ChangeExercise(),
            9 => random.Next(2) == 0 ? AddExercise() : Rename("exercises"),
            10 => Delete("exercises"),
            11 => ChangePage(),
            12 => Media(),
            13 or 14 => ChangeTemplate(),
            15 => ChangeSiteYml(),
            16 => ChangeRedFlags(),
            17 => ChangeNetlifyToml(),
            _ => Burst(),
        };
        Log.Add(edit.Description);
        return edit;
    }

    /// <summary>Every file written valid again, as a <c>git checkout</c> of a good version would: no drafts, links only to what exists.</summary>
    private Edit Repair()
    {
        var paths = new List<string>();
        foreach (var (name, text) in _originalTemplates.Where(t => File.ReadAllText(Path.Combine(TemplatesDir, t.Key)) != t.Value))
        {
            File.WriteAllText(Path.Combine(TemplatesDir, name), text);
            paths.Add(Path.Combine(TemplatesDir, name));
        }

        File.WriteAllText(NetlifyToml, _netlifyToml);
        paths.Add(NetlifyToml);
        foreach (var (relative, text) in new[] { ("site.yml", SiteYml(3, "Test Clinic")), ("red-flags.yml", TempSite.RedFlagsYml) })
        {
            site.Write(relative, text);
            paths.Add(Content(relative));
        }

        // Exercises first (articles may embed them), then articles without links (so none links to one
        // still to be rewritten as it was), then articles and pages with links.
        foreach (var file in Existing("exercises"))
        {
            site.Write(file, Exercise(_counter++, valid: true, draft: false));
            paths.Add(Content(file));
        }

        foreach (var pass in new[] { false, true })
        {
            foreach (var file in Existing("articles"))
            {
                site.Write(file, Article(_counter++, valid: true, draft: false, links: pass));
                paths.Add(Content(file));
            }
        }

        foreach (var file in Existing("pages"))
        {
            site.Write(file, Page(Path.GetFileNameWithoutExtension(file)));
            paths.Add(Content(file));
        }

        return new Edit("repair: every file valid", paths.Distinct(StringComparer.Ordinal).ToList());
    }

    private Edit Burst()
    {
        var edits = Enumerable.Range(0, random.Next(2, 5)).Select(_ => random.Next(4) switch
        {
            0 => ChangeArticle(),
            1 => AddArticle(),
            2 => ChangeExercise(),
            _ => Delete("articles"),
        }).ToList();
        return new Edit("burst: " + string.Join("; ", edits.Select(e => e.Description)), edits.SelectMany(e => e.Paths).ToList());
    }

    private string Content(string relative) => Path.Combine(site.ContentDir, relative);

    private List<string> Existing(string folder) =>
        Directory.Exists(Content(folder))
            ? Directory.EnumerateFiles(Content(folder)).Select(f => folder + "/" + Path.GetFileName(f)).Order(StringComparer.Ordinal).ToList()
            : [];

    /// <summary>A file of <paramref name="folder"/> at random; with <paramref name="published"/>, only one that is not a draft.</summary>
    private string? Pick(string folder, bool published = false)
    {
        var files = Existing(folder).Where(f => !published || !File.ReadAllText(Content(f)).Contains("\ndraft: true\n", StringComparison.Ordinal)).ToList();
        return files.Count == 0 ? null : files[random.Next(files.Count)];
    }

    private Edit Write(string description, string relative, string text)
    {
        site.Write(relative, text);
        return new Edit($"{description} {relative}", [Content(relative)]);
    }

    private Edit ChangeArticle()
    {
        var target = Pick("articles");
        if (target is null)
        {
            return AddArticle();
        }

        var valid = random.Next(6) != 0;
        return Write(valid ? "change" : "break", target, Article(_counter++, valid));
    }

    private Edit AddArticle() => Write("add", $"articles/new-{_counter}.md", Article(_counter++, valid: random.Next(8) != 0));

    private Edit ChangeExercise()
    {
        var target = Pick("exercises");
        if (target is null)
        {
            return AddExercise();
        }

        var valid = random.Next(6) != 0;
        return Write(valid ? "change" : "break", target, Exercise(_counter++, valid));
    }

    private Edit AddExercise() => Write("add", $"exercises/exercise-{_counter}.md", Exercise(_counter++, valid: true));

    private Edit ChangePage()
    {
        var slug = random.Next(3) switch { 0 => "about", 1 => "contact", _ => "privacy" };
        if (random.Next(4) == 0 && File.Exists(Content($"pages/{slug}.md")))
        {
            File.Delete(Content($"pages/{slug}.md"));
            return new Edit($"delete pages/{slug}.md", [Content($"pages/{slug}.md")]);
        }

        return Write("write", $"pages/{slug}.md", Page(slug));
    }

    private Edit Rename(string folder)
    {
        var from = Pick(folder);
        if (from is null)
        {
            return AddArticle();
        }

        var to = $"{folder}/renamed-{_counter++}.md";
        File.Move(Content(from), Content(to));
        return new Edit($"rename {from} to {to}", [Content(from), Content(to)]);
    }

    private Edit Delete(string folder)
    {
        var target = Pick(folder);
        if (target is null || Existing(folder).Count <= 1)
        {
            return folder == "articles" ? AddArticle() : AddExercise();
        }

        File.Delete(Content(target));
        return new Edit($"delete {target}", [Content(target)]);
    }

    private Edit Media()
    {
        var existing = Existing("media");
        switch (random.Next(3))
        {
            case 0 when existing.Count > 0:
                var gone = existing[random.Next(existing.Count)];
                File.Delete(Content(gone));
                return new Edit($"delete {gone}", [Content(gone)]);
            case 1 when existing.Count > 0:
                var from = existing[random.Next(existing.Count)];
                var to = $"media/diagram-{_counter++}.svg";
                File.Move(Content(from), Content(to));
                return new Edit($"rename {from} to {to}", [Content(from), Content(to)]);
            default:
                return Write("write", $"media/diagram-{random.Next(1, 4)}.svg", Svg(_counter++));
        }
    }

    private Edit ChangeTemplate()
    {
        var templates = _originalTemplates.Keys.Where(k => k.EndsWith(".html", StringComparison.Ordinal) && !k.StartsWith("assets/", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal).ToList();
        var name = templates[random.Next(templates.Count)];
        var original = _originalTemplates[name];
        var text = random.Next(5) switch
        {
            0 => original,
            1 => original + "{{ if }}",
            _ => original + $"<!-- edit {_counter++} -->\n",
        };
        var full = Path.Combine(TemplatesDir, name);
        File.WriteAllText(full, text);
        return new Edit($"template {name} ({(text == original ? "restored" : text.EndsWith("{{ if }}", StringComparison.Ordinal) ? "broken" : "edited")})", [full]);
    }

    private Edit ChangeSiteYml() => random.Next(5) == 0
        ? Write("break", "site.yml", SiteYml(3, "Test Clinic") + "\nunknown_key: 1\n")
        : Write("change", "site.yml", SiteYml(random.Next(2, 5), $"Test Clinic {random.Next(3)}"));

    private Edit ChangeRedFlags()
    {
        var text = random.Next(4) switch
        {
            0 => TempSite.RedFlagsYml.Replace("level: soon", "level: sooon", StringComparison.Ordinal),
            1 => TempSite.RedFlagsYml.Replace("A high temperature?", $"A temperature over 38 degrees ({_counter++})?", StringComparison.Ordinal),
            _ => TempSite.RedFlagsYml,
        };
        return Write("write", "red-flags.yml", text);
    }

    /// <summary>netlify.toml restored, with another published policy, broken, or deleted.</summary>
    private Edit ChangeNetlifyToml()
    {
        string? text = random.Next(5) switch
        {
            0 => null,
            1 => _netlifyToml + "\n[[headers]\n",
            2 => _netlifyToml.Replace("img-src 'self' data:;", $"img-src 'self' data: https://img{_counter++}.example;", StringComparison.Ordinal),
            _ => _netlifyToml,
        };
        if (text is null)
        {
            File.Delete(NetlifyToml);
        }
        else
        {
            File.WriteAllText(NetlifyToml, text);
        }

        var what = text is null ? "deleted" : text == _netlifyToml ? "restored" : text.EndsWith("[[headers]\n", StringComparison.Ordinal) ? "broken" : "another policy";
        return new Edit($"netlify.toml ({what})", [NetlifyToml]);
    }

    private static string SiteYml(int perPage, string title) =>
        TempSite.SiteYml.Replace("title: Test Clinic\n", $"title: {title}\n", StringComparison.Ordinal) + $"\narticles_per_page: {perPage}\n";

    private static string Svg(int n) =>
        $"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{10 + n}\" height=\"10\"><rect width=\"5\" height=\"5\"/></svg>\n";

    /// <summary>An article; a valid one links only to what is published now, an invalid one has a bad date and any link.</summary>
    private string Article(int n, bool valid, bool? draft = null, bool links = true)
    {
        var tags = string.Concat(Enumerable.Range(0, random.Next(3)).Select(_ => $"  - {Tags[random.Next(Tags.Length)]}\n").Distinct());
        var day = random.Next(1, 28);
        var date = valid ? $"2026-02-{day:00}" : "2026-13-40";
        var extra = draft ?? random.Next(5) == 0 ? "draft: true\n" : "";
        var exercise = valid ? Pick("exercises", published: true) : Pick("exercises");
        if (exercise is not null && random.Next(3) == 0)
        {
            extra += $"exercises:\n  - {Path.GetFileNameWithoutExtension(exercise)}\n";
        }

        var section = random.Next(3);
        var body = new StringBuilder($"## Section {section}\n\nText {n} about backs.\n\n");
        for (var i = links ? random.Next(4) : 0; i > 0; i--)
        {
            body.Append(valid ? SafeLink(section) : Link()).Append("\n\n");
        }

        return $"---\ntitle: Article {n}\ndescription: About article {n}.\ndate: {date}\n{(tags.Length > 0 ? "tags:\n" + tags : "")}{TempSite.WithGovernance(extra)}---\n\n{body}";
    }

    /// <summary>A link, embed or image to something published now (a heading of its own page, <paramref name="section"/>).</summary>
    private string SafeLink(int section)
    {
        var article = Pick("articles", published: true);
        var exercise = Pick("exercises", published: true);
        var media = Pick("media");
        return random.Next(6) switch
        {
            0 when article is not null => $"See [another](../{article}).",
            1 when exercise is not null => $"Try [this](../{exercise}).",
            2 when exercise is not null => $"{{% exercise {Path.GetFileNameWithoutExtension(exercise)} %}}",
            3 when media is not null => $"![A diagram](../{media})",
            4 => "{% red-flag-checker %}",
            _ => $"[Top](#section-{section})",
        };
    }

    /// <summary>A link, embed or image to something that may or may not exist.</summary>
    private string Link()
    {
        var article = Pick("articles");
        var exercise = Pick("exercises");
        var media = Pick("media");
        return random.Next(8) switch
        {
            0 when article is not null => $"See [another](../{article}#section-{random.Next(3)}).",
            1 when article is not null => $"See [another](../{article}).",
            2 when exercise is not null => $"Try [this](../{exercise}).",
            3 when exercise is not null => $"{{% exercise {Path.GetFileNameWithoutExtension(exercise)} %}}",
            4 when media is not null => $"![A diagram](../{media})",
            5 => "{% red-flag-checker %}",
            6 => $"See [gone](../articles/missing-{random.Next(2)}.md).",
            _ => "[Top](#section-1)",
        };
    }

    private string Exercise(int n, bool valid, bool? draft = null)
    {
        var difficulty = new[] { "gentle", "moderate", "challenging" }[random.Next(3)];
        var steps = valid ? "steps:\n  - Breathe in.\n  - Move slowly.\n" : "";
        var drafted = draft ?? random.Next(8) == 0 ? "draft: true\n" : "";
        var video = random.Next(4) == 0 ? "videos:\n  - title: How to\n    url: https://www.youtube.com/watch?v=abc\n" : "";
        return $"---\ntitle: Exercise {n}\ndescription: How to do exercise {n}.\nposition: Lie on your back.\n{steps}difficulty: {difficulty}\n{TempSite.WithGovernance(drafted + video)}---\n\nGently, {n}.\n";
    }

    private string Page(string slug) =>
        $"---\ntitle: Page {slug} {_counter++}\ndescription: About {slug}.\n---\n\n## Section 1\n\n{SafeLink(1)}\n";
}

[CollectionDefinition(Name)]
public sealed class ServeOracleCollection
{
    public const string Name = "serve oracle";
}
