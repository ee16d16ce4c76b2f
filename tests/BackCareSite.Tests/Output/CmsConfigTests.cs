using BackCareSite.Content;
using BackCareSite.Tests.Support;
using YamlDotNet.RepresentationModel;

namespace BackCareSite.Tests.Output;

/// <summary>
/// admin/config.yml as the clinic's build writes it, walked field by field against
/// the content schema the readers validate with: every field of every content type
/// is in a form, with the widget for its kind, its required flag, options, limits,
/// date format and relations, and the form has nothing the build would reject.
/// </summary>
public sealed class CmsConfigTests
{
    private static readonly Lazy<(YamlMappingNode Config, string IndexHtml)> Built = new(() =>
    {
        using var site = new SampleSite();
        var yaml = new YamlStream();
        yaml.Load(new StringReader(site.Read("admin/config.yml")));
        return ((YamlMappingNode)yaml.Documents[0].RootNode, site.Read("admin/index.html"));
    });

    private static YamlMappingNode Config => Built.Value.Config;

    /// <summary>The widget each kind of field must get (written out here, not taken from the generator).</summary>
    private static string ExpectedWidget(FieldSpec spec) => spec.Kind switch
    {
        FieldKind.Text or FieldKind.LongText or FieldKind.TextList when spec.Relation is { } r && Target(r) is not null => "relation",
        FieldKind.Text => "string",
        FieldKind.LongText => "text",
        FieldKind.Date => "datetime",
        FieldKind.Number => "number",
        FieldKind.Bool => "boolean",
        FieldKind.Choice => "select",
        FieldKind.Media => "image",
        FieldKind.TextList or FieldKind.GroupList => "list",
        FieldKind.Group => "object",
        _ => throw new ArgumentOutOfRangeException(nameof(spec)),
    };

    private static ContentType? Target(FieldRelation relation) =>
        ContentSchema.All.FirstOrDefault(t => t.Folder == relation.Target || t.File == relation.Target);

    [Fact]
    public void EveryFieldOfEveryContentTypeHasItsWidgetRequiredFlagOptionsAndLimits()
    {
        var checkedFields = 0;
        foreach (var type in ContentSchema.All)
        {
            var fields = FormFields(type);
            var declared = type.Fields.Select(f => f.Key).ToList();
            var extra = fields.Keys.Except(declared).Except(type.Folder is null ? [] : ["body"]).ToList();
            Assert.True(extra.Count == 0, $"{type.Name}: the form has fields the build does not know: {string.Join(", ", extra)}");
            checkedFields += Walk(type.Name, type.Fields, fields);
        }

        // The clinic's schema today: articles, exercises, pages, site.yml and red-flags.yml, nested fields included.
        Assert.True(checkedFields >= 70, $"only {checkedFields} fields were checked");
    }

    /// <param name="inOptionalGroup">An optional group's fields are optional in the form (Decap would demand them even in an empty group).</param>
    private static int Walk(string where, IReadOnlyList<FieldSpec> specs, IReadOnlyDictionary<string, YamlMappingNode> fields, bool inOptionalGroup = false)
    {
        var count = 0;
        foreach (var spec in specs)
        {
            var at = $"{where}.{spec.Key}";
            Assert.True(fields.TryGetValue(spec.Key, out var field), $"{at} has no form field");
            count++;
            Assert.Equal((at, ExpectedWidget(spec)), (at, Text(field!, "widget")));
            Assert.Equal((at, spec.Required && !inOptionalGroup ? "true" : "false"), (at, Text(field!, "required")));
            Assert.False(string.IsNullOrWhiteSpace(Text(field!, "hint")), $"{at} has no hint");

            if (spec.Kind == FieldKind.Choice)
            {
                Assert.Equal(spec.Options, Items(field!, "options"));
            }

            if (spec.Kind == FieldKind.Date)
            {
                // The build reads dates as yyyy-MM-dd: the form writes exactly that, with no time.
                Assert.Equal("YYYY-MM-DD", Text(field!, "format"));
                Assert.Equal("YYYY-MM-DD", Text(field!, "date_format"));
                Assert.Equal("false", Text(field!, "time_format"));
            }

            if (spec.Kind == FieldKind.Number)
            {
                Assert.Equal("int", Text(field!, "value_type"));
            }

            Assert.Equal((at, spec.Min?.ToString(System.Globalization.CultureInfo.InvariantCulture)), (at, Text(field!, "min")));
            Assert.Equal((at, spec.Max?.ToString(System.Globalization.CultureInfo.InvariantCulture)), (at, Text(field!, "max")));

            if (spec.Pattern is { } pattern && Text(field!, "widget") != "relation")
            {
                var holder = spec.Kind == FieldKind.TextList ? (YamlMappingNode)field!.Children["field"] : field!;
                Assert.Equal([pattern.Regex, pattern.Message], Items(holder, "pattern"));
            }

            if (spec.Relation is { } relation && Target(relation) is { } target)
            {
                Assert.Equal(target.Folder is not null ? target.Name : "data", Text(field!, "collection"));
                Assert.Equal(spec.Kind == FieldKind.TextList ? "true" : null, Text(field!, "multiple"));
            }

            if (spec.Kind is FieldKind.Group or FieldKind.GroupList)
            {
                count += Walk(at, spec.Fields, ByName((YamlSequenceNode)field!.Children["fields"]), spec.Kind == FieldKind.Group && !spec.Required);
            }
        }

        return count;
    }

