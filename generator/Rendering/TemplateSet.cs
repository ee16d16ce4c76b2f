using BackCareSite.Content;
using BackCareSite.Diagnostics;
using Scriban;
using Scriban.Parsing;
using Scriban.Runtime;
using Scriban.Syntax;

namespace BackCareSite.Rendering;

/// <summary>
/// Every Scriban template under <c>templates/</c> (outside <c>assets/</c>),
/// parsed once. Names are paths relative to the folder, such as
/// <c>article.html</c> or <c>partials/exercise-card.html</c>.
/// </summary>
internal sealed class TemplateSet : ITemplateLoader
{
    private readonly Dictionary<string, Template> _templates;
    private readonly Dictionary<string, string> _texts;

    private TemplateSet(string root, Dictionary<string, Template> templates, Dictionary<string, string> texts)
    {
        Root = root;
        _templates = templates;
        _texts = texts;
    }

    public string Root { get; }

    public IReadOnlyDictionary<string, Template> Templates => _templates;

    /// <summary>Parses every template in <paramref name="root"/>; reports syntax errors at file:line:col.</summary>
    public static TemplateSet Load(string root, DiagnosticBag diagnostics)
    {
        var templates = new Dictionary<string, Template>(StringComparer.Ordinal);
        if (!Directory.Exists(root))
        {
            diagnostics.Error(ErrorCodes.TemplateMissing, diagnostics.Display(root), 1, 1, "the templates folder does not exist; pass `--templates DIR`");
            return new TemplateSet(root, templates, []);
        }

        // The walk covers assets/ too, so that a symbolic link among the assets is reported here.
        var files = FileTree.Files(root, root, diagnostics)
            .Select(f => (f.Full, Name: f.Relative))
            .Where(f => f.Name.EndsWith(".html", StringComparison.Ordinal) && !f.Name.StartsWith("assets/", StringComparison.Ordinal))
            .ToList();
        var parsed = new Template?[files.Count];
        var texts = new string?[files.Count];
        Parallel.For(0, files.Count, i =>
        {
            var file = SourceReader.Read(files[i].Full, files[i].Name, diagnostics);
            if (file is null)
            {
                return;
            }

            texts[i] = file.Text;
            var template = Template.Parse(file.Text, file.DisplayPath);
            foreach (var message in template.Messages)
            {
                var start = message.Span.Start;
                diagnostics.Add(new Diagnostic(
                    message.Type == ParserMessageType.Error ? Severity.Error : Severity.Warning,
                    ErrorCodes.TemplateSyntax, file.DisplayPath, start.Line + 1, start.Column + 1, message.Message));
            }

            if (!template.HasErrors)
            {
                WithoutEmptyIndents(template.Page);
            }

            parsed[i] = template.HasErrors ? null : template;
        });

        var textsByName = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < files.Count; i++)
        {
            if (parsed[i] is { } template)
            {
                templates[files[i].Name] = template;
                textsByName[files[i].Name] = texts[i]!;
            }
        }

        return new TemplateSet(root, templates, textsByName);
    }

    /// <summary>
    /// Scriban notes the spaces before each <c>{{</c> that starts a line, to indent what an <c>include</c> there writes,
    /// and while an indent is set writes every text line by line, looking for each line's end. Most tags have no
    /// spaces before them, and an empty indent adds nothing: such a tag is given no indent at all, so text after it
    /// is written whole (what the page says is the same). Indents that are not empty are kept.
    /// </summary>
    internal static void WithoutEmptyIndents(ScriptNode? node)
    {
        if (node is null)
        {
            return;
        }

        if (node is ScriptEscapeStatement { Indent: "" } escape)
        {
            escape.Indent = null!;
        }

        for (var i = 0; i < node.ChildrenCount; i++)
        {
            WithoutEmptyIndents(node.GetChildren(i));
        }
    }

    /// <summary>The templates whose text differs from <paramref name="earlier"/>'s, or that exist in only one of them.</summary>
    public IReadOnlySet<string> ChangedSince(TemplateSet? earlier)
    {
        if (ReferenceEquals(earlier, this))
        {
            return new HashSet<string>();
        }

        if (earlier is null)
        {
            return _texts.Keys.ToHashSet(StringComparer.Ordinal);
        }

        var changed = _texts.Where(t => !earlier._texts.TryGetValue(t.Key, out var before) || before != t.Value).Select(t => t.Key).ToHashSet(StringComparer.Ordinal);
        changed.UnionWith(earlier._texts.Keys.Where(name => !_texts.ContainsKey(name)));
        return changed;
    }

    public bool TryGet(string name, out Template template) => _templates.TryGetValue(name, out template!);

    /// <summary>Makes <c>include 'partials/x.html'</c> use the parsed template instead of reading the file again.</summary>
    public void Prime(TemplateContext context)
    {
        foreach (var (name, template) in _templates)
        {
            context.CachedTemplates[name] = template;
        }
    }

    public string GetPath(TemplateContext context, SourceSpan callerSpan, string templateName) => templateName;

    public string Load(TemplateContext context, SourceSpan callerSpan, string templatePath) =>
        throw new ScriptRuntimeException(callerSpan, $"there is no template `{templatePath}` in the templates folder");

    public ValueTask<string?> LoadAsync(TemplateContext context, SourceSpan callerSpan, string templatePath) =>
        ValueTask.FromResult<string?>(Load(context, callerSpan, templatePath));
}
