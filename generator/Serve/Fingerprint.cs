using System.Collections;
using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Numerics;
using System.Reflection;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using BackCareSite.Rendering;

namespace BackCareSite.Serve;

/// <summary>
/// 64-bit fingerprints of what a template is given: strings, numbers, records, lists,
/// Scriban objects, views. Equal values give equal fingerprints; a change anywhere in
/// the value (a title, a date, a body) changes it. Content views (articles, exercises,
/// pages) are the dependencies of a page: <see cref="Data"/> reports their keys and
/// stands each in by its key, <see cref="Item"/> fingerprints the view itself. One
/// instance per rebuild: views are memoised by reference; long strings (bodies) are
/// memoised across rebuilds, since unchanged bodies are the same string objects.
/// </summary>
internal sealed class Fingerprint
{
    private const ulong Seed = 0xcbf29ce484222325;
    private static readonly ConditionalWeakTable<string, StrongBox<ulong>> LongStrings = new();
    private static readonly ConcurrentDictionary<Type, (ulong TypeHash, (ulong NameHash, Func<object, object?> Get)[] Getters)> Properties = new();

    private readonly Dictionary<object, (ulong Hash, IReadOnlySet<string> Items)> _items = new(ReferenceEqualityComparer.Instance);
    private readonly Dictionary<string, ulong> _itemVersions = new(StringComparer.Ordinal);

    /// <summary>The version of every content view fingerprinted so far, by key.</summary>
    public IReadOnlyDictionary<string, ulong> ItemVersions => _itemVersions;

    /// <summary>The dependency key of a content view (<c>item:/articles/x/</c>), or null for any other value.</summary>
    public static string? ItemKey(object? value) => value switch
    {
        ArticleView a => "item:" + a.Url,
        ExerciseView e => "item:" + e.Url,
        PageView p => "item:" + p.Url,
        _ => null,
    };

    /// <summary>A page's own data, each content view in it reduced to its key (added to <paramref name="items"/>).</summary>
    public ulong Data(object? value, ISet<string> items) => Hash(Seed, value, items, 0, top: true);

    /// <summary>A content view with everything in it; <paramref name="nested"/> gets the keys of the views inside it (its exercises).</summary>
    public ulong Item(object view, out IReadOnlySet<string> nested)
    {
        if (_items.TryGetValue(view, out var known))
        {
            nested = known.Items;
            return known.Hash;
        }

        var inner = new HashSet<string>(StringComparer.Ordinal);
        var hash = Hash(Seed, view, inner, 0, top: false);
        _items[view] = (hash, inner);
        if (ItemKey(view) is { } key)
        {
            _itemVersions[key] = hash;
        }

        nested = inner;
        return hash;
    }

    public static ulong Of(string text)
    {
        if (text.Length < 512)
        {
            return Chars(text);
        }

        return LongStrings.GetValue(text, t => new StrongBox<ulong>(Chars(t))).Value;
    }

