using System.Text;
using BackCareSite.Diagnostics;
using Scriban;
using Scriban.Functions;
using Scriban.Runtime;
using Scriban.Syntax;

namespace BackCareSite.Rendering;

/// <summary>
/// Renders parsed templates with auto-escaping. A page template renders the
/// page's main content; the layout (<c>layouts/base.html</c>) wraps it, reading
/// it as <c>content</c>. Runtime errors are reported at template file:line:col.
/// </summary>
internal sealed class TemplateRenderer
{
    /// <summary>
    /// What Scriban's <c>Template.Render</c> does once its output is set, shared by the page template rendered into a
    /// buffer and an include rendered in place (<see cref="TrustedInclude"/>): the template's file noted for error
    /// positions, its page evaluated, and its result written to the current output (when it has one).
    /// </summary>
    internal static void EvaluateInto(TemplateContext context, Template template)
    {
        if (template.SourceFilePath is not null)
        {
            context.PushSourceFile(template.SourceFilePath);
        }

        try
        {
            if (template.Page is { } page && context.Evaluate(page) is { } result && context.EnableOutput)
            {
                context.Write(page.Span, result);
            }
        }
        finally
        {
            if (template.SourceFilePath is not null)
            {
                context.PopSourceFile();
            }
        }
    }

    public const string Layout = "layouts/base.html";

    private readonly TemplateSet _templates;
    private readonly ScriptObject _builtins;
    private readonly ScriptObject _siteGlobals;
    private readonly ThreadLocal<EscapingTemplateContext> _contexts;
    private readonly Spares<StringBuilder> _spareMain;

    /// <param name="includeInPlace">False to render every <c>include</c> through Scriban's own (tests compare the two).</param>
    /// <param name="spareMain">
    /// Where the page template's buffers are kept between pages: the process's <see cref="SpareMain"/> unless a test
    /// counts them in a place of its own, which no other test's build takes from meanwhile.
    /// </param>
    public TemplateRenderer(TemplateSet templates, ScriptObject siteGlobals, bool includeInPlace = true, Spares<StringBuilder>? spareMain = null)
    {
        _spareMain = spareMain ?? SpareMain;
        _templates = templates;
        _siteGlobals = siteGlobals;
        _contexts = new ThreadLocal<EscapingTemplateContext>(NewContext);
        _builtins = new BuiltinFunctions();
        if (_builtins["include"] is IScriptCustomFunction include)
        {
            _builtins.SetValue("include", new TrustedInclude(include, includeInPlace), readOnly: true);
        }
    }

    /// <summary>Runs the set-up every renderer needs once per process (Scriban's built-in functions, found by reflection).</summary>
    public static void Prepare() => System.Runtime.CompilerServices.RuntimeHelpers.RunClassConstructor(typeof(BuiltinFunctions).TypeHandle);

    /// <summary>The values every template sees (site, red flags, functions).</summary>
    public ScriptObject SiteGlobals => _siteGlobals;

    /// <summary>Renders a page template inside the layout; null after reporting an error.</summary>
    /// <param name="trace">Records what the render read (the layout reads <c>content</c>, which is the page template's output, so it adds nothing).</param>
    /// <param name="mainInPlace">
    /// True when nothing keeps the page's values after this call (a one-off build): the page template then renders
    /// into a buffer this thread reuses, which the layout copies where it writes <c>content</c>, rather than into a
    /// string of its own (about a tenth of what a build allocated). Anything else that reads <c>content</c> reads it as text.
    /// </param>
    public string? RenderPage(string templateName, ScriptObject pageGlobals, DiagnosticBag diagnostics, RenderTrace? trace = null, bool mainInPlace = false) =>
        RenderPage(templateName, pageGlobals, diagnostics, trace, mainInPlace, into: null)?.Value;

    /// <summary>
    /// Renders a page template inside the layout into <paramref name="page"/> (a one-off build: nothing keeps the page's
    /// values after this call, and the page is read from <see cref="PageBuffer.Chars"/> before the buffer renders
    /// another); false after reporting an error.
    /// </summary>
    public bool RenderPageInto(string templateName, ScriptObject pageGlobals, DiagnosticBag diagnostics, PageBuffer page)
    {
        var html = RenderPage(templateName, pageGlobals, diagnostics, trace: null, mainInPlace: true, page.Builder);
        if (html is null)
        {
            page.EmptyBuilder();
            return false;
        }

        html.Release();
        page.Take();
        return true;
    }

