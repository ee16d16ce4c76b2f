using System.Collections.Concurrent;

namespace BackCareSite.Diagnostics;

/// <summary>
/// Collects diagnostics from every stage (and from parallel workers), so that a
/// run reports all problems, not only the first.
/// </summary>
internal sealed class DiagnosticBag(string? displayRoot)
{
    private readonly ConcurrentQueue<Diagnostic> _items = new();

    /// <summary>A bag whose paths are shown relative to the process's working directory (tests, one-off commands).</summary>
    public DiagnosticBag()
        : this(Content.PathDisplay.WorkingDirectory())
    {
    }

    /// <summary>The folder the diagnostics' paths are shown relative to (from the options); null: in full.</summary>
    public string? DisplayRoot { get; } = displayRoot;

    /// <summary>A file's path as this run's diagnostics show it.</summary>
    public string Display(string path) => Content.PathDisplay.Relative(DisplayRoot, path);

    private int _errors;

    public void Add(Diagnostic diagnostic)
    {
        if (diagnostic.IsError)
        {
            Interlocked.Increment(ref _errors);
        }

        _items.Enqueue(diagnostic);
    }

    /// <summary>Adds a list (without an enumerator: the stages of <c>serve</c> add every kept item's list at every rebuild).</summary>
    public void AddRange(IReadOnlyList<Diagnostic> diagnostics)
    {
        for (var i = 0; i < diagnostics.Count; i++)
        {
            Add(diagnostics[i]);
        }
    }

    public void AddRange(IEnumerable<Diagnostic> diagnostics)
    {
        foreach (var d in diagnostics)
        {
            Add(d);
        }
    }

    /// <summary>Every diagnostic added, unsorted (duplicates included); the packed ones (<see cref="Add(PackedMessage, string, int, int, ReadOnlySpan{long}, ReadOnlySpan{string})"/>) made at each read.</summary>
    public IReadOnlyCollection<Diagnostic> Items => Volatile.Read(ref _packedCount) == 0 ? _items : [.. _items, .. Unpacked()];

    public void Error(string code, string path, int line, int column, string message) =>
        Add(Diagnostic.Error(code, path, line, column, message));

    public void Warning(string code, string path, int line, int column, string message) =>
        Add(Diagnostic.Warning(code, path, line, column, message));

    public bool HasErrors => Volatile.Read(ref _errors) > 0;

    public int Count => _items.Count + Volatile.Read(ref _packedCount);

    /// <summary>All diagnostics, each once, in a stable order: by path, line, column, code, message, severity.</summary>
    public IReadOnlyList<Diagnostic> Sorted() => Sort(Items);

    // The packed diagnostics (Add(PackedMessage, ...)): one after another as varints, each its kind, its path's and its
    // strings' numbers in the tables below, its line, column and numbers. Under _packing, as adds come from every thread.
    private readonly Lock _packing = new();
    private byte[] _packed = [];
    private int _packedLength;
    private int _packedCount;
    private Dictionary<string, int>? _stringIds;
    private List<string>? _strings;

    /// <summary>
    /// Adds a diagnostic of <paramref name="message"/>'s kind, kept as a few bytes until it is read (<see cref="Items"/>,
    /// <see cref="Sorted"/>): then it is a <see cref="Diagnostic"/> equal to one made with its message written out.
    /// </summary>
    public void Add(PackedMessage message, string path, int line, int column, ReadOnlySpan<long> numbers, ReadOnlySpan<string> strings = default)
    {
        if (message.Severity == Severity.Error)
        {
            Interlocked.Increment(ref _errors);
        }

        lock (_packing)
        {
            // At most 10 bytes a varint: the kind, path, line, column, two counts, then the numbers and strings.
            var most = 10 * (6 + numbers.Length + strings.Length);
            if (_packedLength + most > _packed.Length)
            {
                Array.Resize(ref _packed, Math.Max(_packed.Length * 2, Math.Max(1024, _packedLength + most)));
            }

            Write((ulong)message.Id);
            Write((ulong)StringId(path));
            Write(ZigZag(line));
            Write(ZigZag(column));
            Write((ulong)numbers.Length);
            foreach (var number in numbers)
            {
                Write(ZigZag(number));
            }

            Write((ulong)strings.Length);
            foreach (var text in strings)
            {
                Write((ulong)StringId(text));
            }

            Volatile.Write(ref _packedCount, _packedCount + 1);
        }
    }

    private void Write(ulong value)
    {
        while (value >= 0x80)
        {
            _packed[_packedLength++] = (byte)(value | 0x80);
            value >>= 7;
        }

        _packed[_packedLength++] = (byte)value;
    }

    private static ulong ZigZag(long value) => (ulong)((value << 1) ^ (value >> 63));

    private int StringId(string text)
    {
        _stringIds ??= new Dictionary<string, int>(StringComparer.Ordinal);
        _strings ??= [];
        if (!_stringIds.TryGetValue(text, out var id))
        {
            id = _strings.Count;
            _stringIds.Add(text, id);
            _strings.Add(text);
        }

        return id;
    }

    private List<Diagnostic> Unpacked()
    {
        lock (_packing)
        {
            var made = new List<Diagnostic>(_packedCount);
            var at = 0;
            ulong Read()
            {
                ulong value = 0;
                for (var shift = 0; ; shift += 7)
                {
                    var b = _packed[at++];
                    value |= (ulong)(b & 0x7F) << shift;
                    if (b < 0x80)
                    {
                        return value;
                    }
                }
            }

            long ReadSigned()
            {
                var z = Read();
                return (long)(z >> 1) ^ -(long)(z & 1);
            }

            while (at < _packedLength)
            {
                var message = PackedMessage.Of((int)Read());
                var path = _strings![(int)Read()];
                var line = (int)ReadSigned();
                var column = (int)ReadSigned();
                var numbers = new long[(int)Read()];
                for (var i = 0; i < numbers.Length; i++)
                {
                    numbers[i] = ReadSigned();
                }

                var strings = new string[(int)Read()];
                for (var i = 0; i < strings.Length; i++)
                {
                    strings[i] = _strings[(int)Read()];
                }

                made.Add(Diagnostic.Deferred(message.Severity, message.Code, path, line, column, new PackedParts(numbers, strings), message.Write));
            }

            return made;
        }
    }

    public static IReadOnlyList<Diagnostic> Sort(IEnumerable<Diagnostic> diagnostics) =>
        diagnostics.Distinct().OrderBy(d => d, Order).ToList();

    /// <summary>The order of <see cref="Sort"/>: by path, line, column, code, message, then warnings before errors, so only equal diagnostics compare equal.</summary>
    public static readonly IComparer<Diagnostic> Order = Comparer<Diagnostic>.Create((a, b) =>
    {
        var c = string.CompareOrdinal(a.Path, b.Path);
        c = c != 0 ? c : a.Line.CompareTo(b.Line);
        c = c != 0 ? c : a.Column.CompareTo(b.Column);
        c = c != 0 ? c : string.CompareOrdinal(a.Code, b.Code);
        c = c != 0 ? c : string.CompareOrdinal(a.Message, b.Message);
        return c != 0 ? c : a.Severity.CompareTo(b.Severity);
    });
}
