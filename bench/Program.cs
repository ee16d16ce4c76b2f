using BackCareSite.Bench;

// bcs-bench: the build benchmark. See bench/README.md.
try
{
    return args switch
    {
        ["corpus", var a, var e, var dir, .. var rest] => WriteCorpus(int.Parse(a), int.Parse(e), dir, rest),
        ["run", .. var rest] => Runner.Run(Options.Parse(rest)),
        ["govern", var from, var to] => Govern(from, to),
        ["photos", var n, var dir, .. var rest] => WritePhotos(int.Parse(n), dir, rest),
        _ => Usage(),
    };
}
catch (Exception ex) when (ex is FormatException or ArgumentException or InvalidOperationException or IOException)
{
    Console.Error.WriteLine($"bcs-bench: {ex.Message}");
    return 2;
}

static int WriteCorpus(int articles, int exercises, string dir, string[] rest)
{
    var seed = rest is ["--seed", var s] ? int.Parse(s) : 1;
    var files = new Corpus(articles, exercises, seed).Write(dir);
    Console.WriteLine($"Wrote {files} files ({articles} articles, {exercises} exercises, seed {seed}) into {dir}");
    return 0;
}

static int Govern(string from, string to)
{
    var pages = SharedCorpus.Complete(from, to);
    Console.WriteLine($"Completed the governance of {pages} pages of {from} into {to}");
    return 0;
}

static int WritePhotos(int count, string dir, string[] rest)
{
    var (width, height) = rest is ["--size", var w, var h] ? (int.Parse(w), int.Parse(h)) : (4000, 3000);
    Photos.Write(count, width, height, dir);
    Console.WriteLine($"Wrote {count} photographs of {width}x{height} into {dir}/site and {dir}/hugo");
    return 0;
}

static int Usage()
{
    Console.Error.WriteLine("""
        Usage:
          bcs-bench corpus ARTICLES EXERCISES DIR [--seed N]   write a synthetic corpus
          bcs-bench run [options]                              time clean builds
          bcs-bench govern FROM TO                             copy gen-corpus.py's corpus FROM into TO with its
                                                               governance completed (run does this itself)
          bcs-bench photos COUNT DIR [--size W H]              write the picture benchmark's corpus (bench/pictures/run.sh)

        Options of run:
          --articles N      corpus size (default 1000)
          --exercises N     corpus size (default 100)
          --corpus DIR      build this corpus instead of generating one (repeat for several, one after another);
                            a gen-corpus.py corpus (no reviewers.yml) is built from a copy with its governance
                            completed, by every tool
          --runs N          timed builds per tool (default 5)
          --hugo SCRIPT     also time Hugo with this build script (../shared/bench/hugo/build.sh),
                            alternating with ours
          --jit             also time the generator on the JIT (ReadyToRun, run by dotnet);
                            by default only the native build is timed (both as ./backcaresite publishes them)
          --search          also write the search index (Pagefind) in our builds; by default they pass
                            --no-search, as Hugo's builds index nothing
          --no-floor        do not time the floor (reading the corpus, writing the bytes our build wrote)
        """);
    return 2;
}
