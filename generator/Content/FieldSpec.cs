namespace BackCareSite.Content;

/// <summary>What kind of value a field holds: how the reader reads it and which CMS widget edits it.</summary>
internal enum FieldKind
{
    /// <summary>One line of text.</summary>
    Text,

    /// <summary>Text that may run to a few sentences (a text area in the CMS).</summary>
    LongText,

    /// <summary>A date written <c>YYYY-MM-DD</c>.</summary>
    Date,

    /// <summary>A whole number.</summary>
    Number,

    /// <summary><c>true</c> or <c>false</c>.</summary>
    Bool,

    /// <summary>One of a fixed list of words (<see cref="FieldSpec.Options"/>).</summary>
    Choice,

    /// <summary>A path to a file in <c>media/</c>, from the content folder (<c>media/x.svg</c>).</summary>
    Media,

    /// <summary>A list of lines of text.</summary>
    TextList,

    /// <summary>Indented fields (<see cref="FieldSpec.Fields"/>), such as <c>review:</c>.</summary>
    Group,

    /// <summary>A list of items, each with the same fields, such as <c>videos:</c>.</summary>
    GroupList,
}

/// <summary>
/// A field's value names an item elsewhere: an entry of a folder collection by its slug
/// (<c>Target = "exercises"</c>), or an item of a list in a data file
/// (<c>Target = "reviewers.yml"</c>, <c>List = "reviewers"</c>) by <see cref="ValueField"/>.
/// </summary>
internal sealed record FieldRelation(string Target, string? List = null, string ValueField = "slug", string DisplayField = "title");

/// <summary>
/// One front-matter or data-file field: its key, kind and rules. The readers take
/// required-ness, limits and options from here (<see cref="YamlFields"/> refuses to
/// read a key that is not declared), and the CMS configuration is written from the
/// same declarations, so a form cannot drift from what the build accepts.
/// </summary>
internal sealed record FieldSpec(string Key, FieldKind Kind, string Hint)
{
    public bool Required { get; init; }

    /// <summary>For numbers, the smallest value; for lists, the fewest items.</summary>
    public int? Min { get; init; }

    /// <summary>For numbers, the largest value.</summary>
    public int? Max { get; init; }

    /// <summary>The allowed values of a <see cref="FieldKind.Choice"/>.</summary>
    public IReadOnlyList<string> Options { get; init; } = [];

    /// <summary>A regular expression the text (or each item of a list) must match, and what to write instead.</summary>
    public (string Regex, string Message)? Pattern { get; init; }

    public FieldRelation? Relation { get; init; }

    /// <summary>The fields of a <see cref="FieldKind.Group"/> or of each item of a <see cref="FieldKind.GroupList"/>.</summary>
    public IReadOnlyList<FieldSpec> Fields { get; init; } = [];

    /// <summary>The label a form shows: the key in words (<c>hold_seconds</c> is "Hold seconds").</summary>
    public string Label => char.ToUpperInvariant(Key[0]) + Key[1..].Replace('_', ' ');

    public FieldSpec? Field(string key) => Fields.FirstOrDefault(f => f.Key == key);
}

/// <summary>
/// The fields of one kind of content file: a folder of Markdown files
/// (<see cref="Folder"/>) or one YAML data file (<see cref="File"/>).
/// </summary>
internal sealed record ContentType(string Name, string Label, IReadOnlyList<FieldSpec> Fields)
{
    /// <summary>The folder of Markdown files under the content folder, such as <c>exercises</c>.</summary>
    public string? Folder { get; init; }

    /// <summary>The data file in the content folder, such as <c>site.yml</c>.</summary>
    public string? File { get; init; }

    /// <summary>The label of one entry (<c>Exercise</c>), for the CMS's "New Exercise" button.</summary>
    public string SingularLabel { get; init; } = Label;

    public FieldSpec? Field(string key) => Fields.FirstOrDefault(f => f.Key == key);
}
