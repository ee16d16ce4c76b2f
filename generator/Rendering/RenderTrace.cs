using System.Collections;
using Scriban;
using Scriban.Parsing;
using Scriban.Runtime;

namespace BackCareSite.Rendering;

/// <summary>
/// What one render read, recorded while it ran: the templates it executed (the page's
/// template, the layout and every <c>include</c> Scriban actually loaded) and every value it
/// read through the member accessors, each with where it came from (a global, a member of an
/// earlier value, an element of a list). Rendering is a function of what it reads, so when
/// <see cref="Replays"/> finds every recorded read giving the same value in a new site and
/// none of the templates changed, the render would give the same output: the preview keeps
/// the page. Anything the trace cannot follow (a member of a value it did not see arrive, an
/// object written as text) makes it <see cref="Opaque"/>: rendered again every time.
/// </summary>
internal sealed class RenderTrace
{
    /// <summary>The last planning round (of <c>serve</c>'s <c>PreviewRender.Select</c>) that found this trace's page planned again.</summary>
    internal int PlannedIn;

    private enum From : byte { Global, Member, Element, Count, MemberCount, HasMember }

    private enum Got : byte { Value, Node, Alias, Missing }

    /// <summary>
    /// One read, in 24 bytes (the preview keeps every page's steps): from where (the member
    /// <see cref="Name"/> or element <see cref="Arg"/> of node <see cref="Parent"/>, or a global),
    /// and what came back: a value, a new node (numbered in the order of the steps, so not stored),
    /// a node seen before (its number in <see cref="Arg"/>, or for an element, whose index is in
    /// <see cref="Arg"/>, in <see cref="Value"/>). A count's <see cref="Arg"/> is the count.
    /// </summary>
    private readonly struct Step
    {
        private const int ParentBits = 27;
        private readonly uint _head; // From (3 bits), Got (2 bits), Parent + 1 (27 bits).

        public Step(From from, Got got, int parent, int arg, string? name, object? value)
        {
            if ((uint)(parent + 1) >= 1u << ParentBits)
            {
                throw new InvalidOperationException($"a render read more than {(1 << ParentBits) - 2} objects");
            }

            _head = (uint)from << (ParentBits + 2) | (uint)got << ParentBits | (uint)(parent + 1);
            Arg = arg;
            Name = name;
            Value = value;
        }

        public From From => (From)(_head >> (ParentBits + 2));

        public Got Got => (Got)((_head >> ParentBits) & 3);

        public int Parent => (int)(_head & ((1u << ParentBits) - 1)) - 1;

        public int Arg { get; }

        public string? Name { get; }

        public object? Value { get; }

        /// <summary>The node an alias step found again.</summary>
        public int Alias => From == From.Element ? (int)Value! : Arg;
    }

    private static readonly object True = true;
    private static readonly object False = false;

    // Numbers a template reads (a list's size, a picture's width) boxed once for every trace, as the two answers above:
    // a page's reads kept 85,000 boxes of their own at 10,000 articles (docs/serve.md, "Session 11").
    private static readonly object[] SmallNumbers = Enumerable.Range(0, 4096).Select(object (n) => n).ToArray();

    // The sets of templates sealed traces executed, one object for each different set: at 10,000 articles the pages
    // kept 11,546 sets (5 MB) of a few dozen different ones. A sealed trace's set is never written.
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, HashSet<string>> TemplateSets = new(StringComparer.Ordinal);

    private readonly List<Step> _steps = [];
    private HashSet<string> _templates = new(StringComparer.Ordinal);
    private readonly List<(string Name, object? Value)> _globals = [];
    private Dictionary<object, int>? _nodes = new(ReferenceEqualityComparer.Instance);
    private Dictionary<(int Node, string Member), int>? _read = [];
    private int _nodeCount;
    private bool _begun;

    /// <summary>True when the render did something the trace cannot replay: render it again every time.</summary>
    public bool Opaque { get; private set; }

    /// <summary>The templates the render executed.</summary>
    public IReadOnlySet<string> Templates => _templates;

    /// <summary>How many reads were recorded (for tests and timings).</summary>
    public int Count => _steps.Count;

