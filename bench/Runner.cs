using System.Diagnostics;
using System.Globalization;

namespace BackCareSite.Bench;

internal sealed record Options(int Articles, int Exercises, string? Corpus, int Runs, string? Hugo, bool Jit)
{
    public static Options Parse(string[] args)
    {
        var options = new Options(1000, 100, null, 5, null, false);
        for (var i = 0; i < args.Length; i++)
        {
            string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"`{args[i]}` needs a value");
            options = args[i] switch
            {
                "--articles" => options with { Articles = int.Parse(Next(), CultureInfo.InvariantCulture) },
                "--exercises" => options with { Exercises = int.Parse(Next(), CultureInfo.InvariantCulture) },
                "--corpus" => options with { Corpus = Next() },
                "--runs" => options with { Runs = int.Parse(Next(), CultureInfo.InvariantCulture) },
                "--hugo" => options with { Hugo = Next() },
                "--jit" => options with { Jit = true },
                _ => throw new ArgumentException($"unknown option `{args[i]}`"),
            };
        }

        return options;
    }
}

/// <summary>One timed run: wall and CPU seconds and peak resident memory, from GNU time.</summary>
internal sealed record Sample(double Wall, double Cpu, long PeakKb, int Pages, int ExitCode);

/// <summary>
/// Times clean builds: publishes the generator once (native, as
/// <c>scripts/publish-native.sh</c> does; with <c>--jit</c> also the ReadyToRun build), then
/// builds the corpus several times, each time into an output folder that does
/// not exist (the previous one is moved aside and deleted after timing, as
/// Hugo's script does), alternating with Hugo when asked.
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

        var corpus = options.Corpus ?? Path.Combine(work, $"corpus-{options.Articles}-{options.Exercises}");
        if (options.Corpus is null && !Directory.Exists(corpus))
        {
            new Corpus(options.Articles, options.Exercises, seed: 1).Write(corpus);
        }

        var bin = Path.Combine(work, "bin");
        Console.WriteLine("Publishing the generator (native: scripts/publish-native.sh)...");
        Exec("bash", [Path.Combine(repo, "scripts", "publish-native.sh"), bin], repo);
        string[] Build(string executable, string out_) => ["/usr/bin/time", "-f", "%e %U %S %M", executable, "build",
            "--content", corpus, "--templates", Path.Combine(repo, "templates"), "--out", out_];
        var tools = new List<(string Name, Func<string, string[]> Command)>
        {
            ("backcaresite", out_ => Build(Path.Combine(bin, "backcaresite"), out_)),
        };
        if (options.Jit)
        {
            // The same generator on the JIT, precompiled where ReadyToRun can: what `dotnet run -c Release` runs, minus the SDK.
            var jitBin = Path.Combine(work, "bin-jit");
            Console.WriteLine("Publishing the generator (JIT, ReadyToRun)...");
            Exec("dotnet", ["publish", Path.Combine(repo, "generator"), "-c", "Release", "-r", "linux-x64", "--self-contained", "false",
                "-p:PublishAot=false", "-p:PublishReadyToRun=true", "-o", jitBin, "--nologo", "-v", "quiet"], repo);
            tools.Add(("backcaresite-jit", out_ => Build(Path.Combine(jitBin, "backcaresite"), out_)));
        }

        if (options.Hugo is not null)
        {
            var script = Path.GetFullPath(options.Hugo);
            tools.Add(("hugo", out_ => ["/usr/bin/time", "-f", "%e %U %S %M", script, corpus, out_]));
        }

        var samples = tools.ToDictionary(t => t.Name, _ => new List<Sample>());
        Console.WriteLine($"Corpus: {corpus} ({CountFiles(corpus, "*.md")} Markdown files); {options.Runs} clean builds each, alternating.");
        for (var run = 0; run <= options.Runs; run++)
        {
            foreach (var (name, command) in tools)
            {
                var output = Path.Combine(work, $"out-{name}");
                MoveAside(output);
                var sample = Time(command(output), output, repo);
                if (run == 0)
                {
                    // The first round warms the file cache and is not counted.
                    Console.WriteLine($"  warm-up {name}: {sample.Wall:0.00} s, exit {sample.ExitCode}");
                    continue;
                }

                if (sample.ExitCode != 0)
                {
                    throw new InvalidOperationException($"{name} failed (exit {sample.ExitCode}); see {Path.Combine(work, name + ".log")}");
                }

                samples[name].Add(sample);
                Console.WriteLine($"  run {run} {name}: {sample.Wall:0.00} s wall, {sample.Cpu:0.00} s CPU, {sample.PeakKb / 1024} MB peak, {sample.Pages} pages");
            }
        }

        foreach (var old in Directory.EnumerateDirectories(work, "*.old.*"))
        {
            Directory.Delete(old, recursive: true);
        }

        Console.WriteLine();
        Console.WriteLine($"{"tool",-18} {"pages",7} {"wall s",8} {"CPU s",7} {"pages/s",8} {"peak MB",8}   (medians of {options.Runs}; peak is the highest)");
        foreach (var (name, list) in samples)
        {
            var wall = Median(list.Select(s => s.Wall));
            Console.WriteLine($"{name,-18} {list[0].Pages,7} {wall,8:0.00} {Median(list.Select(s => s.Cpu)),7:0.00} {list[0].Pages / wall,8:0} {list.Max(s => s.PeakKb) / 1024,8}");
        }

        return 0;
    }

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

    private static void Exec(string file, string[] args, string cwd)
    {
        var start = new ProcessStartInfo(file) { WorkingDirectory = cwd };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"`{file} {string.Join(' ', args)}` failed with exit code {process.ExitCode}");
        }
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
