using System.Collections.Concurrent;
using System.Net;
using Scriban;
using Scriban.Parsing;
using Scriban.Runtime;

namespace BackCareSite.Rendering;

/// <summary>
/// A Scriban context that HTML-escapes every value a template writes with
/// <c>{{ ... }}</c>, except <see cref="RawHtml"/>. Templates therefore cannot
/// forget to escape a title like <c>&lt;script&gt;</c>.
/// </summary>
internal sealed class EscapingTemplateContext : TemplateContext
{
    public EscapingTemplateContext(ScriptObject builtins)
        : base(builtins)
    {
    }

    // Scriban caches member accessors per context and builds each by reflection;
    // pages are rendered with many contexts, so the accessors are shared by type.
    // They are read-only once built, so sharing them across threads is safe.
    private static readonly ConcurrentDictionary<Type, IObjectAccessor> SharedAccessors = new();

    // Every accessor records its reads in the render's trace, when it has one (TracingAccessor).
    protected override IObjectAccessor? GetMemberAccessorImpl(object target)
    {
        var type = target.GetType();
        if (SharedAccessors.TryGetValue(type, out var accessor))
        {
            return accessor;
        }

        // A view's members are read through its typed table (ViewMembers), anything else as Scriban reads it.
        var created = base.GetMemberAccessorImpl(target);
        if (created is null)
        {
            return null;
        }

        var typed = ViewMembers.For(type, created);
        if (typed is null && type.Assembly == typeof(ViewMembers).Assembly && created.GetType().Name == "TypedObjectAccessor")
        {
            ViewMembers.ReadByReflection.Enqueue(type);
        }

        return SharedAccessors.GetOrAdd(type, new TracingAccessor(typed ?? created));
    }

    /// <summary>True while a render runs on this context (a nested render takes a fresh one).</summary>
    public bool InUse { get; set; }

    /// <summary>Where the running render records what it reads (<c>serve</c>); null when nothing is recorded.</summary>
    public RenderTrace? Trace { get; set; }

    // A page template's HTML (RawHtml.Over), copied from its buffer into the output as Write would copy its text (no
    // indent, no output limit): all but its last character straight across, the last through Write, which notes
    // whether the text ended a line (Scriban's indents start after a line's end).
    private EscapingTemplateContext WriteBorrowed(StringBuilderOutput output, System.Text.StringBuilder text)
    {
        output.Builder.Append(text, 0, text.Length - 1);
        Write(text[^1].ToString());
        return this;
    }

    // HTML held compressed (an exercise card, written into every page that shows it), unpacked into pooled buffers and
    // copied into the output as WriteBorrowed copies a buffer, rather than made a byte array and a string at each write
    // (at 1,000 articles those were about 6% of everything a build allocated).
    private EscapingTemplateContext WritePacked(StringBuilderOutput output, CompressedText packed)
    {
        var length = packed.Decode(out var chars);
        return WritePooled(output, chars, length);
    }

    // HTML held as UTF-8 (a build's exercise cards), decoded into a pooled buffer and copied into the output as
    // WritePacked copies it.
    private EscapingTemplateContext WriteUtf8(StringBuilderOutput output, byte[] utf8)
    {
        // A UTF-8 text has at most as many UTF-16 characters as bytes.
        var chars = System.Buffers.ArrayPool<char>.Shared.Rent(utf8.Length);
        return WritePooled(output, chars, System.Text.Encoding.UTF8.GetChars(utf8, chars));
    }

    // Copies the first `length` characters of a pooled buffer into the output as WriteBorrowed copies a buffer (the last
    // through Write), then gives the buffer back.
    private EscapingTemplateContext WritePooled(StringBuilderOutput output, char[] chars, int length)
    {
        try
        {
            if (length > 0)
            {
                output.Builder.Append(chars, 0, length - 1);
                Write(chars[length - 1].ToString());
            }
        }
        finally
        {
            System.Buffers.ArrayPool<char>.Shared.Return(chars);
        }

        return this;
    }