    /// <summary>
    /// Starts the trace with the globals a template sees: each one is read. <c>url</c> and
    /// <c>absolute_url</c> are functions of <c>site.base_url</c> and <c>site.base_path</c>, so
    /// those two are read as well.
    /// </summary>
    public void Begin(ScriptObject siteGlobals, ScriptObject globals)
    {
        if (_begun)
        {
            return;
        }

        _begun = true;

        foreach (var name in globals.Keys.Concat(siteGlobals.Keys.Where(k => !globals.ContainsKey(k))).Order(StringComparer.Ordinal))
        {
            var value = Global(siteGlobals, globals, name);
            _globals.Add((name, value));
            Observe(From.Global, -1, 0, name, value);
        }

        if (siteGlobals.TryGetValue("site", out var site) && site is ScriptObject siteObject && Node(siteObject) is { } node)
        {
            foreach (var name in new[] { "base_url", "base_path" })
            {
                siteObject.TryGetValue(name, out var value);
                Read(node, name, value);
            }
        }
    }

    /// <summary>Records a template the render executed.</summary>
    public void Template(string name)
    {
        if (_nodes is null)
        {
            throw new InvalidOperationException("a sealed trace records nothing more");
        }

        _templates.Add(name);
    }

    /// <summary>Records that the render did something the trace cannot replay.</summary>
    public void GiveUp() => Opaque = true;

    /// <summary>Ends the recording: drops what only recording needs.</summary>
    public RenderTrace Seal()
    {
        if (_nodes is null)
        {
            return this; // sealed already (serve seals a page's trace when its render ends, and every trace at the end)
        }

        _nodes = null;
        _read = null;
        _steps.TrimExcess(); // The preview keeps a trace per page: no spare capacity.
        _globals.TrimExcess();
        var names = _templates.Order(StringComparer.Ordinal).ToArray();
        _templates = TemplateSets.GetOrAdd(string.Join('\n', names), static (_, set) => set, _templates);
        return this;
    }

    /// <summary>The node of a value seen so far; null for a value the trace did not see arrive.</summary>
    public int? Node(object target) => _nodes is not null && _nodes.TryGetValue(target, out var node) ? node : null;

    /// <summary>Records a member read through an accessor (<paramref name="found"/> false: the member was not there).</summary>
    public void Read(int node, string member, object? value, bool found = true)
    {
        if (!found)
        {
            _steps.Add(new Step(From.Member, Got.Missing, node, 0, member, null));
            return;
        }

        if (_read!.TryGetValue((node, member), out var first))
        {
            // Read before: a view does not change while a page renders, so the value is the same.
            // A property that makes a new object at every read (a computed list) gives the node of the first read.
            if (first >= 0 && value is not null && !IsValue(value))
            {
                if (!_nodes!.TryGetValue(value, out var known))
                {
                    Map(value, first);
                }
                else if (known != first)
                {
                    _steps.Add(new Step(From.Member, Got.Alias, node, known, member, null));
                }
            }

            return;
        }

        _read[(node, member)] = Observe(From.Member, node, 0, member, value);
    }

    /// <summary>Records a count an accessor gave (how many members an object has: Scriban's <c>empty?</c>).</summary>
    public void MemberCount(int node, int count) => _steps.Add(new Step(From.MemberCount, Got.Value, node, 0, null, Shared(count)));

    /// <summary>Records whether an object has a member.</summary>
    public void HasMember(int node, string member, bool has) => _steps.Add(new Step(From.HasMember, Got.Value, node, 0, member, has ? True : False));

    /// <summary>
    /// True when every recorded read gives the same value in the new globals and no template
    /// the render executed is in <paramref name="changedTemplates"/>: the render would be the same.
    /// </summary>
    public bool Replays(ScriptObject siteGlobals, ScriptObject globals, IReadOnlySet<string> changedTemplates, TemplateContext context) =>
        Difference(siteGlobals, globals, changedTemplates, context) is null;

    /// <summary>
    /// True when the render would be the same without replaying it: it is not opaque, none of its templates
    /// changed, and every global it began with is the same object now, an equal text, number or record, or a
    /// list of the same count whose elements are. Only for a caller that knows nothing reachable from those
    /// objects changed since the render (<c>serve</c> keeps views and site values unchanged only then): every
    /// read would give what it gave.
    /// </summary>
    public bool SameGlobals(ScriptObject siteGlobals, ScriptObject globals, IReadOnlySet<string> changedTemplates)
    {
        if (Opaque || (changedTemplates.Count > 0 && _templates.Overlaps(changedTemplates)))
        {
            return false;
        }

        foreach (var (name, value) in _globals)
        {
            var now = Global(siteGlobals, globals, name);
            if (!Same(now, value) && !(now is IList list && value is IList before && SameElements(list, before)))
            {
                return false;
            }
        }

        return true;

        static bool SameElements(IList now, IList before)
        {
            if (now.Count != before.Count)
            {
                return false;
            }

            for (var i = 0; i < now.Count; i++)
            {
                if (!Same(now[i], before[i]))
                {
                    return false;
                }
            }

            return true;
        }

        // The same object, or an equal record or value: a record compares its members the same way, and lists by reference.
        static bool Same(object? now, object? before) => ReferenceEquals(now, before) || (before is not null && before.Equals(now));
    }

