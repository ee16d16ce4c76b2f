using System.Diagnostics;
using System.Globalization;

namespace BackCareSite.Bench;

internal sealed record Options(int Articles, int Exercises, IReadOnlyList<string> Corpora, int Runs, string? Hugo, bool Jit, bool Floor, bool Search = false)
{
    public static Options Parse(string[] args)
    {
        var options = new Options(1000, 100, [], 5, null, false, true);
        for (var i = 0; i < args.Length; i++)
        {
            string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"`{args[i]}` needs a value");
            options = args[i] switch
            {
                "--articles" => options with { Articles = int.Parse(Next(), CultureInfo.InvariantCulture) },
                "--exercises" => options with { Exercises = int.Parse(Next(), CultureInfo.InvariantCulture) },
                "--corpus" => options with { Corpora = [.. options.Corpora, Next()] },
                "--runs" => options with { Runs = int.Parse(Next(), CultureInfo.InvariantCulture) },
                "--hugo" => options with { Hugo = Next() },
                "--jit" => options with { Jit = true },
                "--no-floor" => options with { Floor = false },
                "--search" => options with { Search = true },
                _ => throw new ArgumentException($"unknown option `{args[i]}`"),
            };
        }

        return options;
    }
}

/// <summary>One timed run: wall and CPU seconds and peak resident memory (0 when not measured).</summary>
internal sealed record Sample(double Wall, double Cpu, long PeakKb, int Pages, int ExitCode);

/// <summary>
/// Times clean builds: runs the generator as the README's <c>./backcaresite</c> does (its
/// published native build; with <c>--jit</c> also its ReadyToRun build, run by <c>dotnet</c>),
/// builds each corpus several times, each time into an output folder that does not exist (the
/// previous one is moved aside and deleted after timing, as Hugo's script does), alternating
/// with Hugo when asked and with the floor: reading the corpus and writing the bytes our build
/// wrote, which no generator can beat on this machine.
/// </summary>
internal static class Runner
{
    public static int Run(Options options)
    {
        var repo = FindRepo();
        var work = Path.Combine(repo, "bench", ".work");
        Directory.CreateDirectory(work);
        if (!File.Exists("/usr/bin/time"))
        {
            throw new InvalidOperationException("GNU time is needed to measure CPU and memory: apt-get install -y time");
        }

        var corpora = options.Corpora.Count > 0 ? options.Corpora : [Path.Combine(work, $"corpus-{options.Articles}-{options.Exercises}")];
        if (options.Corpora.Count == 0 && !Directory.Exists(corpora[0]))
        {
            new Corpus(options.Articles, options.Exercises, seed: 1).Write(corpora[0]);
        }

        Console.WriteLine($"Machine: {Environment.ProcessorCount} cores, load {Load()} (1, 5, 15 min)");
        Console.WriteLine(options.Search
            ? "Our builds write the search index (Pagefind), which Hugo's do not."
            : "Our builds skip the search index (--no-search), as Hugo's builds index nothing; --search includes it.");
        var tools = new List<(string Name, Func<string, string, string[]> Command)>
        {
            ("backcaresite", Generator(repo, "native", options.Search)),
        };
        if (options.Jit)
        {
            tools.Add(("backcaresite-jit", Generator(repo, "jit", options.Search)));
        }

        if (options.Hugo is not null)
        {
            var script = Path.GetFullPath(options.Hugo);
            tools.Add(("hugo", (corpus, out_) => ["/usr/bin/time", "-f", "%e %U %S %M", script, corpus, out_]));
        }

        var summaries = new List<string>();
        foreach (var corpus in corpora)
        {
            summaries.AddRange(RunCorpus(Governed(Path.GetFullPath(corpus), work), tools, options, work, repo));
        }

        Console.WriteLine();
        Console.WriteLine($"Load at the end: {Load()}");
        foreach (var line in summaries)
        {
            Console.WriteLine(line);
        }

        return 0;
    }

