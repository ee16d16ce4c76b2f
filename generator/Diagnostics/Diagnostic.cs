namespace BackCareSite.Diagnostics;

/// <summary>How serious a <see cref="Diagnostic"/> is.</summary>
internal enum Severity
{
    Warning,
    Error,
}

/// <summary>
/// One problem found in the input, at a one-based line and column of a file an
/// editor can open. Printed as <c>path:line:col: error CODE: message</c>.
/// A warning a large site has on thousands of pages (an overdue review, a hard page) keeps what its
/// message is made of, not the text: the message is written each time it is read (<see cref="Deferred"/>).
/// Two diagnostics are equal when every part and the message are.
/// </summary>
internal sealed record Diagnostic
{
    // The message, or a DeferredMessage that writes it.
    private readonly object _message;

    public Diagnostic(Severity severity, string code, string path, int line, int column, string message)
        : this(severity, code, path, line, column, (object)message)
    {
    }

    private Diagnostic(Severity severity, string code, string path, int line, int column, object message)
    {
        Severity = severity;
        Code = code;
        Path = path;
        Line = line;
        Column = column;
        _message = message;
    }

    public Severity Severity { get; }

    public string Code { get; }

    public string Path { get; }

    public int Line { get; }

    public int Column { get; }

    public string Message => _message as string ?? ((DeferredMessage)_message).Write();

    public static Diagnostic Error(string code, string path, int line, int column, string message) =>
        new(Severity.Error, code, path, line, column, message);

    public static Diagnostic Warning(string code, string path, int line, int column, string message) =>
        new(Severity.Warning, code, path, line, column, message);

    /// <summary>A diagnostic whose message <paramref name="write"/> makes from <paramref name="parts"/> whenever it is read (a static lambda: nothing else is kept).</summary>
    public static Diagnostic Deferred<T>(Severity severity, string code, string path, int line, int column, T parts, Func<T, string> write) =>
        new(severity, code, path, line, column, new DeferredMessage<T>(parts, write));

    public bool IsError => Severity == Severity.Error;

    public bool Equals(Diagnostic? other) =>
        other is not null
        && (ReferenceEquals(this, other)
            || (Severity == other.Severity && Line == other.Line && Column == other.Column
                && string.Equals(Code, other.Code, StringComparison.Ordinal) && string.Equals(Path, other.Path, StringComparison.Ordinal)
                && string.Equals(Message, other.Message, StringComparison.Ordinal)));


    // Without the message, so that hashing writes no deferred message; equal diagnostics still hash the same.
    public override int GetHashCode() => HashCode.Combine(Severity, Code, Path, Line, Column);

    /// <summary>The printed line; control characters from content (an escape sequence) are shown as <c>\u001B</c>, never sent to the terminal.</summary>
    public override string ToString() =>
        $"{Escape(Path, lineBreaks: true)}:{Line}:{Column}: {(IsError ? "error" : "warning")} {Code}: {Escape(Message)}";

    private abstract class DeferredMessage
    {
        public abstract string Write();
    }

    private sealed class DeferredMessage<T>(T parts, Func<T, string> write) : DeferredMessage
    {
        public override string Write() => write(parts);
    }

    /// <summary>Shows control characters as <c>\uXXXX</c> so that printed text cannot drive the terminal.</summary>
    public static string Escape(string text, bool lineBreaks = false)
    {
        var first = FirstEscaped(text, lineBreaks);
        if (first < 0)
        {
            return text;
        }

        var escaped = new System.Text.StringBuilder(text.Length + 16);
        escaped.Append(text, 0, first);
        for (var i = first; i < text.Length; i++)
        {
            var c = text[i];
            if (Escaped(c, lineBreaks))
            {
                escaped.Append("\\u").Append(((int)c).ToString("X4", System.Globalization.CultureInfo.InvariantCulture));
            }
            else
            {
                escaped.Append(c);
            }
        }

        return escaped.ToString();
    }

    private static bool Escaped(char c, bool lineBreaks) => Content.SourceReader.IsControl(c) || (lineBreaks && c is '\n' or '\t');

    private static readonly System.Buffers.SearchValues<char> PrintableAscii =
        System.Buffers.SearchValues.Create(Enumerable.Range(' ', '~' - ' ' + 1).Select(c => (char)c).ToArray());

    // Where the first character to escape is, or -1: printable ASCII (nearly every message) is skipped in vectors.
    // A build prints thousands of diagnostics at its end, on one thread.
    private static int FirstEscaped(string text, bool lineBreaks)
    {
        var at = 0;
        while (at < text.Length)
        {
            var next = text.AsSpan(at).IndexOfAnyExcept(PrintableAscii);
            if (next < 0)
            {
                return -1;
            }

            at += next;
            if (Escaped(text[at], lineBreaks))
            {
                return at;
            }

            at++;
        }

        return -1;
    }
}
