using System.Text;

namespace BackCareSite.Output;

/// <summary>
/// Writes a rendered site into a fresh staging folder beside the output
/// folder, one file at a time as pages are rendered (safe from many threads).
/// Every path is checked to stay inside the staging folder. Keeps the list of
/// files it wrote, so that the link check need not list the folder again.
/// </summary>
/// <param name="written">Where the paths written are kept: a set the build shares with its link check (<see cref="Links.AsScanned.Written"/>), or the writer's own.</param>
internal sealed class OutputWriter(string staging, Links.Utf8Set? written = null)
{
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    private readonly string _root = Path.GetFullPath(staging) + Path.DirectorySeparatorChar;
    // Kept as UTF-8 (a build holds one path for each file of the site until its link check).
    private readonly Links.Utf8Set _written = written ?? new();

    /// <summary>Every file written or copied so far, by its path below the staging folder with forward slashes (each once).</summary>
    public IEnumerable<string> Written => _written.Strings();

    /// <summary>The files written, for the link check (once every file is written: nothing may be written after).</summary>
    public Links.SiteIndex Index() => new(_written);

    // The size of every buffer a file is encoded into (a larger file is encoded through it in pieces). The buffers are
    // this writer's own, at most one kept for each core (Rendering.Spares), not the shared pool's, which keeps one of
    // each size for every thread that returned one, and a long build's thread pool keeps adding threads: memory that
    // grew with the site.
    internal const int LargestBuffer = 256 * 1024;

    private readonly Rendering.Spares<byte[]> _buffers = new();

    /// <summary>How many buffers are kept for the next files (for tests).</summary>
    internal int SpareBuffers => _buffers.Count;

    private byte[] Rent() => _buffers.Take() ?? GC.AllocateUninitializedArray<byte>(LargestBuffer);

    /// <summary>Writes one file (safe to call from many threads at once).</summary>
    public void Write(OutputFile file) => Write(file.Path, file.Text);

    /// <summary>Writes one file from characters wherever they are (a one-off build's reused buffer); safe to call from many threads at once.</summary>
    public void Write(string path, ReadOnlySpan<char> text)
    {
        // The staging folder is new, so each file is created, never replaced: CreateNew and one
        // write from a pooled buffer (a few for a large file), without the truncate and preallocation File.WriteAllText does.
        var most = Utf8.GetMaxByteCount(text.Length);
        var buffer = Rent();
        try
        {
            var target = Target(path);
            using (var handle = File.OpenHandle(target, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            {
                if (most <= buffer.Length)
                {
                    var length = Utf8.GetBytes(text, buffer);
                    RandomAccess.Write(handle, buffer.AsSpan(0, length), fileOffset: 0);
                }
                else
                {
                    WriteInPieces(handle, text, buffer);
                }
            }

            Wrote(target);
        }
        finally
        {
            _buffers.Give(buffer);
        }
    }

    // Encodes the text a buffer at a time (the encoder never splits a character: a surrogate pair stays whole).
    internal static void WriteInPieces(Microsoft.Win32.SafeHandles.SafeFileHandle handle, ReadOnlySpan<char> text, byte[] buffer)
    {
        var encoder = Utf8.GetEncoder();
        long offset = 0;
        bool completed;
        do
        {
            encoder.Convert(text, buffer, flush: true, out var charsUsed, out var bytesUsed, out completed);
            RandomAccess.Write(handle, buffer.AsSpan(0, bytesUsed), offset);
            offset += bytesUsed;
            text = text[charsUsed..];
        }
        while (!completed);
    }

    /// <summary>Writes one file over the one written before at its path, if any (the last output step's not-found page).</summary>
    public void Replace(OutputFile file)
    {
        File.Delete(Target(file.Path));
        Write(file);
    }

    /// <summary>Copies one file (safe to call from many threads at once).</summary>
    public void Copy(CopiedFile copy)
    {
        FileStream source;
        try
        {
            source = new FileStream(copy.SourcePath, FileMode.Open, FileAccess.Read, FileShare.Read);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new SourceUnreadableException(copy.SourcePath, ex);
        }

        var path = Target(copy.Path);
        // Through one of this writer's buffers (Stream.CopyTo rents one from the shared pool on each copying thread).
        var buffer = Rent();
        try
        {
            using (source)
            {
                using var target = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None);
                int read;
                while ((read = source.Read(buffer)) > 0)
                {
                    target.Write(buffer, 0, read);
                }
            }
        }
        finally
        {
            _buffers.Give(buffer);
        }

        Wrote(path);
    }

    private void Wrote(string full)
    {
        var relative = full.AsSpan(_root.Length);
        _written.Add(relative.Contains('\\') ? relative.ToString().Replace('\\', '/') : relative);
    }

    private string Target(string relative)
    {
        var full = Path.GetFullPath(Path.Combine(_root, relative));
        if (!full.StartsWith(_root, StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"refusing to write `{relative}` outside the output folder");
        }

        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        return full;
    }
}

/// <summary>A source file (media, an asset) that could not be read while it was copied: the source's fault, not the output's.</summary>
internal sealed class SourceUnreadableException(string path, Exception inner)
    : IOException($"cannot read the file: {inner.Message}", inner)
{
    public string SourcePath { get; } = path;
}