    private static List<string> RunCorpus(string corpus, List<(string Name, Func<string, string, string[]> Command)> tools, Options options, string work, string repo)
    {
        var samples = tools.ToDictionary(t => t.Name, _ => new List<Sample>());
        if (options.Floor)
        {
            samples["floor"] = [];
        }

        Console.WriteLine($"Corpus: {corpus} ({CountFiles(corpus, "*.md")} Markdown files); {options.Runs} clean builds each, alternating; load {Load()}.");
        for (var run = 0; run <= options.Runs; run++)
        {
            foreach (var (name, command) in tools)
            {
                var output = Path.Combine(work, $"out-{name}");
                MoveAside(output);
                var sample = Time(command(corpus, output), output, repo);
                Report(run, name, sample, samples, work);
            }

            if (options.Floor)
            {
                var output = Path.Combine(work, "out-floor");
                MoveAside(output);
                Report(run, "floor", Floor(corpus, Path.Combine(work, "out-backcaresite"), output), samples, work);
            }

            foreach (var old in Directory.EnumerateDirectories(work, "*.old.*"))
            {
                Directory.Delete(old, recursive: true);
            }
        }

        double Wall(string name) => Median(samples[name].Select(s => s.Wall));
        var hugo = samples.ContainsKey("hugo") ? Wall("hugo") : double.NaN;
        var hugoPeak = samples.TryGetValue("hugo", out var h) ? h.Max(s => s.PeakKb) : 0;
        var floor = samples.ContainsKey("floor") ? Wall("floor") : double.NaN;
        var lines = new List<string>
        {
            "",
            $"{Path.GetFileName(corpus)}: medians of {options.Runs} runs (peak: the highest), load {Load()}",
            $"{"tool",-17} {"pages",6} {"wall s",7} {"CPU s",7} {"CPU/wall",8} {"pages/s",8} {"peak MB",8} {"wall/Hugo",9} {"peak/Hugo",9} {"wall/floor",10}",
        };
        foreach (var (name, list) in samples)
        {
            var wall = Wall(name);
            var cpu = Median(list.Select(s => s.Cpu));
            var peak = list.Max(s => s.PeakKb);
            string Ratio(double value, double of) => double.IsNaN(of) || of == 0 ? "-" : (value / of).ToString("0.00", CultureInfo.InvariantCulture);
            lines.Add($"{name,-17} {list[0].Pages,6} {wall,7:0.00} {cpu,7:0.00} {cpu / wall,8:0.00} {list[0].Pages / wall,8:0} {(peak == 0 ? "-" : (peak / 1024).ToString(CultureInfo.InvariantCulture)),8} " +
                $"{Ratio(wall, hugo),9} {(peak == 0 ? "-" : Ratio(peak, hugoPeak)),9} {Ratio(wall, floor),10}");
        }

        return lines;
    }

    /// <summary>
    /// The corpus every tool builds: <paramref name="corpus"/> itself, or for a corpus of the
    /// shared gen-corpus.py (no reviewers.yml) a copy with its governance completed
    /// (<see cref="SharedCorpus"/>), made afresh for this run and built by Hugo too.
    /// </summary>
    private static string Governed(string corpus, string work)
    {
        if (!SharedCorpus.NeedsCompleting(corpus))
        {
            return corpus;
        }

        var copy = Path.Combine(work, "governed-" + Path.GetFileName(corpus.TrimEnd('/')));
        var pages = SharedCorpus.Complete(corpus, copy);
        Console.WriteLine($"{corpus} has no reviewers.yml: completed the governance of its {pages} pages in a copy, {copy}, which every tool builds.");
        return copy;
    }

    private static void Report(int run, string name, Sample sample, Dictionary<string, List<Sample>> samples, string work)
    {
        if (run == 0)
        {
            // The first round warms the file cache and is not counted.
            Console.WriteLine($"  warm-up {name}: {sample.Wall:0.00} s, exit {sample.ExitCode}");
            return;
        }

        if (sample.ExitCode != 0)
        {
            throw new InvalidOperationException($"{name} failed (exit {sample.ExitCode}); see {Path.Combine(work, "out-" + name + ".log")}");
        }

        samples[name].Add(sample);
        Console.WriteLine($"  run {run} {name}: {sample.Wall:0.00} s wall, {sample.Cpu:0.00} s CPU, {sample.PeakKb / 1024} MB peak, {sample.Pages} pages; load {Load()}");
    }

