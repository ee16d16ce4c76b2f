using YamlDotNet.RepresentationModel;

namespace BackCareSite.BrowserTests.Support;

/// <summary>A level of content/red-flags.yml as the tests need it (rank 0 is the most urgent).</summary>
public sealed record LevelData(string Id, int Rank, string Title, string Advice, string? ActionUrl);

/// <summary>A sign of content/red-flags.yml.</summary>
public sealed record SignData(string Id, string Question, string Level);

/// <summary>
/// content/red-flags.yml read independently of the generator, so the browser
/// tests cover every sign the clinic lists, whatever the file holds.
/// </summary>
public sealed class RedFlagsFile
{
    private static readonly string[] Order = ["emergency", "urgent", "soon", "self-care"];

    private RedFlagsFile(IReadOnlyList<LevelData> levels, IReadOnlyList<SignData> signs)
    {
        Levels = levels;
        Signs = signs;
    }

    public IReadOnlyList<LevelData> Levels { get; }

    public IReadOnlyList<SignData> Signs { get; }

    public static RedFlagsFile Repository { get; } = Load(Path.Combine(RepoPaths.Root, "content", "red-flags.yml"));

    public LevelData Level(string id) => Levels.Single(l => l.Id == id);

    public LevelData LevelOf(SignData sign) => Level(sign.Level);

    public static RedFlagsFile Load(string path)
    {
        var yaml = new YamlStream();
        using (var reader = new StreamReader(path))
        {
            yaml.Load(reader);
        }

        var root = (YamlMappingNode)yaml.Documents[0].RootNode;
        var levels = ((YamlSequenceNode)root["levels"]).Children.Cast<YamlMappingNode>()
            .Select(m => new LevelData(Text(m, "id")!, Array.IndexOf(Order, Text(m, "id")), Text(m, "title")!, Text(m, "advice")!, Text(m, "action_url")))
            .OrderBy(l => l.Rank)
            .ToList();
        var signs = ((YamlSequenceNode)root["flags"]).Children.Cast<YamlMappingNode>()
            .Select(m => new SignData(Text(m, "id")!, Text(m, "question")!, Text(m, "level")!))
            .ToList();
        return new RedFlagsFile(levels, signs);
    }

    private static string? Text(YamlMappingNode map, string key) =>
        map.Children.TryGetValue(new YamlScalarNode(key), out var node) ? ((YamlScalarNode)node).Value?.Trim() : null;
}
