using System.Buffers;
using System.IO.Hashing;
using System.Text;
using BackCareSite.Diagnostics;

namespace BackCareSite.Content;

/// <summary>
/// Reads text files strictly as UTF-8 (with or without BOM, LF or CRLF), within
/// stated limits: at most <see cref="MaxBytes"/> bytes, lines of at most
/// <see cref="MaxLineLength"/> characters, no control characters, no symbolic links.
/// </summary>
internal static class SourceReader
{
    /// <summary>The largest text file read (10 MiB): far above any page, far below what would exhaust memory.</summary>
    public const int MaxBytes = 10 * 1024 * 1024;

    /// <summary>The longest line read: a bound on the work one line can cause in the parsers.</summary>
    public const int MaxLineLength = 100_000;

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>
    /// Reads <paramref name="fullPath"/>; reports unreadable, non-UTF-8 and empty
    /// files and returns null for them.
    /// </summary>
    public static SourceFile? Read(string fullPath, string relativePath, DiagnosticBag diagnostics)
    {
        var display = diagnostics.Display(fullPath);
        // One lstat where it can be asked (what it is, and its length), not one call for each question.
        var entry = FileTree.Stat(fullPath);
        if (entry?.Kind == EntryKind.Link || (entry is null && FileTree.IsLink(fullPath)))
        {
            FileTree.ReportLink(fullPath, diagnostics);
            return null;
        }

        if (entry?.Kind == EntryKind.Special || (entry is null && FileTree.IsSpecial(fullPath)))
        {
            FileTree.ReportSpecial(fullPath, diagnostics);
            return null;
        }

        byte[] bytes;
        try
        {
            if ((entry is { Kind: EntryKind.Regular } known ? known.Length : new FileInfo(fullPath).Length) > MaxBytes)
            {
                diagnostics.Error(ErrorCodes.FileTooLarge, display, 1, 1,
                    $"the file is larger than {MaxBytes / (1024 * 1024)} MiB, the most a text file may hold; split it into several pages");
                return null;
            }

            bytes = File.ReadAllBytes(fullPath);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            diagnostics.Error(ErrorCodes.FileUnreadable, display, 1, 1, $"cannot read the file: {ex.Message}; check its permissions");
            return null;
        }

        string text;
        try
        {
            text = Decode(bytes);
        }
        catch (DecoderFallbackException ex)
        {
            var start = BomLength(bytes);
            var offset = start + Math.Max(0, ex.Index);
            var (line, column) = LineAndColumn(bytes, start, offset);
            diagnostics.Error(ErrorCodes.FileNotUtf8, display, line, column,
                "the file is not valid UTF-8 text; save it as UTF-8 in your editor");
            return null;
        }

        if (string.IsNullOrWhiteSpace(text))
        {
            diagnostics.Error(ErrorCodes.FileEmpty, display, 1, 1,
                "the file is empty; write its front matter and text, or delete it");
            return null;
        }

        if (!WithinLimits(text, display, diagnostics))
        {
            return null;
        }

        return new SourceFile(relativePath, display, fullPath, text) { Hash = HashOf(bytes) };
    }

    /// <summary>
    /// The text of a file <see cref="Read"/> read earlier in the build, read again from disk (a one-off build
    /// keeps no file's text once its checks are done); null when the file is no longer as it was read
    /// (changed or deleted during the build), so that the caller reports it rather than publish a mix.
    /// </summary>
    public static string? ReadAgain(SourceFile file)
    {
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(file.FullPath);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null;
        }

        // The same bytes decode as they did, with the same checks passed.
        return HashOf(bytes) == file.Hash ? Decode(bytes) : null;
    }

    /// <summary>The text of the bytes without a BOM, with LF line endings; throws <see cref="DecoderFallbackException"/> for bytes that are not UTF-8.</summary>
    private static string Decode(byte[] bytes)
    {
        var start = BomLength(bytes);
        var text = StrictUtf8.GetString(bytes, start, bytes.Length - start);
        return text.Contains('\r') ? text.Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n') : text;
    }

    private static int BomLength(byte[] bytes) => bytes.AsSpan().StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]) ? 3 : 0;

    /// <summary>
    /// The bytes' 128-bit XXH3 hash: enough to tell whether a file changed between loading and rendering (nobody
    /// chooses a file's bytes to collide with its own earlier bytes), at a tenth of SHA-256's cost, which every
    /// page paid twice.
    /// </summary>
    private static UInt128 HashOf(byte[] bytes) => XxHash128.HashToUInt128(bytes);

    /// <summary>
    /// True for characters that have no place in text: C0 and C1 controls other than tab and
    /// line feed (an escape sequence would reach the terminal, a NUL truncates, XML cannot carry
    /// them) and the non-characters U+FFFE and U+FFFF.
    /// </summary>
    public static bool IsControl(char c) =>
        (c < ' ' && c != '\t' && c != '\n') || (c >= '\u007F' && c <= '\u009F') || c is '\uFFFE' or '\uFFFF';

    /// <summary>Shows a control character as its code (<c>U+001B</c>) for a message.</summary>
    public static string Describe(char c) => $"U+{(int)c:X4}";

    private static readonly SearchValues<char> PrintableAscii = SearchValues.Create(Enumerable.Range(' ', '~' - ' ' + 1).Select(c => (char)c).ToArray());

    private static bool WithinLimits(string text, string display, DiagnosticBag diagnostics)
    {
        int line = 1, lineStart = 0;
        var i = 0;
        while (true)
        {
            // Printable ASCII is skipped in vectors; every other character is looked at. (A SearchValues:
            // IndexOfAnyExceptInRange boxed a char per call in the ReadyToRun build.)
            var next = text.AsSpan(i).IndexOfAnyExcept(PrintableAscii);
            i = next < 0 ? text.Length : i + next;
            if (i == text.Length || text[i] == '\n')
            {
                if (i - lineStart > MaxLineLength)
                {
                    diagnostics.Error(ErrorCodes.LineTooLong, display, line, MaxLineLength + 1,
                        $"this line is longer than {MaxLineLength} characters, the most a line may hold; break it into paragraphs or lines");
                    return false;
                }

                if (i == text.Length)
                {
                    return true;
                }

                line++;
                lineStart = i + 1;
            }
            else if (IsControl(text[i]))
            {
                diagnostics.Error(ErrorCodes.ControlCharacter, display, line, i - lineStart + 1,
                    $"the control character {Describe(text[i])} has no place in text (it could corrupt the feed or a terminal); delete it");
                return false;
            }

            i++;
        }
    }

    private static (int Line, int Column) LineAndColumn(byte[] bytes, int start, int offset)
    {
        int line = 1, lineStart = start;
        for (var i = start; i < offset && i < bytes.Length; i++)
        {
            if (bytes[i] == (byte)'\n')
            {
                line++;
                lineStart = i + 1;
            }
        }

        // Columns count characters, so count the UTF-8 lead bytes before the bad byte.
        var column = 1;
        for (var i = lineStart; i < offset && i < bytes.Length; i++)
        {
            if ((bytes[i] & 0xC0) != 0x80)
            {
                column++;
            }
        }

        return (line, column);
    }
}