    /// <summary>
    /// The generator as <c>./backcaresite</c> runs it (published once per change to its sources):
    /// <paramref name="kind"/> <c>native</c> or <c>jit</c>.
    /// </summary>
    private static Func<string, string, string[]> Generator(string repo, string kind, bool search)
    {
        Console.WriteLine($"Getting the generator's {kind} build from ./backcaresite (publishing it if the sources changed)...");
        var start = new ProcessStartInfo("bash", [Path.Combine(repo, "backcaresite")]) { RedirectStandardOutput = true, WorkingDirectory = repo };
        start.Environment["BCS_LAUNCHER_KIND"] = kind;
        start.Environment["BCS_LAUNCHER_PRINT"] = "1";
        using var process = Process.Start(start)!;
        var command = process.StandardOutput.ReadToEnd().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        process.WaitForExit();
        if (process.ExitCode != 0 || command.Length == 0)
        {
            throw new InvalidOperationException($"./backcaresite could not publish the {kind} build (exit {process.ExitCode})");
        }

        string[] index = search ? [] : ["--no-search"];
        return (corpus, out_) => ["/usr/bin/time", "-f", "%e %U %S %M", .. command, "build",
            "--content", corpus, "--templates", Path.Combine(repo, "templates"), "--out", out_, .. index];
    }

    /// <summary>
    /// The floor: read every file of the corpus, then write every file our build wrote (read
    /// back from <paramref name="built"/>, which the page cache holds) into a new folder, on
    /// every core. Nothing is parsed or rendered; no build of this corpus can take less.
    /// </summary>
    private static Sample Floor(string corpus, string built, string output)
    {
        var files = Directory.EnumerateFiles(built, "*", SearchOption.AllDirectories).ToList();
        var sources = Directory.EnumerateFiles(corpus, "*", SearchOption.AllDirectories).ToList();
        var self = Process.GetCurrentProcess();
        var cpu = self.TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        Parallel.ForEach(sources, file => File.ReadAllBytes(file));
        Parallel.ForEach(files, file =>
        {
            var target = Path.Combine(output, Path.GetRelativePath(built, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.WriteAllBytes(target, File.ReadAllBytes(file));
        });
        var wall = clock.Elapsed.TotalSeconds;
        self.Refresh();
        return new Sample(wall, (self.TotalProcessorTime - cpu).TotalSeconds, 0, CountFiles(output, "*.html"), 0);
    }

    private static string Load() => File.Exists("/proc/loadavg") ? string.Join(", ", File.ReadAllText("/proc/loadavg").Split(' ')[..3]) : "unknown";

    private static Sample Time(string[] command, string output, string repo)
    {
        var start = new ProcessStartInfo(command[0]) { RedirectStandardError = true, RedirectStandardOutput = true, WorkingDirectory = repo };
        foreach (var arg in command[1..])
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEnd();
        process.WaitForExit();
        _ = stdout.Result;

        // GNU time writes its line last on stderr; the build's own diagnostics come before it.
        var lines = stderr.TrimEnd().Split('\n');
        File.WriteAllText(output + ".log", stderr);
        var fields = lines[^1].Split(' ');
        double D(int i) => double.Parse(fields[i], CultureInfo.InvariantCulture);
        var pages = Directory.Exists(output) ? CountFiles(output, "*.html") : 0;
        return new Sample(D(0), D(1) + D(2), long.Parse(fields[3], CultureInfo.InvariantCulture), pages, process.ExitCode);
    }

    private static void MoveAside(string output)
    {
        if (Directory.Exists(output))
        {
            Directory.Move(output, $"{output}.old.{Guid.NewGuid():N}");
        }
    }

    private static int CountFiles(string dir, string pattern) =>
        Directory.EnumerateFiles(dir, pattern, SearchOption.AllDirectories).Count();

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[sorted.Count / 2 - 1] + sorted[sorted.Count / 2]) / 2;
    }

    private static string FindRepo()
    {
        for (var dir = new DirectoryInfo(Directory.GetCurrentDirectory()); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "BackCareSite.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("run bcs-bench from inside the repository");
    }
}
