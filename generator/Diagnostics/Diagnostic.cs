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
/// </summary>
internal sealed record Diagnostic(Severity Severity, string Code, string Path, int Line, int Column, string Message)
{
    public static Diagnostic Error(string code, string path, int line, int column, string message) =>
        new(Severity.Error, code, path, line, column, message);

    public static Diagnostic Warning(string code, string path, int line, int column, string message) =>
        new(Severity.Warning, code, path, line, column, message);

    public bool IsError => Severity == Severity.Error;

    /// <summary>The printed line; control characters from content (an escape sequence) are shown as <c>\u001B</c>, never sent to the terminal.</summary>
    public override string ToString() =>
        $"{Escape(Path, lineBreaks: true)}:{Line}:{Column}: {(IsError ? "error" : "warning")} {Code}: {Escape(Message)}";

    /// <summary>Shows control characters as <c>\uXXXX</c> so that printed text cannot drive the terminal.</summary>
    public static string Escape(string text, bool lineBreaks = false)
    {
        bool Escaped(char c) => Content.SourceReader.IsControl(c) || (lineBreaks && c is '\n' or '\t');
        if (!text.Any(Escaped))
        {
            return text;
        }

        var escaped = new System.Text.StringBuilder(text.Length + 16);
        foreach (var c in text)
        {
            escaped.Append(Escaped(c) ? $"\\u{(int)c:X4}" : c.ToString());
        }

        return escaped.ToString();
    }
}