    // With `into`, the layout renders into that buffer (the result reads it, RawHtml.Over), else into a string of its own.
    private RawHtml? RenderPage(string templateName, ScriptObject pageGlobals, DiagnosticBag diagnostics, RenderTrace? trace, bool mainInPlace, StringBuilder? into)
    {
        StringBuilder? buffer = null;
        if (mainInPlace && trace is null)
        {
            buffer = _spareMain.Take() ?? new StringBuilder();
        }

        var main = buffer is null ? RenderPartial(templateName, pageGlobals, diagnostics, trace) : RenderPartial(templateName, pageGlobals, diagnostics, null, buffer);
        if (main is null)
        {
            Give(buffer);
            return null;
        }

        pageGlobals.SetValue("content", main, readOnly: false);
        var page = RenderPartial(Layout, pageGlobals, diagnostics, trace, into);
        // Whoever keeps the page's values (serve keeps each page's job) need not keep its main HTML too.
        pageGlobals.Remove("content");
        main.Release();
        Give(buffer);
        return page;
    }

    // The buffers of the page template's HTML, taken while a page renders (a nested render makes its own): at most one
    // for each core is kept, whatever the number of threads that rendered pages.
    internal static readonly Spares<StringBuilder> SpareMain = new();

    // A buffer grown past this (256 Ki characters) by a long page (a tag page or the exercise index of a large site) is
    // let go rather than kept: what is kept does not grow with the site's longest page.
    internal const int KeptMainCapacity = 1 << 18;

    private void Give(StringBuilder? buffer)
    {
        if (buffer is not null && buffer.Capacity <= KeptMainCapacity)
        {
            buffer.Clear();
            _spareMain.Give(buffer);
        }
    }

    /// <summary>Renders one template on its own (a partial, a card); null after reporting an error.</summary>
    public RawHtml? RenderPartial(string templateName, ScriptObject globals, DiagnosticBag diagnostics, RenderTrace? trace = null) =>
        RenderPartial(templateName, globals, diagnostics, trace, into: null);

    // With `into`, the template renders into that buffer and the result reads it (RawHtml.Over), with no string made.
    private RawHtml? RenderPartial(string templateName, ScriptObject globals, DiagnosticBag diagnostics, RenderTrace? trace, StringBuilder? into)
    {
        if (!_templates.TryGet(templateName, out var template))
        {
            diagnostics.Error(ErrorCodes.TemplateMissing, PathDisplayFor(templateName, diagnostics), 1, 1,
                $"the template `{templateName}` is missing; create it in the templates folder");
            return null;
        }

        // One context per thread, reset between renders (which also empties its
        // template cache, so it is primed again): a new context per render
        // rebuilt Scriban's reflection caches each time.
        var reused = _contexts.Value!;
        var context = reused.InUse ? NewContext() : reused;
        context.InUse = true;
        if (trace is not null)
        {
            trace.Begin(_siteGlobals, globals);
            trace.Template(templateName);
            context.Trace = trace;
        }

        try
        {
            context.Reset();
            _templates.Prime(context);
            context.PushGlobal(_siteGlobals);
            context.PushGlobal(globals);
            if (into is null)
            {
                return new RawHtml(template.Render(context));
            }

            // What Template.Render does, into the given buffer and without making a string of it.
            context.PushOutput(new StringBuilderOutput(into));
            try
            {
                EvaluateInto(context, template);
            }
            finally
            {
                context.PopOutput();
            }

            return RawHtml.Over(into);
        }
        catch (ScriptRuntimeException ex)
        {
            var span = ex.Span;
            var file = string.IsNullOrEmpty(span.FileName) ? PathDisplayFor(templateName, diagnostics) : span.FileName;
            diagnostics.Error(ErrorCodes.TemplateRuntime, file, span.Start.Line + 1, span.Start.Column + 1, ex.OriginalMessage);
            return null;
        }
        finally
        {
            context.InUse = false;
            context.Trace = null;
        }
    }

    private EscapingTemplateContext NewContext()
    {
        var context = new EscapingTemplateContext(_builtins)
        {
            TemplateLoader = _templates,
            LoopLimit = 0,
            RecursiveLimit = 50,
            // Scriban cuts any value longer than 1 MiB to its first 1,048,576 characters and "...":
            // a long page would lose its end (footer, disclaimer, </html>) without a word. No limit.
            LimitToString = 0,
            StrictVariables = true,
            NewLine = "\n",
        };
        return context;
    }

    private string PathDisplayFor(string templateName, DiagnosticBag diagnostics) =>
        diagnostics.Display(Path.Combine(_templates.Root, templateName));
}