    public override TemplateContext Write(SourceSpan span, object? value)
    {
        if (Trace is { } trace && value is not null && !RenderTrace.IsValue(value))
        {
            // An object written as text: its ToString reads what no accessor saw.
            trace.GiveUp();
        }

        return value switch
        {
            null => this,
            RawHtml { Borrowed: { Length: > 0 } borrowed } when LimitToString <= 0 && string.IsNullOrEmpty(CurrentIndent) && Output is StringBuilderOutput output
                => WriteBorrowed(output, borrowed),
            RawHtml { PackedText: { } packed } when LimitToString <= 0 && string.IsNullOrEmpty(CurrentIndent) && Output is StringBuilderOutput output
                => WritePacked(output, packed),
            RawHtml { Utf8: { Length: > 0 } utf8 } when LimitToString <= 0 && string.IsNullOrEmpty(CurrentIndent) && Output is StringBuilderOutput output
                => WriteUtf8(output, utf8),
            RawHtml html => Write(html.Value),
            _ => Write(WebUtility.HtmlEncode(ObjectToString(value))),
        };
    }
}

/// <summary>
/// A Scriban member accessor that records each read in the render's <see cref="RenderTrace"/>
/// (when the context has one) and otherwise does what the accessor it wraps does. Reading a
/// member of an object the trace did not see arrive, or writing to one, makes the trace opaque.
/// </summary>
internal sealed class TracingAccessor(IObjectAccessor inner) : IObjectAccessor
{
    public bool HasIndexer => inner.HasIndexer;

    public Type? IndexType => inner.IndexType;

    public int GetMemberCount(TemplateContext context, SourceSpan span, object target)
    {
        var count = inner.GetMemberCount(context, span, target);
        if (Traced(context, target) is var (trace, node))
        {
            trace.MemberCount(node, count);
        }

        return count;
    }

    public IEnumerable<string> GetMembers(TemplateContext context, SourceSpan span, object target)
    {
        GiveUp(context, target);
        return inner.GetMembers(context, span, target);
    }

    public bool HasMember(TemplateContext context, SourceSpan span, object target, string member)
    {
        var has = inner.HasMember(context, span, target, member);
        if (Traced(context, target) is var (trace, node))
        {
            trace.HasMember(node, member, has);
        }

        return has;
    }

    public bool TryGetValue(TemplateContext context, SourceSpan span, object target, string member, out object? value)
    {
        var found = inner.TryGetValue(context, span, target, member, out value);
        if (Traced(context, target) is var (trace, node))
        {
            trace.Read(node, member, value, found);
        }

        return found;
    }

    public bool TrySetValue(TemplateContext context, SourceSpan span, object target, string member, object? value)
    {
        GiveUp(context, target);
        return inner.TrySetValue(context, span, target, member, value);
    }

    public bool TryGetItem(TemplateContext context, SourceSpan span, object target, object index, out object? value)
    {
        GiveUp(context, target);
        return inner.TryGetItem(context, span, target, index, out value);
    }

    public bool TrySetItem(TemplateContext context, SourceSpan span, object target, object index, object? value)
    {
        GiveUp(context, target);
        return inner.TrySetItem(context, span, target, index, value);
    }

    /// <summary>The trace and the target's node when the read is to be recorded; null otherwise.</summary>
    private static (RenderTrace Trace, int Node)? Traced(TemplateContext context, object target)
    {
        // A member of a value (a string's size) is a function of the value, recorded where it was read;
        // Scriban's built-in functions (`string.replace`) are the same in every render; a loop's
        // `for.index`, `for.first`, `for.last` follow from the list it walks, whose count and elements are recorded.
        if ((context as EscapingTemplateContext)?.Trace is not { } trace || RenderTrace.IsValue(target) || IsBuiltin(target) || IsLoopState(target))
        {
            return null;
        }

        if (trace.Node(target) is { } node)
        {
            return (trace, node);
        }

        trace.GiveUp();
        return null;
    }

    private static bool IsBuiltin(object target) => target.GetType().Namespace == typeof(Scriban.Functions.BuiltinFunctions).Namespace;

    private static bool IsLoopState(object target) => target.GetType().DeclaringType == typeof(Scriban.Syntax.ScriptLoopStatementBase);

    private static void GiveUp(TemplateContext context, object target)
    {
        if ((context as EscapingTemplateContext)?.Trace is { } trace && !RenderTrace.IsValue(target) && !IsBuiltin(target))
        {
            trace.GiveUp();
        }
    }
}

