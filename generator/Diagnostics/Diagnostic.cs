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

    public override string ToString() =>
        $"{Path}:{Line}:{Column}: {(IsError ? "error" : "warning")} {Code}: {Message}";
}
