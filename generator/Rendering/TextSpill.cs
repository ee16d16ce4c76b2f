using Microsoft.Win32.SafeHandles;

namespace BackCareSite.Rendering;

/// <summary>
/// Where <c>serve</c> keeps the bytes of its <see cref="CompressedText"/>s: in temporary files instead of the
/// process's memory. On a large site those texts (every page served, every body and item's text kept to render or
/// parse again) are the largest part of what serve holds (about 130 MB at 10,000 articles), and each is read
/// rarely: a page when a browser asks for it, a body when its page renders again. The operating system's file
/// cache keeps what is read often, and gives the rest back when memory is short.
/// <para>
/// Texts are appended to segment files of <see cref="SegmentSize"/> bytes, each deleted from its folder as soon as
/// it is opened (so nothing is left behind, even when serve is killed) and closed once no kept text is in it: a
/// text gives its bytes back when the collector finds it unreachable. When a file cannot be written (no temporary
/// folder, a full disk), texts stay in memory, as in <c>build</c>.
/// </para>
/// </summary>
internal static class TextSpill
{
    /// <summary>The size of each file. A text larger than this stays in memory.</summary>
    public const int SegmentSize = 64 << 20;

    // A compressed text this short costs less in memory than its handle to the file.
    private const int SpillFrom = 256;

    private static readonly Lock Gate = new();
    private static Segment? _current;
    private static bool _enabled;
    private static bool _failed;
    private static int _segments;

    /// <summary>Makes every <see cref="CompressedText"/> made from now on in this process keep its bytes in a file (<c>serve</c>).</summary>
    public static void Enable() => Volatile.Write(ref _enabled, true);

    /// <summary>The bytes of the texts kept in files that are still reachable, and the files open.</summary>
    public static (long Bytes, int Files) InUse => (Segment.LiveBytes, Segment.Open);

    /// <summary>
    /// Writes <paramref name="bytes"/> to a file, and says where (the text holding them calls <see cref="Segment.Release"/>
    /// once unreachable); false when they are to stay in memory.
    /// </summary>
    public static bool TryKeep(ReadOnlySpan<byte> bytes, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out Segment? segment, out long offset)
    {
        segment = null;
        offset = 0;
        if (!Volatile.Read(ref _enabled) || bytes.Length < SpillFrom || bytes.Length > SegmentSize)
        {
            return false;
        }

        Segment current;
        long at;
        lock (Gate)
        {
            if (_failed)
            {
                return false;
            }

            if (_current is null || _current.Position + bytes.Length > SegmentSize)
            {
                var next = Segment.Create(++_segments);
                if (next is null)
                {
                    _failed = true;
                    return false;
                }

                _current?.Close();
                _current = next;
            }

            current = _current;
            at = current.Reserve(bytes.Length);
        }

        try
        {
            RandomAccess.Write(current.Handle, bytes, at);
        }
        catch (IOException)
        {
            current.Release(bytes.Length);
            return false;
        }

        (segment, offset) = (current, at);
        return true;
    }

    /// <summary>One temporary file, appended to; closed when it is full and no kept text is in it.</summary>
    internal sealed class Segment
    {
        private long _live;
        private int _closed;

        private Segment(SafeFileHandle handle) => Handle = handle;

        /// <summary>Bytes of reachable texts in every file, for <c>--timings</c>.</summary>
        public static long LiveBytes => Interlocked.Read(ref _liveBytes);

        private static long _liveBytes;

        /// <summary>Files open, for <c>--timings</c> and tests.</summary>
        public static int Open => Volatile.Read(ref _open);

        private static int _open;

        public SafeFileHandle Handle { get; }

        /// <summary>Where the next text goes (under <see cref="Gate"/>).</summary>
        public long Position { get; private set; }

        public static Segment? Create(int number)
        {
            var path = Path.Combine(Path.GetTempPath(), $"backcaresite-serve-{Environment.ProcessId}-{number}.bin");
            try
            {
                // On Windows the file goes when its handle closes; elsewhere it leaves the folder at once and
                // lives on while open.
                var handle = File.OpenHandle(path, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None,
                    OperatingSystem.IsWindows() ? FileOptions.DeleteOnClose : FileOptions.None);
                if (!OperatingSystem.IsWindows())
                {
                    File.Delete(path);
                }

                Interlocked.Increment(ref _open);
                return new Segment(handle);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                return null;
            }
        }

        public long Reserve(int length)
        {
            var offset = Position;
            Position += length;
            Interlocked.Add(ref _live, length);
            Interlocked.Add(ref _liveBytes, length);
            return offset;
        }

        /// <summary>A text's bytes are no longer needed; the file closes when it is full and none are left.</summary>
        public void Release(int length)
        {
            Interlocked.Add(ref _liveBytes, -length);
            if (Interlocked.Add(ref _live, -length) == 0 && Volatile.Read(ref _closed) == 1)
            {
                Dispose();
            }
        }

        /// <summary>No text will be added (under <see cref="Gate"/>).</summary>
        public void Close()
        {
            Volatile.Write(ref _closed, 1);
            if (Interlocked.Read(ref _live) == 0)
            {
                Dispose();
            }
        }

        private int _disposed;

        private void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                Handle.Dispose();
                Interlocked.Decrement(ref _open);
            }
        }
    }
}
