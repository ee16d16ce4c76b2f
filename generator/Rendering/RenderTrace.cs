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
    /// The reads, kept as a byte code (docs/serve.md, "Session 12"): each read is a head byte (from where, what came back,
    /// and for a value, its kind) and varints: its parent node counted back from the newest node, its member's name as an
    /// id in a table every trace shares, an element's index or a count, a node found again (counted back), a new node's type
    /// (an id in a shared table), a number. Only the values that are not a null, a true or false or a whole number (texts,
    /// rendered HTML, dates) are kept as references, in order, in <see cref="_refs"/>. A read kept as a 24-byte struct with
    /// two references took 49 MB at 10,000 articles (2.08 million reads).
    /// </summary>
    private const int ValueNull = 0, ValueFalse = 1, ValueTrue = 2, ValueInt = 3, ValueNegativeInt = 4, ValueRef = 5;

    /// <summary>One read as <see cref="Difference"/> decodes it.</summary>
    private struct Step
    {
        public From From;
        public Got Got;
        public int Parent;
        public int Arg;
        public string? Name;
        public object? Value;

        /// <summary>The node an alias step found again.</summary>
        public int Alias;
    }

    /// <summary>Names of members and globals, and types of nodes, as ids every trace shares (a site has a few hundred).</summary>
    private sealed class Table<T>(IEqualityComparer<T> comparer)
        where T : notnull
    {
        private readonly System.Collections.Concurrent.ConcurrentDictionary<T, int> _ids = new(comparer);
        private readonly Lock _adding = new();
        private volatile T[] _items = new T[64];

        public int Id(T item)
        {
            if (_ids.TryGetValue(item, out var id))
            {
                return id;
            }

            lock (_adding)
            {
                if (_ids.TryGetValue(item, out id))
                {
                    return id;
                }

                id = _ids.Count;
                var items = _items;
                if (id == items.Length)
                {
                    Array.Resize(ref items, items.Length * 2);
                }

                items[id] = item;
                _items = items; // published before the id, so a reader given the id finds the item
                _ids[item] = id;
                return id;
            }
        }

        public T this[int id] => _items[id];
    }

    private static readonly Table<string> Names = new(StringComparer.Ordinal);

    /// <summary>Whether two traces share one array for their reads' code (for tests).</summary>
    internal bool SharesCodeWith(RenderTrace other) => ReferenceEquals(_code, other._code);

    /// <summary>
    /// One array for each different code of sealed traces' reads (<see cref="Seal"/>): pages of one template with as many
    /// tags, sections and sources read the same way, and only the values they keep differ.
    /// </summary>
    internal sealed class Codes
    {
        private readonly System.Collections.Concurrent.ConcurrentDictionary<byte[], byte[]> _codes = new(SameBytes.Instance);

        /// <summary>How many different codes the table holds.</summary>
        public int Count => _codes.Count;

        public byte[] Share(byte[] code) => _codes.GetOrAdd(code, code);

        // The site's globals of the last trace sealed (traces seal in parallel: a race only keeps one more array).
        private (string Name, object? Value)[]? _site;

        /// <summary>
        /// The site's globals a trace began with (<c>site</c>, <c>red_flags</c>, <c>url</c>, ...), as the array of the last
        /// trace sealed when it holds the same names and the very same objects: one array for the traces of a render.
        /// </summary>
        public (string Name, object? Value)[] ShareSite((string Name, object? Value)[] site)
        {
            if (Volatile.Read(ref _site) is { } last && last.Length == site.Length)
            {
                var same = true;
                for (var i = 0; i < last.Length && same; i++)
                {
                    same = string.Equals(last[i].Name, site[i].Name, StringComparison.Ordinal) && ReferenceEquals(last[i].Value, site[i].Value);
                }

                if (same)
                {
                    return last;
                }
            }

            Volatile.Write(ref _site, site);
            return site;
        }

        /// <summary>
        /// A table of the codes of <paramref name="kept"/> only: serve's traces after a rebuild (else the codes of the
        /// traces it replaced would stay for the whole session).
        /// </summary>
        public static Codes Of(IEnumerable<RenderTrace> kept)
        {
            var codes = new Codes();
            foreach (var trace in kept)
            {
                if (trace._nodes is null)
                {
                    codes._codes.TryAdd(trace._code, trace._code);
                    codes._site ??= trace._siteGlobals;
                }
            }

            return codes;
        }
    }

    private sealed class SameBytes : IEqualityComparer<byte[]>
    {
        public static readonly SameBytes Instance = new();

        public bool Equals(byte[]? x, byte[]? y) => x.AsSpan().SequenceEqual(y);

        public int GetHashCode(byte[] bytes)
        {
            var hash = new HashCode();
            hash.AddBytes(bytes);
            return hash.ToHashCode();
        }
    }
    private static readonly Table<Type> Types = new(EqualityComparer<Type>.Default);

    private static readonly object True = true;
    private static readonly object False = false;

    // Numbers a template reads (a list's size, a picture's width) boxed once for every trace, as the two answers above:
    // a page's reads kept 85,000 boxes of their own at 10,000 articles (docs/serve.md, "Session 11").
    private static readonly object[] SmallNumbers = Enumerable.Range(0, 4096).Select(object (n) => n).ToArray();

    // The sets of templates sealed traces executed, one object for each different set: at 10,000 articles the pages
    // kept 11,546 sets (5 MB) of a few dozen different ones. A sealed trace's set is never written.
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, HashSet<string>> TemplateSets = new(StringComparer.Ordinal);

    private byte[] _code = new byte[256];
    private int _codeLength;
    private object?[] _refs = new object?[32];
    private int _refCount;
    // Once sealed: the texts and other plain values among the references, written out and held compressed (in serve, in
    // its temporary file), read back when the trace is replayed; _refs then holds only the other references (rendered
    // HTML, values of other types), in order.
    private CompressedText? _packedRefs;
    private int _stepCount;
    private HashSet<string> _templates = new(StringComparer.Ordinal);
    // The globals the render began with: the page's own, and the site's (site, red_flags, url, ...: one array for every
    // trace begun with the same site values, shared at Seal through Codes; a list of both took about 150 bytes a page).
    private (string Name, object? Value)[] _pageGlobals = [];
    private (string Name, object? Value)[] _siteGlobals = [];
    private Dictionary<object, int>? _nodes = new(ReferenceEqualityComparer.Instance);
    private Dictionary<(int Node, string Member), int>? _read = [];
    private int _nodeCount;
    private bool _begun;

    /// <summary>True when the render did something the trace cannot replay: render it again every time.</summary>
    public bool Opaque { get; private set; }

    /// <summary>The templates the render executed.</summary>
    public IReadOnlySet<string> Templates => _templates;

    /// <summary>How many reads were recorded (for tests and timings).</summary>
    public int Count => _stepCount;

    /// <summary>How many bytes of memory the reads are kept in: their code and the references kept in memory (for tests and timings).</summary>
    public int KeptBytes => _codeLength + (IntPtr.Size * _refs.Length);

    /// <summary>How many of the values read are kept as references in memory (rendered HTML, values of other types).</summary>
    public int KeptReferences => _refs.Length;

    /// <summary>How many of the values read are kept written out (texts, numbers, dates), not as references.</summary>
    public int PackedReferences => _packedRefs is null ? 0 : _refCount - _refs.Length;

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

        var pageOwn = new List<(string, object?)>(globals.Count);
        var siteOwn = new List<(string, object?)>(siteGlobals.Count);
        foreach (var name in globals.Keys.Concat(siteGlobals.Keys.Where(k => !globals.ContainsKey(k))).Order(StringComparer.Ordinal))
        {
            var value = Global(siteGlobals, globals, name);
            (globals.ContainsKey(name) ? pageOwn : siteOwn).Add((name, value));
            Observe(From.Global, -1, 0, name, value);
        }

        _pageGlobals = [.. pageOwn];
        _siteGlobals = [.. siteOwn];

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
    /// <param name="codes">Where traces share their reads' code (serve's, kept from rebuild to rebuild); null: not shared.</param>
    public RenderTrace Seal(Codes? codes = null)
    {
        if (_nodes is null)
        {
            return this; // sealed already (serve seals a page's trace when its render ends, and every trace at the end)
        }

        _nodes = null;
        _read = null;
        // The preview keeps a trace per page: no spare capacity, and one array for every trace whose reads have the same code
        // (pages of one template with as many tags, sections and sources read the same way; only the values kept differ).
        Array.Resize(ref _code, _codeLength);
        _code = codes?.Share(_code) ?? _code;
        _siteGlobals = codes?.ShareSite(_siteGlobals) ?? _siteGlobals;
        Array.Resize(ref _refs, _refCount);
        PackRefs();
        var names = _templates.Order(StringComparer.Ordinal).ToArray();
        _templates = TemplateSets.GetOrAdd(string.Join('\n', names), static (_, set) => set, _templates);
        return this;
    }

    /// <summary>The site's globals this trace began with, as kept: one array for traces begun with the same (for tests).</summary>
    internal object SiteGlobalsKept => _siteGlobals;

    /// <summary>The node of a value seen so far; null for a value the trace did not see arrive.</summary>
    public int? Node(object target) => _nodes is not null && _nodes.TryGetValue(target, out var node) ? node : null;

    /// <summary>Records a member read through an accessor (<paramref name="found"/> false: the member was not there).</summary>
    public void Read(int node, string member, object? value, bool found = true)
    {
        if (!found)
        {
            Add(From.Member, Got.Missing, node, 0, member, null);
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
                    Add(From.Member, Got.Alias, node, known, member, null);
                }
            }

            return;
        }

        _read[(node, member)] = Observe(From.Member, node, 0, member, value);
    }

    /// <summary>Records a count an accessor gave (how many members an object has: Scriban's <c>empty?</c>).</summary>
    public void MemberCount(int node, int count) => Add(From.MemberCount, Got.Value, node, 0, null, Shared(count));

    /// <summary>Records whether an object has a member.</summary>
    public void HasMember(int node, string member, bool has) => Add(From.HasMember, Got.Value, node, 0, member, has ? True : False);

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

        foreach (var (name, value) in _pageGlobals.Concat(_siteGlobals))
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

        var refs = Refs();
        var values = new object?[_nodeCount];
        var next = 0; // Nodes are numbered in the order their steps were recorded.
        var span = new SourceSpan();
        var at = 0;
        var nextRef = 0;
        var step = default(Step);
        while (at < _codeLength)
        {
            Decode(ref at, refs, ref nextRef, next, ref step);
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

    /// <summary>
    /// Records one read: <paramref name="arg"/> is an element's index, a count, or a node a member found again;
    /// <paramref name="value"/> is what a value read gave, a new node's type, or the node an element found again.
    /// </summary>
    private void Add(From from, Got got, int parent, int arg, string? name, object? value)
    {
        // The nodes numbered before this read: a new node's read numbered it already.
        var nodes = got == Got.Node ? _nodeCount - 1 : _nodeCount;
        var kind = 0;
        if (got == Got.Value)
        {
            kind = value switch
            {
                null => ValueNull,
                bool b => b ? ValueTrue : ValueFalse,
                int n => n >= 0 ? ValueInt : ValueNegativeInt,
                _ => ValueRef,
            };
        }

        Byte((byte)((int)from << 5 | (int)got << 3 | kind));
        if (from != From.Global)
        {
            Varint((uint)(nodes - 1 - parent));
        }

        if (from is From.Global or From.Member or From.HasMember)
        {
            Varint((uint)Names.Id(name!));
        }

        if (from is From.Element or From.Count)
        {
            Varint((uint)arg);
        }

        switch (got)
        {
            case Got.Alias:
                Varint((uint)(nodes - 1 - (from == From.Element ? (int)value! : arg)));
                break;
            case Got.Node:
                Varint((uint)Types.Id((Type)value!));
                break;
            case Got.Value when kind == ValueInt:
                Varint((uint)(int)value!);
                break;
            case Got.Value when kind == ValueNegativeInt:
                Varint(~(uint)(int)value!);
                break;
            case Got.Value when kind == ValueRef:
                if (_refCount == _refs.Length)
                {
                    Array.Resize(ref _refs, _refs.Length * 2);
                }

                _refs[_refCount++] = value;
                break;
        }

        _stepCount++;
    }

    private void Byte(byte b)
    {
        if (_codeLength == _code.Length)
        {
            Array.Resize(ref _code, Math.Max(16, _code.Length * 2));
        }

        _code[_codeLength++] = b;
    }

    private void Varint(uint value)
    {
        Span<byte> bytes = stackalloc byte[Rendering.Varint.MaxLength];
        foreach (var b in bytes[..Rendering.Varint.Write(value, bytes)])
        {
            Byte(b);
        }
    }

    private uint ReadVarint(ref int at) => Rendering.Varint.Read(_code, ref at);

    /// <summary>Decodes the read at <paramref name="at"/>, <paramref name="nodes"/> nodes having been numbered before it.</summary>
    private void Decode(ref int at, object?[] refs, ref int nextRef, int nodes, ref Step step)
    {
        var head = _code[at++];
        step.From = (From)(head >> 5);
        step.Got = (Got)((head >> 3) & 3);
        var kind = head & 7;
        step.Parent = step.From == From.Global ? -1 : nodes - 1 - (int)ReadVarint(ref at);
        step.Name = step.From is From.Global or From.Member or From.HasMember ? Names[(int)ReadVarint(ref at)] : null;
        step.Arg = step.From is From.Element or From.Count ? (int)ReadVarint(ref at) : 0;
        step.Value = null;
        step.Alias = -1;
        switch (step.Got)
        {
            case Got.Alias:
                step.Alias = nodes - 1 - (int)ReadVarint(ref at);
                if (step.From != From.Element)
                {
                    step.Arg = step.Alias;
                }

                break;
            case Got.Node:
                step.Value = Types[(int)ReadVarint(ref at)];
                break;
            case Got.Value:
                step.Value = kind switch
                {
                    ValueNull => null,
                    ValueFalse => False,
                    ValueTrue => True,
                    ValueInt => Shared((int)ReadVarint(ref at)),
                    ValueNegativeInt => (int)~ReadVarint(ref at),
                    _ => refs[nextRef++],
                };
                break;
        }
    }

    // How a packed reference is written (PackRefs): a kind byte, then the value.
    private const byte PackedKept = 0, PackedString = 1, PackedLong = 2, PackedDouble = 3, PackedDateOnly = 4, PackedDateTime = 5,
        PackedDecimal = 6;

    /// <summary>
    /// At <see cref="Seal"/>: writes the texts, numbers and dates among the references out, and holds them compressed
    /// (serve keeps them in its temporary file: at 10,000 articles the references were 1.1 million slots, about 9 MB, each
    /// pointing at a text a view holds anyway). Replaying reads them back (<see cref="Refs"/>); values are compared by value
    /// there, as before, so a text read back is the same value. Rendered HTML and values of other types stay references.
    /// </summary>
    private void PackRefs()
    {
        if (_refCount == 0)
        {
            return;
        }

        var writer = new System.Buffers.ArrayBufferWriter<byte>(_refCount * 16);
        var kept = new List<object?>();
        Span<int> bits = stackalloc int[4];
        foreach (var value in _refs)
        {
            switch (value)
            {
                case string text:
                    Head(writer, PackedString);
                    var length = System.Text.Encoding.UTF8.GetByteCount(text);
                    WriteVarint(writer, (uint)length);
                    writer.Advance(System.Text.Encoding.UTF8.GetBytes(text, writer.GetSpan(length)));
                    break;
                case long number:
                    Head(writer, PackedLong);
                    System.Buffers.Binary.BinaryPrimitives.WriteInt64LittleEndian(writer.GetSpan(8), number);
                    writer.Advance(8);
                    break;
                case double number:
                    Head(writer, PackedDouble);
                    System.Buffers.Binary.BinaryPrimitives.WriteInt64LittleEndian(writer.GetSpan(8), BitConverter.DoubleToInt64Bits(number));
                    writer.Advance(8);
                    break;
                case DateOnly date:
                    Head(writer, PackedDateOnly);
                    WriteVarint(writer, (uint)date.DayNumber);
                    break;
                case DateTime time:
                    Head(writer, PackedDateTime);
                    System.Buffers.Binary.BinaryPrimitives.WriteInt64LittleEndian(writer.GetSpan(8), time.Ticks);
                    writer.Advance(8);
                    Head(writer, (byte)time.Kind);
                    break;
                case decimal number:
                    Head(writer, PackedDecimal);
                    decimal.GetBits(number, bits);
                    foreach (var bit in bits)
                    {
                        System.Buffers.Binary.BinaryPrimitives.WriteInt32LittleEndian(writer.GetSpan(4), bit);
                        writer.Advance(4);
                    }

                    break;
                default:
                    Head(writer, PackedKept);
                    kept.Add(value);
                    break;
            }
        }

        if (kept.Count == _refCount)
        {
            return; // nothing to write out
        }

        _packedRefs = CompressedText.OfBytes(writer.WrittenSpan);
        _refs = [.. kept];

        static void Head(System.Buffers.ArrayBufferWriter<byte> writer, byte kind)
        {
            writer.GetSpan(1)[0] = kind;
            writer.Advance(1);
        }

        static void WriteVarint(System.Buffers.ArrayBufferWriter<byte> writer, uint value) =>
            writer.Advance(Rendering.Varint.Write(value, writer.GetSpan(Rendering.Varint.MaxLength)));
    }

    /// <summary>The references of the reads, in order: those written out by <see cref="PackRefs"/> read back.</summary>
    private object?[] Refs()
    {
        if (_packedRefs is null)
        {
            return _refs;
        }

        var bytes = _packedRefs.Bytes();
        var refs = new object?[_refCount];
        var at = 0;
        var kept = 0;
        Span<int> bits = stackalloc int[4];
        for (var i = 0; i < refs.Length; i++)
        {
            switch (bytes[at++])
            {
                case PackedString:
                    var length = (int)Rendering.Varint.Read(bytes, ref at);
                    refs[i] = System.Text.Encoding.UTF8.GetString(bytes, at, length);
                    at += length;
                    break;
                case PackedLong:
                    refs[i] = System.Buffers.Binary.BinaryPrimitives.ReadInt64LittleEndian(bytes.AsSpan(at));
                    at += 8;
                    break;
                case PackedDouble:
                    refs[i] = BitConverter.Int64BitsToDouble(System.Buffers.Binary.BinaryPrimitives.ReadInt64LittleEndian(bytes.AsSpan(at)));
                    at += 8;
                    break;
                case PackedDateOnly:
                    refs[i] = DateOnly.FromDayNumber((int)Rendering.Varint.Read(bytes, ref at));
                    break;
                case PackedDateTime:
                    var ticks = System.Buffers.Binary.BinaryPrimitives.ReadInt64LittleEndian(bytes.AsSpan(at));
                    at += 8;
                    refs[i] = new DateTime(ticks, (DateTimeKind)bytes[at++]);
                    break;
                case PackedDecimal:
                    for (var b = 0; b < 4; b++, at += 4)
                    {
                        bits[b] = System.Buffers.Binary.BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(at));
                    }

                    refs[i] = new decimal(bits);
                    break;
                default:
                    refs[i] = _refs[kept++];
                    break;
            }
        }

        return refs;
    }

    /// <summary>A number boxed: under 4,096, the box every trace and kept view shares (boxes are compared by value).</summary>
    internal static object Boxed(int number) => (uint)number < (uint)SmallNumbers.Length ? SmallNumbers[number] : number;

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
            Add(from, Got.Value, parent, index, name, value);
            return -1;
        }

        if (_nodes!.TryGetValue(value, out var known))
        {
            // The same object reached another way: the new site must share it the same way.
            if (from == From.Element)
            {
                Add(from, Got.Alias, parent, index, name, known);
            }
            else
            {
                Add(from, Got.Alias, parent, known, name, null);
            }
            return known;
        }

        var node = _nodeCount++;
        Add(from, Got.Node, parent, index, name, value.GetType());
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
            Add(From.Count, Got.Value, node, list.Count, null, null);
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