    private ulong Hash(ulong h, object? value, ISet<string> items, int depth, bool top)
    {
        if (depth > 64)
        {
            // Deeper than any view: never call it unchanged.
            return Mix(h, (ulong)Random.Shared.NextInt64());
        }

        switch (value)
        {
            case null:
                return Mix(h, 0x9e37);
            case string s:
                return Mix(Mix(h, 1), Of(s));
            case RawHtml raw:
                return Mix(Mix(h, 2), Of(raw.Value));
            case bool b:
                return Mix(Mix(h, 3), b ? 1UL : 0UL);
            case int i:
                return Mix(Mix(h, 11), (ulong)i);
            case long l:
                return Mix(Mix(h, 12), (ulong)l);
            case DateOnly d:
                return Mix(Mix(h, 13), (ulong)d.DayNumber);
            case Enum e:
                return Mix(Mix(h, 4), Of(e.ToString()));
            case IFormattable f when value is not Scriban.Runtime.IScriptObject:
                return Mix(Mix(h, Of(value.GetType().Name)), Of(f.ToString(null, CultureInfo.InvariantCulture)));
            case Delegate or Scriban.Runtime.IScriptCustomFunction:
                return Mix(Mix(h, 5), Of(value.GetType().FullName ?? ""));
        }

        if (ItemKey(value) is { } key && (top || depth > 0))
        {
            // In a page's data a view stands for its key (its content is the item's own version);
            // inside another view (an article's exercises) it counts with its content.
            items.Add(key);
            var hash = Item(value, out var nested);
            items.UnionWith(nested);
            return top ? Mix(Mix(h, 6), Of(key)) : Mix(Mix(h, 7), hash);
        }

        if (value is Scriban.Runtime.IScriptObject script)
        {
            h = Mix(h, 10);
            foreach (var name in script.GetMembers().Order(StringComparer.Ordinal))
            {
                script.TryGetValue(null!, default, name, out var member);
                h = Hash(Mix(h, Of(name)), member, items, depth + 1, top);
            }

            return h;
        }

        if (value is IDictionary<string, object?> map)
        {
            h = Mix(h, 8);
            foreach (var (name, item) in map.OrderBy(kv => kv.Key, StringComparer.Ordinal))
            {
                h = Hash(Mix(h, Of(name)), item, items, depth + 1, top);
            }

            return h;
        }

        if (value is IEnumerable list)
        {
            h = Mix(h, 9);
            var count = 0UL;
            foreach (var item in list)
            {
                h = Hash(h, item, items, depth + 1, top);
                count++;
            }

            return Mix(h, count);
        }

        var (typeHash, getters) = Properties.GetOrAdd(value.GetType(), Readable);
        h = Mix(h, typeHash);
        foreach (var (nameHash, get) in getters)
        {
            h = Hash(Mix(h, nameHash), get(value), items, depth + 1, top);
        }

        return h;
    }

    /// <summary>
    /// A type's public properties with their getters: compiled where the runtime can compile
    /// (reflection's GetValue is the slow part otherwise), reflection in the native build.
    /// </summary>
    [UnconditionalSuppressMessage("Trimming", "IL2070", Justification = "Fingerprinted values are this assembly's views and records, which Generator.csproj roots whole (TrimmerRootAssembly), and framework collections handled before this.")]
    private static (ulong, (ulong, Func<object, object?>)[]) Readable(Type type) => (Of(type.FullName ?? type.Name), type
        .GetProperties(BindingFlags.Public | BindingFlags.Instance)
        .Where(p => p.CanRead && p.GetIndexParameters().Length == 0 && p.Name != "EqualityContract")
        .OrderBy(p => p.Name, StringComparer.Ordinal)
        .Select(p => (Of(p.Name), RuntimeFeature.IsDynamicCodeCompiled ? Compiled(type, p) : p.GetValue))
        .ToArray());

    [UnconditionalSuppressMessage("AOT", "IL3050", Justification = "Only called when RuntimeFeature.IsDynamicCodeCompiled is true.")]
    private static Func<object, object?> Compiled(Type type, PropertyInfo property)
    {
        var instance = System.Linq.Expressions.Expression.Parameter(typeof(object));
        var body = System.Linq.Expressions.Expression.Convert(
            System.Linq.Expressions.Expression.Property(System.Linq.Expressions.Expression.Convert(instance, type), property), typeof(object));
        return System.Linq.Expressions.Expression.Lambda<Func<object, object?>>(body, instance).Compile();
    }

    internal static ulong Mix(ulong h, ulong v) =>
        (BitOperations.RotateLeft(h ^ (v * 0x9E3779B97F4A7C15), 29) * 0x100000001B3) + 0x632BE59BD9B4E019;

    private static ulong Chars(string text)
    {
        var span = text.AsSpan();
        var h = Mix(Seed, (ulong)span.Length);
        var words = MemoryMarshal.Cast<char, ulong>(span);
        foreach (var w in words)
        {
            h = Mix(h, w);
        }

        for (var i = words.Length * 4; i < span.Length; i++)
        {
            h = Mix(h, span[i]);
        }

        return h;
    }
}
