using BackCareSite.Tests.Support;
using YamlDotNet.RepresentationModel;

namespace BackCareSite.Tests.Deploy;

/// <summary>.github/workflows/site.yml: what CI must do for every push and pull request.</summary>
public sealed class WorkflowTests
{
    [Fact]
    public void TestsWithChromiumBuildsAndUploadsTheSiteOnPushAndPullRequest()
    {
        var yaml = new YamlStream();
        using (var reader = new StreamReader(Path.Combine(RepoPaths.Root, ".github", "workflows", "site.yml")))
        {
            yaml.Load(reader);
        }

        var root = (YamlMappingNode)yaml.Documents[0].RootNode;
        var on = (YamlMappingNode)root["on"];
        Assert.Contains(new YamlScalarNode("push"), on.Children.Keys);
        Assert.Contains(new YamlScalarNode("pull_request"), on.Children.Keys);

        var job = (YamlMappingNode)((YamlMappingNode)root["jobs"]).Children.Values.Single();
        Assert.Equal("true", ((YamlMappingNode)job["env"])["CI"].ToString());
        var steps = ((YamlSequenceNode)job["steps"]).Children.Cast<YamlMappingNode>().ToList();
        string Uses(YamlMappingNode s) => s.Children.TryGetValue(new YamlScalarNode("uses"), out var u) ? u.ToString() : "";
        string Run(YamlMappingNode s) => s.Children.TryGetValue(new YamlScalarNode("run"), out var r) ? r.ToString() : "";
        int Index(Func<YamlMappingNode, bool> match) => steps.FindIndex(s => match(s));

        var setup = steps.Single(s => Uses(s).StartsWith("actions/setup-dotnet@", StringComparison.Ordinal));
        Assert.Equal("global.json", ((YamlMappingNode)setup["with"])["global-json-file"].ToString());

        var chromium = Index(s => Run(s).Contains("apt-get install", StringComparison.Ordinal) && Run(s).Contains("chromium", StringComparison.Ordinal));
        var checkout = Index(s => Uses(s).StartsWith("actions/checkout@", StringComparison.Ordinal));
        var test = Index(s => Run(s).StartsWith("dotnet test", StringComparison.Ordinal));
        var build = Index(s => Run(s).StartsWith("dotnet run --project generator -- build", StringComparison.Ordinal));
        var upload = Index(s => Uses(s).StartsWith("actions/upload-artifact@", StringComparison.Ordinal));
        Assert.True(chromium >= 0 && chromium < test, "Chromium must be installed before the tests");
        Assert.True(checkout >= 0 && checkout < test && test < build && build < upload, "checkout, test, build, upload: in that order");
        Assert.Equal("public/", ((YamlMappingNode)steps[upload]["with"])["path"].ToString());
    }
}
