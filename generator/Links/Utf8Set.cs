using System.Buffers;
using System.Text;
using System.Text.Unicode;

namespace BackCareSite.Links;

/// <summary>
/// A set of strings kept as UTF-8 bytes in large shared blocks, each string with a number (0, 1, 2, ... in the order
/// added): about its length in bytes plus 20 bytes a string, where a <see cref="HashSet{T}"/> of strings takes twice its
/// length in bytes plus about 50. For what a build keeps for every page until its end (the files written, the pages and
/// files links name). Exact for every string: a lone surrogate, which UTF-8 cannot hold, is kept as the three bytes its
/// code would take (as WTF-8 does), which no valid UTF-8 contains, so no two strings share their bytes.
/// Adding is safe from many threads at once (one at a time, under a lock); reading is safe at any time, also while
/// another thread adds (each growth is published whole).
/// </summary>
internal sealed class Utf8Set
{
    private const int BlockSize = 1 << 16;

    private readonly Lock _adding = new();
    private volatile State _state = new(new byte[1][], new long[16], new int[16], new int[32]);
    private int _count;
    private int _used;

    /// <summary>How many strings the set holds.</summary>
    public int Count => Volatile.Read(ref _count);

    /// <summary>Adds the string when new; its number either way.</summary>
    public int Add(ReadOnlySpan<char> value) => Add(value, out _);

