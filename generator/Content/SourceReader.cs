using System.Text;
using BackCareSite.Diagnostics;

namespace BackCareSite.Content;

/// <summary>Reads text files strictly as UTF-8 (with or without BOM, LF or CRLF).</summary>
internal static class SourceReader
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>
    /// Reads <paramref name="fullPath"/>; reports unreadable, non-UTF-8 and empty
    /// files and returns null for them.
    /// </summary>
    public static SourceFile? Read(string fullPath, string relativePath, DiagnosticBag diagnostics)
    {
        var display = PathDisplay.ForDiagnostics(fullPath);
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(fullPath);
        }
        catch (IOException ex)
        {
            diagnostics.Error(ErrorCodes.FileUnreadable, display, 1, 1, $"cannot read the file: {ex.Message}");
            return null;
        }

        var start = bytes.AsSpan().StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]) ? 3 : 0;
        string text;
        try
        {
            text = StrictUtf8.GetString(bytes, start, bytes.Length - start);
        }
        catch (DecoderFallbackException ex)
        {
            var offset = start + Math.Max(0, ex.Index);
            var (line, column) = LineAndColumn(bytes, start, offset);
            diagnostics.Error(ErrorCodes.FileNotUtf8, display, line, column,
                "the file is not valid UTF-8 text; save it as UTF-8 in your editor");
            return null;
        }

        if (text.Contains('\r'))
        {
            text = text.Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n');
        }

        if (string.IsNullOrWhiteSpace(text))
        {
            diagnostics.Error(ErrorCodes.FileEmpty, display, 1, 1,
                "the file is empty; write its front matter and text, or delete it");
            return null;
        }

        return new SourceFile(relativePath, display, fullPath, text);
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