/// <summary>
/// Scriban's <c>include</c>, with its output marked as <see cref="RawHtml"/>: the
/// partial escaped its own values already, so it must not be escaped again.
/// </summary>
internal sealed class TrustedInclude(IScriptCustomFunction inner, bool inPlace = true) : IScriptCustomFunction
{
    public int RequiredParameterCount => inner.RequiredParameterCount;

    public int ParameterCount => inner.ParameterCount;

    public ScriptVarParamKind VarParamKind => inner.VarParamKind;

    public Type ReturnType => typeof(RawHtml);

    public ScriptParameterInfo GetParameterInfo(int index) => inner.GetParameterInfo(index);

    public object? Invoke(TemplateContext context, Scriban.Syntax.ScriptNode? callerContext, ScriptArray arguments, Scriban.Syntax.ScriptBlockStatement? blockStatement)
    {
        Record(context, arguments);
        if (inPlace && WritesStraightThrough(context, callerContext, arguments))
        {
            RenderInPlace(context, callerContext!, arguments);
            return null;
        }

        return new RawHtml(inner.Invoke(context, callerContext, arguments, blockStatement)?.ToString() ?? "");
    }

    /// <summary>
    /// True when the include's value would only be written to the output as it is: <c>{{ include "x" }}</c> as a
    /// statement of its own, with no named arguments, no indent to add to its lines (Scriban's automatic indent is
    /// empty for an include that does not start a line after spaces), and output on. Then the partial
    /// renders straight into the current output, as the text it would have returned would have been written there
    /// next. Scriban's own include renders into a new buffer, copies it into a string and that into the output: at
    /// 1,000 articles about a seventh of all the memory the build allocated. Anything else (an include whose value
    /// is assigned, piped or indented) goes through Scriban's include.
    /// </summary>
    private static bool WritesStraightThrough(TemplateContext context, Scriban.Syntax.ScriptNode? callerContext, ScriptArray arguments) =>
        callerContext is Scriban.Syntax.ScriptFunctionCall call
        && call.Parent is Scriban.Syntax.ScriptExpressionStatement
        && call.Arguments.All(a => a is not Scriban.Syntax.ScriptNamedArgument)
        && arguments.Count > 0
        && string.IsNullOrEmpty(context.CurrentIndent)
        && context.EnableOutput;

    // What Scriban's include and TemplateContext.RenderTemplate do, less the new output: look the template up, guard
    // against recursion, render it in a new local scope with its arguments as `$`, and write its result (when it has one).
    private static void RenderInPlace(TemplateContext context, Scriban.Syntax.ScriptNode callerContext, ScriptArray arguments)
    {
        var templateName = context.ObjectToString(arguments[0]);
        var templatePath = context.GetTemplatePathFromName(templateName, callerContext);
        if (templatePath is null)
        {
            return;
        }

        var template = context.GetOrCreateTemplate(templatePath, callerContext);
        if (template.HasErrors)
        {
            throw new InvalidOperationException("This template has errors. Messages:\n" + string.Join("\n", template.Messages));
        }

        context.EnterRecursive(callerContext);
        var indent = context.CurrentIndent;
        if (indent is not null)
        {
            // As Scriban's include does: the partial's own indents start from a line of its own.
            context.ResetPreviousNewLine();
        }

        context.CurrentIndent = null;
        context.PushLocal();
        try
        {
            context.SetValue(Scriban.Syntax.ScriptVariable.Arguments, arguments, true, true);
            TemplateRenderer.EvaluateInto(context, template);
        }
        finally
        {
            context.PopLocal();
            context.CurrentIndent = indent;
            context.ExitRecursive(callerContext);
        }
    }

    public async ValueTask<object?> InvokeAsync(TemplateContext context, Scriban.Syntax.ScriptNode? callerContext, ScriptArray arguments, Scriban.Syntax.ScriptBlockStatement? blockStatement)
    {
        Record(context, arguments);
        return new RawHtml((await inner.InvokeAsync(context, callerContext, arguments, blockStatement))?.ToString() ?? "");
    }

    // The template Scriban is about to load is a dependency of the render (the template loader names templates by their path).
    private static void Record(TemplateContext context, ScriptArray arguments)
    {
        if ((context as EscapingTemplateContext)?.Trace is { } trace && arguments.Count > 0)
        {
            trace.Template(context.ObjectToString(arguments[0]) ?? "");
        }
    }
}
