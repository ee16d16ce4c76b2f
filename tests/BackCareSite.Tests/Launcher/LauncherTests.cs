using System.Diagnostics;
using BackCareSite.Tests.Support;

namespace BackCareSite.Tests.Launcher;

/// <summary>
/// The README's build command, <c>./backcaresite</c>: it publishes the generator once per
/// change to its sources and reuses that build otherwise, and concurrent runs publish once.
/// It runs here on a copy of the script in a small repository, with a stand-in for
/// <c>dotnet</c> that records each publish and publishes a script echoing its arguments
/// (the real publish is the native tests' own, through the same script).
/// </summary>
public sealed class LauncherTests : IDisposable
{
    private const string FakeDotnet = """
        #!/usr/bin/env bash
        # A stand-in for the SDK: `--version`, `publish ... -o DIR`, and running a published assembly.
        set -eu
        case "$1" in
          --version) echo 10.0.100 ;;
          publish)
            out=""; kind=native
            while [ $# -gt 0 ]; do
              case "$1" in
                -o) out="$2"; shift ;;
                -p:PublishReadyToRun=true) kind=jit ;;
              esac
              shift
            done
            echo "publish $kind" >> "$FAKE_LOG"
            if [ -f "$FAKE_ROOT/fail" ]; then echo "error CS1002: ; expected"; exit 1; fi
            if [ -e "$FAKE_ROOT/wait-for" ]; then while [ ! -e "$FAKE_ROOT/go" ]; do sleep 0.05; done; fi
            mkdir -p "$out"
            if [ "$kind" = jit ]; then
              echo assembly > "$out/backcaresite.dll"
            else
              printf '#!/bin/sh\necho "native $*"\n' > "$out/backcaresite"
              chmod +x "$out/backcaresite"
            fi
            ;;
          *.dll) shift; echo "jit $*"; echo "${DOTNET_GCgen0size:-unset}" > "$FAKE_ROOT/gen0" ;;
          *) echo "unexpected: $*" >&2; exit 1 ;;
        esac
        """;

    private readonly string _root = Directory.CreateTempSubdirectory("bcs-launcher-").FullName;
    private readonly string _log;