    [Fact]
    public void AnArticlesExercisesPickFromTheExercisesCollectionBySlug()
    {
        var field = FormFields(ContentSchema.Article)["exercises"];
        Assert.Equal("relation", Text(field, "widget"));
        Assert.Equal("exercises", Text(field, "collection"));
        Assert.Equal("{{slug}}", Text(field, "value_field"));
        Assert.Equal("true", Text(field, "multiple"));
    }

    [Fact]
    public void FoldersAreCollectionsOfMarkdownFilesAndDataFilesAreFilesOfOneCollection()
    {
        var collections = ((YamlSequenceNode)Config.Children["collections"]).Children.Cast<YamlMappingNode>().ToList();
        foreach (var name in new[] { "articles", "exercises", "pages" })
        {
            var collection = collections.Single(c => Text(c, "name") == name);
            Assert.Equal($"content/{name}", Text(collection, "folder"));
            Assert.Equal("yaml-frontmatter", Text(collection, "format"));
            Assert.Equal("true", Text(collection, "create"));
            Assert.EndsWith("{{slug}}/", Text(collection, "preview_path"));
        }

        var data = collections.Single(c => Text(c, "name") == "data");
        var files = ((YamlSequenceNode)data.Children["files"]).Children.Cast<YamlMappingNode>().Select(f => Text(f, "file")).ToList();
        Assert.Contains("content/site.yml", files);
        Assert.Contains("content/red-flags.yml", files);
    }

    [Fact]
    public void NewContentStartsAsADraftAndEditorsCanTryItLocally()
    {
        Assert.Equal("editorial_workflow", Text(Config, "publish_mode"));
        Assert.Equal("git-gateway", Text((YamlMappingNode)Config.Children["backend"], "name"));
        Assert.Equal("true", Text(Config, "local_backend"));
    }

    [Fact]
    public void TheAdminPageLoadsTheCmsFromThisSiteAndIsNeverIndexed()
    {
        var html = Built.Value.IndexHtml;
        Assert.Contains("<meta name=\"robots\" content=\"noindex, nofollow\">", html);
        Assert.Contains("rel=\"cms-config-url\"", html);
        Assert.DoesNotContain("https://", html);
        Assert.DoesNotContain("<script>", html);
    }

    [Fact]
    public void TheAdminPageLoadsNetlifyIdentityFromThisSiteBeforeTheCms()
    {
        using var site = new SampleSite();
        var page = site.Html("admin/index.html");
        var scripts = page.QuerySelectorAll("script[src]").Select(s => s.GetAttribute("src")!).ToList();

        // The widget must be there before the CMS starts: Decap's Git Gateway backend looks for it then.
        Assert.Matches(@"^/admin/netlify-identity-widget\.[0-9a-f]{10}\.js$", scripts[0]);
        Assert.Matches(@"^/admin/decap-cms\.[0-9a-f]{10}\.js$", scripts[1]);
        var package = Path.Combine(RepoPaths.Root, "node_modules", "netlify-identity-widget", "build", "netlify-identity-widget.js");
        Assert.Equal(File.ReadAllBytes(package), File.ReadAllBytes(Path.Combine(site.OutDir, scripts[0].TrimStart('/'))));
    }

    [Fact]
    public void TheHomePageForwardsAnEditorsEmailTokenToTheCmsWithAnExternalScript()
    {
        using var site = new SampleSite();
        var home = site.Html("index.html");
        var script = Assert.Single(home.QuerySelectorAll("script[data-admin]"));
        Assert.Equal("/admin/", script.GetAttribute("data-admin"));
        Assert.True(script.HasAttribute("defer"));
        Assert.Matches(@"^/assets/cms-invite\.[0-9a-f]{10}\.js$", script.GetAttribute("src"));

        // Only the home page: Netlify's e-mails link there, and no other page needs it.
        Assert.DoesNotContain("cms-invite", site.Read("articles/index.html"), StringComparison.Ordinal);
    }

    /// <summary>The form fields of a content type: a folder collection's, or its file's in the data collection.</summary>
    private static Dictionary<string, YamlMappingNode> FormFields(ContentType type)
    {
        var collections = ((YamlSequenceNode)Config.Children["collections"]).Children.Cast<YamlMappingNode>();
        var holder = type.Folder is not null
            ? collections.Single(c => Text(c, "folder") == "content/" + type.Folder)
            : ((YamlSequenceNode)collections.Single(c => Text(c, "name") == "data").Children["files"]).Children
                .Cast<YamlMappingNode>().Single(f => Text(f, "file") == "content/" + type.File);
        return ByName((YamlSequenceNode)holder.Children["fields"]);
    }

    private static Dictionary<string, YamlMappingNode> ByName(YamlSequenceNode fields) =>
        fields.Children.Cast<YamlMappingNode>().ToDictionary(f => Text(f, "name")!, StringComparer.Ordinal);

    private static string? Text(YamlMappingNode map, string key) =>
        map.Children.TryGetValue(new YamlScalarNode(key), out var node) ? ((YamlScalarNode)node).Value : null;

    private static List<string> Items(YamlMappingNode map, string key) =>
        ((YamlSequenceNode)map.Children[new YamlScalarNode(key)]).Children.Select(n => ((YamlScalarNode)n).Value!).ToList();
}
