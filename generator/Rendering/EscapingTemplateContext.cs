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

    protected override IObjectAccessor? GetMemberAccessorImpl(object target)
    {
        if (target is IScriptObject)
        {
            return base.GetMemberAccessorImpl(target);
        }

        var type = target.GetType();
        if (SharedAccessors.TryGetValue(type, out var accessor))
        {
            return accessor;
        }

        var created = base.GetMemberAccessorImpl(target);
        return created is null ? null : SharedAccessors.GetOrAdd(type, created);
    }

    /// <summary>True while a render runs on this context (a nested render takes a fresh one).</summary>
    public bool InUse { get; set; }

    public override TemplateContext Write(SourceSpan span, object? value)
    {
        return value switch
        {
            null => this,
            RawHtml html => Write(html.Value),
            _ => Write(WebUtility.HtmlEncode(ObjectToString(value))),
        };
    }
}

/// <summary>
/// Scriban's <c>include</c>, with its output marked as <see cref="RawHtml"/>: the
/// partial escaped its own values already, so it must not be escaped again.
/// </summary>
internal sealed class TrustedInclude(IScriptCustomFunction inner) : IScriptCustomFunction
{
    public int RequiredParameterCount => inner.RequiredParameterCount;

    public int ParameterCount => inner.ParameterCount;

    public ScriptVarParamKind VarParamKind => inner.VarParamKind;

    public Type ReturnType => typeof(RawHtml);

    public ScriptParameterInfo GetParameterInfo(int index) => inner.GetParameterInfo(index);

    public object? Invoke(TemplateContext context, Scriban.Syntax.ScriptNode? callerContext, ScriptArray arguments, Scriban.Syntax.ScriptBlockStatement? blockStatement) =>
        new RawHtml(inner.Invoke(context, callerContext, arguments, blockStatement)?.ToString() ?? "");

    public async ValueTask<object?> InvokeAsync(TemplateContext context, Scriban.Syntax.ScriptNode? callerContext, ScriptArray arguments, Scriban.Syntax.ScriptBlockStatement? blockStatement) =>
        new RawHtml((await inner.InvokeAsync(context, callerContext, arguments, blockStatement))?.ToString() ?? "");
}