    public LauncherTests()
    {
        _log = Path.Combine(_root, "publish.log");
        File.Copy(Path.Combine(RepoPaths.Root, "backcaresite"), Path.Combine(_root, "backcaresite"));
        File.WriteAllText(Path.Combine(_root, "global.json"), """{ "sdk": { "version": "10.0.100" } }""");
        Write("generator/Program.cs", "class Program {}");
        Write("generator/bin/Release/old.dll", "built");
        var tools = Path.Combine(_root, "tools");
        Directory.CreateDirectory(tools);
        File.WriteAllText(Path.Combine(tools, "dotnet"), FakeDotnet.Replace("\r\n", "\n") + "\n");
        if (OperatingSystem.IsWindows())
        {
            throw new PlatformNotSupportedException("the launcher is a bash script for Linux and macOS");
        }

        File.SetUnixFileMode(Path.Combine(tools, "dotnet"), UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
    }

    [Fact]
    public void PublishesOnceAndRunsThePublishedBuildWithTheArguments()
    {
        Assert.Equal((0, "native build --out x y\n"), Launch("native", "build", "--out", "x y"));
        Assert.Equal((0, "native check public\n"), Launch("native", "check", "public"));

        Assert.Equal(["publish native"], Publishes());
    }

    [Fact]
    public void PublishesAgainWhenAGeneratorSourceChangesButNotForItsBuildOutput()
    {
        Launch("native", "build");
        Write("generator/bin/Release/old.dll", "built again");
        Write("generator/obj/project.assets.json", "{}");
        Launch("native", "build");
        Assert.Single(Publishes());

        Write("generator/Program.cs", "class Program { static void Main() {} }");
        Assert.Equal((0, "native build\n"), Launch("native", "build"));
        Write("generator/Content/NewStage.cs", "class NewStage {}");
        Launch("native", "build");
        File.WriteAllText(Path.Combine(_root, "Directory.Build.props"), "<Project />");
        Launch("native", "build");

        Assert.Equal(4, Publishes().Count);
    }

    [Fact]
    public void AJitBuildRunsThroughDotnetAndIsKeptApartFromTheOtherKind()
    {
        Assert.Equal((0, "jit build --drafts\n"), Launch("jit", "build", "--drafts"));
        Assert.Equal((0, "native build\n"), Launch("native", "build"));
        Assert.Equal((0, "jit build\n"), Launch("jit", "build"));

        Assert.Equal(["publish jit", "publish native"], Publishes());
    }

    [Fact]
    public void AJitBuildGetsTheNativeExecutablesYoungBudgetUnlessTheUserSetsOne()
    {
        // The real project file, whose compiled-in runtime option the JIT runtime cannot read.
        File.Copy(Path.Combine(RepoPaths.Root, "generator", "Generator.csproj"), Path.Combine(_root, "generator", "Generator.csproj"));
        string Gen0() => File.ReadAllText(Path.Combine(_root, "gen0")).TrimEnd('\n');

        Launch("jit", "build");
        Assert.Equal("1000000", Gen0());

        var start = StartInfo("jit", ["build"]);
        start.Environment["DOTNET_GCgen0size"] = "800000";
        Assert.Equal(0, Finish(new Run(start)).Code);
        Assert.Equal("800000", Gen0());

        start = StartInfo("jit", []);
        start.Environment["BCS_LAUNCHER_PRINT"] = "1";
        var printed = Finish(new Run(start)).Out.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(["env", "DOTNET_GCgen0size=1000000", "dotnet"], printed[..3]);
        Assert.EndsWith("/backcaresite.dll", printed[3]);
    }

    [Fact]
    public void ConcurrentRunsPublishOnceAndAllRunIt()
    {
        // The first publish holds until the three other runs wait for it, so all of them meet the missing build.
        File.WriteAllText(Path.Combine(_root, "wait-for"), "");
        var runs = Enumerable.Range(0, 4).Select(i => Start("native", "build", i.ToString())).ToList();
        var deadline = DateTime.UtcNow.AddMinutes(2);
        while (runs.Count(r => r.Err.Contains("waiting for another run")) < 3)
        {
            Assert.DoesNotContain(runs, r => r.Process.HasExited);
            Assert.True(DateTime.UtcNow < deadline, "the runs did not all reach the lock in two minutes");
            Thread.Sleep(50);
        }

        File.WriteAllText(Path.Combine(_root, "go"), "");
        var outputs = runs.Select(Finish).ToList();

        Assert.Equal(Enumerable.Range(0, 4).Select(i => (0, $"native build {i}\n")), outputs.Select(o => (o.Code, o.Out)));
        Assert.Equal(["publish native"], Publishes());
        Assert.Empty(Directory.EnumerateDirectories(Path.Combine(_root, ".cache", "launcher"), "tmp-*"));
    }

    [Fact]
    public void AFailedPublishShowsTheCompilerOutputLeavesNothingAndIsTriedAgain()
    {
        File.WriteAllText(Path.Combine(_root, "fail"), "");
        var failed = Finish(Start("native", "build"));
        Assert.NotEqual(0, failed.Code);
        Assert.Contains("error CS1002", failed.Err);
        Assert.Contains("compiling the generator failed", failed.Err);
        Assert.Equal("", failed.Out);

        File.Delete(Path.Combine(_root, "fail"));
        Assert.Equal((0, "native build\n"), Launch("native", "build"));
        Assert.Equal(["publish native", "publish native"], Publishes());
    }

    [Fact]
    public void PrintsTheCommandItWouldRunWhenAsked()
    {
        var start = StartInfo("native", []);
        start.Environment["BCS_LAUNCHER_PRINT"] = "1";
        var (code, output, _) = Finish(new Run(start));

        Assert.Equal(0, code);
        var command = output.TrimEnd('\n');
        Assert.StartsWith(Path.Combine(_root, ".cache", "launcher", "native-"), command);
        Assert.EndsWith("/backcaresite", command);
        Assert.True(File.Exists(command), command);
    }

    private (int Code, string Out) Launch(string kind, params string[] args)
    {
        var (code, output, error) = Finish(Start(kind, args));
        Assert.True(code == 0, error);
        return (code, output);
    }

    private Run Start(string kind, params string[] args) => new(StartInfo(kind, args));

    private ProcessStartInfo StartInfo(string kind, string[] args)
    {
        var start = new ProcessStartInfo(Path.Combine(_root, "backcaresite"), args)
        {
            WorkingDirectory = _root,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["PATH"] = string.Join(':', Path.Combine(_root, "tools"), "/usr/local/bin", "/usr/bin", "/bin");
        start.Environment["BCS_LAUNCHER_KIND"] = kind;
        start.Environment["FAKE_LOG"] = _log;
        start.Environment["FAKE_ROOT"] = _root;
        start.Environment.Remove("BCS_LAUNCHER_CACHE");
        start.Environment.Remove("BCS_LAUNCHER_PRINT");
        start.Environment.Remove("DOTNET_GCgen0size");
        return start;
    }

    private static (int Code, string Out, string Err) Finish(Run run)
    {
        using var process = run.Process;
        var stdout = process.StandardOutput.ReadToEnd();
        if (!process.WaitForExit(TimeSpan.FromMinutes(2)))
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail("the launcher did not finish in two minutes");
        }

        process.WaitForExit(); // the last lines of standard error
        return (process.ExitCode, stdout, run.Err);
    }

    /// <summary>A started launcher whose standard error is collected as it comes.</summary>
    private sealed class Run
    {
        private readonly System.Text.StringBuilder _err = new();

        public Run(ProcessStartInfo start)
        {
            Process = new Process { StartInfo = start };
            Process.ErrorDataReceived += (_, e) =>
            {
                if (e.Data is null)
                {
                    return;
                }

                lock (_err)
                {
                    _err.Append(e.Data).Append('\n');
                }
            };
            Process.Start();
            Process.BeginErrorReadLine();
        }

        public Process Process { get; }

        public string Err
        {
            get
            {
                lock (_err)
                {
                    return _err.ToString();
                }
            }
        }
    }

    private List<string> Publishes() => File.Exists(_log) ? [.. File.ReadAllLines(_log)] : [];

    private void Write(string path, string text)
    {
        var full = Path.Combine(_root, path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        File.WriteAllText(full, text);
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);
}
