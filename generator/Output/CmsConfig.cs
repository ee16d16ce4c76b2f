using BackCareSite.Content;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace BackCareSite.Output;

/// <summary>
/// <c>admin/config.yml</c>, the Decap CMS configuration, written from
/// <see cref="ContentSchema"/>: the same declarations the readers validate with, so
/// every form field has the widget, required flag, options and limits the build
/// enforces. Markdown folders become folder collections; data files become the files
/// of one "Site data" collection.
/// </summary>
internal static class CmsConfig
{
    public const string Path = "admin/config.yml";

    /// <summary>The collection that holds the data files.</summary>
    public const string DataCollection = "data";

    /// <summary>The date format of the build (<c>yyyy-MM-dd</c>) in the CMS's notation.</summary>
    public const string DateFormat = "YYYY-MM-DD";

    // The last file made, with what it was made from: serve asks at every rebuild, and the answer changes only with the base URL.
    private sealed record Made(string BaseUrl, IReadOnlyList<ContentType> Types, string Folder, OutputFile File);

    private static Made? _last;

    public static OutputFile Create(SiteSettings settings, IReadOnlyList<ContentType> types, string contentFolder = "content")
    {
        if (Volatile.Read(ref _last) is { } last && last.BaseUrl == settings.BaseUrl && ReferenceEquals(last.Types, types) && last.Folder == contentFolder)
        {
            return last.File;
        }

        var file = Make(settings, types, contentFolder);
        Volatile.Write(ref _last, new Made(settings.BaseUrl, types, contentFolder, file));
        return file;
    }

    private static OutputFile Make(SiteSettings settings, IReadOnlyList<ContentType> types, string contentFolder)
    {
        var root = new YamlMappingNode
        {
            { "backend", Map(("name", "git-gateway"), ("branch", "main")) },
            // Only used when the CMS runs on localhost with `npx decap-server` beside it (docs/editing.md).
            { "local_backend", Bool(true) },
            // New content is a draft (a pull request) until an editor publishes it.
            { "publish_mode", "editorial_workflow" },
            { "site_url", settings.BaseUrl },
            { "display_url", settings.BaseUrl },
            { "media_folder", contentFolder + "/media" },
            { "public_folder", "media" },
        };

        var collections = new YamlSequenceNode();
        foreach (var type in types.Where(t => t.Folder is not null))
        {
            collections.Add(FolderCollection(type, types, contentFolder));
        }

        var files = new YamlSequenceNode();
        foreach (var type in types.Where(t => t.File is not null))
        {
            files.Add(new YamlMappingNode
            {
                { "name", type.Name },
                { "label", type.Label },
                { "file", contentFolder + "/" + type.File },
                { "fields", Fields(type.Fields, types) },
            });
        }

        if (files.Children.Count > 0)
        {
            collections.Add(new YamlMappingNode
            {
                { "name", DataCollection }, { "label", "Site data" }, { "editor", Map(("preview", false)) }, { "files", files },
            });
        }

        root.Add("collections", collections);
        var text = new StringWriter();
        text.Write("# Written by the build from the content schema (generator/Content/ContentSchema.cs): do not edit.\n");
        text.Write("# docs/editing.md explains the CMS.\n");
        new YamlStream(new YamlDocument(root)).Save(text, assignAnchors: false);
        return new OutputFile(Path, text.ToString().Replace("\r\n", "\n", StringComparison.Ordinal).TrimEnd('.', '\n') + "\n");
    }

    private static YamlMappingNode FolderCollection(ContentType type, IReadOnlyList<ContentType> types, string contentFolder)
    {
        var fields = Fields(type.Fields, types);
        fields.Add(new YamlMappingNode
        {
            { "name", "body" }, { "label", "Text" }, { "widget", "markdown" }, { "required", Bool(false) },
            { "hint", "Link to another page by its file, such as ../exercises/knee-rolls.md" },
        });
        var collection = new YamlMappingNode
        {
            { "name", type.Name },
            { "label", type.Label },
            { "label_singular", type.SingularLabel },
            { "folder", contentFolder + "/" + type.Folder },
            { "create", Bool(true) },
            { "extension", "md" },
            { "format", "yaml-frontmatter" },
            { "slug", "{{slug}}" },
            // Pictures in the text are linked relative to the file, as the build expects (../media/x.svg).
            { "media_folder", "../media" },
            { "public_folder", "../media" },
            { "preview_path", (type.Folder == "pages" ? "" : type.Folder + "/") + "{{slug}}/" },
        };
        if (type.Field("date") is not null)
        {
            collection.Add("sortable_fields", Seq("date", "title"));
        }

        collection.Add("fields", fields);
        return collection;
    }

    /// <param name="inOptionalGroup">
    /// The fields belong to an optional group (<c>review</c>). Decap would demand the group's required
    /// fields even when the group is left empty, so there they are optional in the form; the build
    /// still reports a group filled in half way, and treats an empty one as left out.
    /// </param>
    private static YamlSequenceNode Fields(IReadOnlyList<FieldSpec> specs, IReadOnlyList<ContentType> types, bool inOptionalGroup = false)
    {
        var fields = new YamlSequenceNode();
        foreach (var spec in specs)
        {
            fields.Add(Field(spec, types, inOptionalGroup));
        }

        return fields;
    }