    /// <summary>Why the trace does not replay (the first read that differs), or null when it does.</summary>
    public string? Difference(ScriptObject siteGlobals, ScriptObject globals, IReadOnlySet<string> changedTemplates, TemplateContext context)
    {
        if (Opaque)
        {
            return "the render did something the trace cannot replay";
        }

        if (_templates.FirstOrDefault(changedTemplates.Contains) is { } template)
        {
            return $"the template {template} changed";
        }

        var values = new object?[_nodeCount];
        var next = 0; // Nodes are numbered in the order their steps were recorded.
        var span = new SourceSpan();
        foreach (var step in _steps)
        {
            object? value;
            var found = true;
            switch (step.From)
            {
                case From.Global:
                    value = Global(siteGlobals, globals, step.Name!);
                    break;
                case From.Member:
                    var target = values[step.Parent]!;
                    found = context.GetMemberAccessor(target).TryGetValue(context, span, target, step.Name!, out value);
                    break;
                case From.Element:
                    var list = (IList)values[step.Parent]!;
                    value = list[step.Arg];
                    break;
                case From.Count:
                    if (((IList)values[step.Parent]!).Count != step.Arg)
                    {
                        return $"the count of node {step.Parent} changed";
                    }

                    continue;
                case From.MemberCount:
                    var counted = values[step.Parent]!;
                    value = context.GetMemberAccessor(counted).GetMemberCount(context, span, counted);
                    break;
                default:
                    var owner = values[step.Parent]!;
                    value = context.GetMemberAccessor(owner).HasMember(context, span, owner, step.Name!);
                    break;
            }

            var same = step.Got switch
            {
                Got.Missing => !found,
                Got.Value => found && (ReferenceEquals(value, step.Value) || Equals(value, step.Value)),
                Got.Alias => found && ReferenceEquals(value, values[step.Alias]),
                _ => found && value is not null && value.GetType() == (Type)step.Value!,
            };
            if (!same)
            {
                return $"{step.From} {step.Name ?? step.Arg.ToString(System.Globalization.CultureInfo.InvariantCulture)} of node {step.Parent}: {step.Got} {step.Value} became {value}";
            }

            if (step.Got == Got.Node)
            {
                values[next++] = value;
            }
        }

        return null;
    }

    /// <summary>A value as it is kept: a true or false or a small number as the box every trace shares (they are compared by value).</summary>
    private static object? Shared(object? value) => value switch
    {
        bool b => b ? True : False,
        int n when (uint)n < (uint)SmallNumbers.Length => SmallNumbers[n],
        _ => value,
    };

    /// <summary>Values compared by value (text, numbers, dates, rendered HTML); everything else is a node whose members are read.</summary>
    public static bool IsValue(object value) => value is string or RawHtml || value.GetType().IsValueType;

    private static object? Global(ScriptObject siteGlobals, ScriptObject globals, string name) =>
        globals.TryGetValue(name, out var value) ? value : siteGlobals.TryGetValue(name, out var site) ? site : null;

    /// <summary>Records where a value came from and what it was; returns its node, or -1 for a value.</summary>
    private int Observe(From from, int parent, int index, string? name, object? value)
    {
        if (value is null || IsValue(value))
        {
            _steps.Add(new Step(from, Got.Value, parent, index, name, Shared(value)));
            return -1;
        }

        if (_nodes!.TryGetValue(value, out var known))
        {
            // The same object reached another way: the new site must share it the same way.
            _steps.Add(from == From.Element
                ? new Step(from, Got.Alias, parent, index, name, known)
                : new Step(from, Got.Alias, parent, known, name, null));
            return known;
        }

        var node = _nodeCount++;
        _steps.Add(new Step(from, Got.Node, parent, index, name, value.GetType()));
        Map(value, node);
        return node;
    }

    private void Map(object value, int node)
    {
        _nodes![value] = node;
        if (value is IScriptObject or IDictionary)
        {
            return;
        }

        if (value is IList list)
        {
            // A loop takes the elements without an accessor: they are read here, with the count.
            _steps.Add(new Step(From.Count, Got.Value, node, list.Count, null, null));
            for (var i = 0; i < list.Count; i++)
            {
                Observe(From.Element, node, i, null, list[i]);
            }
        }
        else if (value is IEnumerable)
        {
            GiveUp();
        }
    }
}