    /// <summary>Adds the string when new (<paramref name="added"/>); its number either way.</summary>
    public int Add(ReadOnlySpan<char> value, out bool added)
    {
        byte[]? rented = null;
        var bytes = Encode(value, ref rented);
        try
        {
            var hash = Hash(bytes);
            lock (_adding)
            {
                var state = _state;
                var found = Find(state, bytes, hash);
                if (found >= 0)
                {
                    added = false;
                    return found;
                }

                var number = _count;
                if (number == state.Where.Length || (number + 1) * 4 > state.Table.Length * 3)
                {
                    state = Grow(state, number);
                }

                var where = Place(ref state, bytes);
                state.Where[number] = where;
                state.Lengths[number] = bytes.Length;
                state.Hashes[number] = hash;
                _state = state;
                // Published last: a reader that finds the number finds its bytes.
                var slot = hash & (state.Table.Length - 1);
                while (state.Table[slot] != 0)
                {
                    slot = (slot + 1) & (state.Table.Length - 1);
                }

                Volatile.Write(ref state.Table[slot], number + 1);
                Volatile.Write(ref _count, number + 1);
                added = true;
                return number;
            }
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }

    /// <summary>The number of the string, or -1 when the set does not hold it.</summary>
    public int IndexOf(ReadOnlySpan<char> value)
    {
        byte[]? rented = null;
        var bytes = Encode(value, ref rented);
        try
        {
            return Find(_state, bytes, Hash(bytes));
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }

    public bool Contains(ReadOnlySpan<char> value) => IndexOf(value) >= 0;

    /// <summary>True when this set holds every string of <paramref name="other"/> (compared as they are kept: nothing is decoded).</summary>
    public bool ContainsAll(Utf8Set other)
    {
        var mine = _state;
        var theirs = other._state;
        for (var i = 0; i < other.Count; i++)
        {
            if (Find(mine, Bytes(theirs, i), theirs.Hashes[i]) < 0)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>The string of a number <see cref="Add(ReadOnlySpan{char})"/> gave (a new string each time).</summary>
    public string this[int number]
    {
        get
        {
            var state = _state;
            if ((uint)number >= (uint)Count)
            {
                throw new ArgumentOutOfRangeException(nameof(number));
            }

            return Decode(Bytes(state, number));
        }
    }

    /// <summary>Every string, in the order added (made as they are read).</summary>
    public IEnumerable<string> Strings()
    {
        for (var i = 0; i < Count; i++)
        {
            yield return this[i];
        }
    }

    private sealed class State(byte[][] blocks, long[] where, int[] lengths, int[] table)
    {
        public byte[][] Blocks = blocks;
        public readonly long[] Where = where;
        public readonly int[] Lengths = lengths;
        public readonly int[] Hashes = new int[where.Length];

        // Each string's number plus one, by its hash (open addressing, probing forward); 0: free.
        public readonly int[] Table = table;
    }

    private static ReadOnlySpan<byte> Bytes(State state, int number)
    {
        var where = state.Where[number];
        return state.Blocks[(int)(where >> 32)].AsSpan((int)where, state.Lengths[number]);
    }

    private static int Find(State state, ReadOnlySpan<byte> bytes, int hash)
    {
        var table = state.Table;
        for (var slot = hash & (table.Length - 1); ; slot = (slot + 1) & (table.Length - 1))
        {
            var entry = Volatile.Read(ref table[slot]) - 1;
            if (entry < 0)
            {
                return -1;
            }

            if (state.Hashes[entry] == hash && Bytes(state, entry).SequenceEqual(bytes))
            {
                return entry;
            }
        }
    }

    // A larger copy of the numbers' arrays and the table (a new state: readers keep the one they read).
    private static State Grow(State state, int count)
    {
        var size = state.Where.Length;
        while (count >= size)
        {
            size *= 2;
        }

        var tableSize = state.Table.Length;
        while ((count + 1) * 4 > tableSize * 3)
        {
            tableSize *= 2;
        }

        var grown = new State(state.Blocks, new long[size], new int[size], new int[tableSize]);
        Array.Copy(state.Where, grown.Where, count);
        Array.Copy(state.Lengths, grown.Lengths, count);
        Array.Copy(state.Hashes, grown.Hashes, count);
        for (var i = 0; i < count; i++)
        {
            var slot = grown.Hashes[i] & (tableSize - 1);
            while (grown.Table[slot] != 0)
            {
                slot = (slot + 1) & (tableSize - 1);
            }

            grown.Table[slot] = i + 1;
        }

        return grown;
    }

    // Copies the bytes into the last block, or a new one when they do not fit: blocks double from 256 bytes to 64 KiB (a
    // string longer than that gets a block of its own), so that a small set stays small.
    private long Place(ref State state, ReadOnlySpan<byte> bytes)
    {
        var blocks = state.Blocks;
        var last = blocks.Length - 1;
        if (blocks[last] is null || _used + bytes.Length > blocks[last].Length)
        {
            var size = blocks[last] is null ? 256 : Math.Min(BlockSize, blocks[last].Length * 2);
            if (blocks[last] is not null)
            {
                Array.Resize(ref blocks, blocks.Length + 1);
                last++;
            }

            blocks[last] = new byte[Math.Max(bytes.Length, size)];
            _used = 0;
            state.Blocks = blocks;
        }

        bytes.CopyTo(blocks[last].AsSpan(_used));
        var where = ((long)last << 32) | (uint)_used;
        _used += bytes.Length;
        return where;
    }

    private static int Hash(ReadOnlySpan<byte> bytes)
    {
        var hash = default(HashCode);
        hash.AddBytes(bytes);
        return hash.ToHashCode() & int.MaxValue;
    }

    private static Span<byte> Encode(ReadOnlySpan<char> value, ref byte[]? rented)
    {
        // At most three bytes a character (a pair of surrogates, two characters, takes four).
        var most = value.Length * 3;
        var buffer = rented = ArrayPool<byte>.Shared.Rent(Math.Max(most, 16));
        var written = 0;
        while (true)
        {
            var status = Utf8.FromUtf16(value, buffer.AsSpan(written), out var read, out var wrote, replaceInvalidSequences: false);
            written += wrote;
            if (status == OperationStatus.Done)
            {
                return buffer.AsSpan(0, written);
            }

            // A lone surrogate: its code in three bytes (ED A0 80 to ED BF BF), which valid UTF-8 never holds.
            var c = value[read];
            buffer[written++] = (byte)(0xE0 | (c >> 12));
            buffer[written++] = (byte)(0x80 | ((c >> 6) & 0x3F));
            buffer[written++] = (byte)(0x80 | (c & 0x3F));
            value = value[(read + 1)..];
        }
    }

    private static string Decode(ReadOnlySpan<byte> bytes)
    {
        if (Utf8.IsValid(bytes))
        {
            return Encoding.UTF8.GetString(bytes);
        }

        var text = new StringBuilder(bytes.Length);
        Span<char> chars = stackalloc char[256];
        while (true)
        {
            var status = Utf8.ToUtf16(bytes, chars, out var read, out var wrote, replaceInvalidSequences: false);
            text.Append(chars[..wrote]);
            bytes = bytes[read..];
            if (status == OperationStatus.Done)
            {
                return text.ToString();
            }

            if (status == OperationStatus.DestinationTooSmall)
            {
                continue;
            }

            // A lone surrogate as Encode kept it.
            text.Append((char)(((bytes[0] & 0x0F) << 12) | ((bytes[1] & 0x3F) << 6) | (bytes[2] & 0x3F)));
            bytes = bytes[3..];
        }
    }
}