    /// <summary>One form field: the widget for the field's kind, its rules and its hint.</summary>
    public static YamlMappingNode Field(FieldSpec spec, IReadOnlyList<ContentType> types, bool inOptionalGroup = false)
    {
        var field = new YamlMappingNode { { "name", spec.Key }, { "label", spec.Label } };
        var relation = spec.Relation is { } r ? Relation(r, types) : null;
        switch (spec.Kind)
        {
            case FieldKind.Text or FieldKind.LongText when relation is not null:
            case FieldKind.TextList when relation is not null:
                field.Add("widget", "relation");
                foreach (var (key, value) in relation!.Children)
                {
                    field.Add(key, value);
                }

                if (spec.Kind == FieldKind.TextList)
                {
                    field.Add("multiple", Bool(true));
                }

                break;
            case FieldKind.Text:
                field.Add("widget", "string");
                break;
            case FieldKind.LongText:
                field.Add("widget", "text");
                break;
            case FieldKind.Date:
                field.Add("widget", "datetime");
                field.Add("format", DateFormat);
                field.Add("date_format", DateFormat);
                field.Add("time_format", Bool(false));
                field.Add("picker_utc", Bool(true));
                break;
            case FieldKind.Number:
                field.Add("widget", "number");
                field.Add("value_type", "int");
                break;
            case FieldKind.Bool:
                field.Add("widget", "boolean");
                break;
            case FieldKind.Choice:
                field.Add("widget", "select");
                field.Add("options", Seq([.. spec.Options]));
                break;
            case FieldKind.Media:
                field.Add("widget", "image");
                field.Add("choose_url", Bool(false));
                // A path from the content folder (media/x.svg), whatever the collection's own media folder.
                field.Add("media_folder", "/content/media");
                field.Add("public_folder", "media");
                break;
            case FieldKind.TextList:
                field.Add("widget", "list");
                var item = new YamlMappingNode { { "name", "item" }, { "label", spec.Label }, { "widget", "string" } };
                if (spec.Pattern is { } itemPattern)
                {
                    item.Add("pattern", Seq(itemPattern.Regex, itemPattern.Message));
                }

                field.Add("field", item);
                break;
            case FieldKind.Group:
                field.Add("widget", "object");
                field.Add("fields", Fields(spec.Fields, types, inOptionalGroup: !spec.Required));
                break;
            case FieldKind.GroupList:
                field.Add("widget", "list");
                field.Add("fields", Fields(spec.Fields, types));
                break;
        }

        field.Add("required", Bool(spec.Required && !inOptionalGroup));
        if (spec.Min is { } min)
        {
            field.Add("min", Int(min));
        }

        if (spec.Max is { } max)
        {
            field.Add("max", Int(max));
        }

        if (spec.Pattern is { } pattern && spec.Kind is FieldKind.Text or FieldKind.LongText && relation is null)
        {
            field.Add("pattern", Seq(pattern.Regex, pattern.Message));
        }

        field.Add("hint", spec.Required && inOptionalGroup ? spec.Hint + " (needed once any field of this group is filled in)" : spec.Hint);
        return field;
    }

    /// <summary>The relation widget's settings, or null when the target is not a collection of this site (the field stays text).</summary>
    private static YamlMappingNode? Relation(FieldRelation relation, IReadOnlyList<ContentType> types)
    {
        var target = types.FirstOrDefault(t => t.Folder == relation.Target || t.File == relation.Target);
        if (target?.Folder is not null)
        {
            var value = relation.ValueField == "slug" ? "{{slug}}" : relation.ValueField;
            return new YamlMappingNode
            {
                { "collection", target.Name },
                { "value_field", value },
                { "search_fields", Seq(relation.DisplayField) },
                { "display_fields", Seq(relation.DisplayField) },
            };
        }

        if (target?.File is not null && relation.List is { } list && target.Field(list)?.Field(relation.ValueField) is not null)
        {
            return new YamlMappingNode
            {
                { "collection", DataCollection },
                { "file", target.Name },
                { "value_field", $"{list}.*.{relation.ValueField}" },
                { "search_fields", Seq($"{list}.*.{relation.DisplayField}") },
                { "display_fields", Seq($"{list}.*.{relation.DisplayField}") },
            };
        }

        return null;
    }

    private static YamlMappingNode Map(params (string Key, object Value)[] entries)
    {
        var map = new YamlMappingNode();
        foreach (var (key, value) in entries)
        {
            map.Add(key, value is bool b ? Bool(b) : new YamlScalarNode(value.ToString()));
        }

        return map;
    }

    private static YamlSequenceNode Seq(params string[] items) => new(items.Select(i => new YamlScalarNode(i) { Style = ScalarStyle.DoubleQuoted }));

    private static YamlScalarNode Bool(bool value) => new(value ? "true" : "false") { Style = ScalarStyle.Plain };

    private static YamlScalarNode Int(int value) => new(value.ToString(System.Globalization.CultureInfo.InvariantCulture)) { Style = ScalarStyle.Plain };
}
