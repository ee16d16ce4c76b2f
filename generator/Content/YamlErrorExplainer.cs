using System.Text.RegularExpressions;
using BackCareSite.Diagnostics;
using YamlDotNet.Core;

namespace BackCareSite.Content;

/// <summary>
/// Turns a YAML parser error into what the editor wrote and how to fix it, at
/// the line and column of the cause. The parser reports where it noticed the
/// problem, which is often the line before (a tab) or after (an unclosed quote);
/// the explainer looks at the text around that place to find the cause.
/// </summary>
internal static partial class YamlErrorExplainer
{
    /// <summary>One explained error; <see cref="Line"/> and <see cref="Column"/> are one-based positions in the YAML text.</summary>
    internal sealed record Explanation(string Code, int Line, int Column, string Message);

    /// <param name="yaml">The YAML text that failed.</param>
    /// <param name="firstLine">The file line of the YAML's first line, for messages that name other lines.</param>
    /// <param name="error">A <see cref="YamlException"/>, the <see cref="InvalidOperationException"/> YamlDotNet throws for an unclosed <c>[</c> or <c>{</c>, or the <see cref="ArgumentException"/> of its tree builder.</param>
    public static Explanation Explain(string yaml, int firstLine, Exception error)
    {
        var lines = yaml.Split('\n').Select(l => l.TrimEnd('\r')).ToArray();
        var text = new Lines(lines, firstLine);
        if (error is ArgumentException)
        {
            return UnclosedBracket(text) ?? Fallback(1, 1, "YAML read it but could not make fields of it");
        }

        if (error is not YamlException parseError)
        {
            return UnclosedBracket(text) ?? Fallback(1, 1, "a list or group opened with `[` or `{` is never closed");
        }

        var start = ((int)parseError.Start.Line, (int)parseError.Start.Column);
        var end = ((int)parseError.End.Line, (int)parseError.End.Column);
        var message = Clean(parseError.Message);

        if (message.StartsWith("Duplicate key", StringComparison.Ordinal))
        {
            return DuplicateKey(text, start.Item1, start.Item2, message["Duplicate key".Length..].Trim());
        }

        return Tab(text, start.Item1, end.Item1, message)
            ?? (message.Contains("quoted scalar", StringComparison.Ordinal) ? Quote(text, start, end, message) : null)
            ?? (parseError is AnchorNotFoundException ? Anchor(text, message) : null)
            ?? (message.Contains("cannot start any token", StringComparison.Ordinal)
                || message.Contains("did not find expected node content", StringComparison.Ordinal)
                || message.Contains("block scalar", StringComparison.Ordinal)
                ? ReservedStart(text, start.Item1, start.Item2) : null)
            ?? (message.Contains("found invalid mapping", StringComparison.Ordinal) ? ColonInValue(text, start.Item1, start.Item2) : null)
            ?? (message.Contains("did not find expected key", StringComparison.Ordinal) ? UnexpectedLine(text, start.Item1, start.Item2) : null)
            ?? (message.Contains("flow", StringComparison.Ordinal) ? UnclosedBracket(text) : null)
            ?? Fallback(start.Item1, start.Item2, $"YAML reports: {Shown.Plain(message)}");
    }

    private static Explanation Fallback(int line, int column, string what) =>
        new(ErrorCodes.YamlSyntax, line, column,
            $"the front matter cannot be read here ({what}); check the indentation, and put text that contains `: ` or starts with a special character in quotes");

    private static Explanation Syntax(int line, int column, string message) => new(ErrorCodes.YamlSyntax, line, column, message);

    private static Explanation DuplicateKey(Lines text, int line, int column, string key)
    {
        var indent = column - 1;
        for (var i = 1; i < line; i++)
        {
            var current = text[i];
            if (Indent(current) == indent && current.AsSpan(indent).StartsWith(key + ":", StringComparison.Ordinal))
            {
                return new(ErrorCodes.DuplicateKey, line, column,
                    $"`{Shown.Plain(key)}` is written twice (also on line {text.FileLine(i)}); keep one of them");
            }
        }

        return new(ErrorCodes.DuplicateKey, line, column, $"`{Shown.Plain(key)}` is written twice; keep one of them");
    }

    /// <summary>A tab in the indentation: YAML allows only spaces there.</summary>
    private static Explanation? Tab(Lines text, int startLine, int endLine, string message)
    {
        var mentionsTab = message.Contains("tab", StringComparison.OrdinalIgnoreCase);
        for (var i = mentionsTab ? 1 : startLine; i <= Math.Min(endLine, text.Count); i++)
        {
            var line = text[i];
            var leading = line.Length - line.TrimStart(' ', '\t').Length;
            var tab = line.IndexOf('\t', 0, leading);
            if (tab >= 0 && line.Trim().Length > 0)
            {
                return Syntax(i, tab + 1, $"line {text.FileLine(i)} starts with a tab: indent with spaces, as YAML does not allow tabs for indenting");
            }
        }

        return null;
    }

    private static Explanation? Quote(Lines text, (int Line, int Column) start, (int Line, int Column) end, string message)
    {
        var line = text[start.Line];
        if (message.Contains("unknown escape", StringComparison.Ordinal) && end.Line == start.Line)
        {
            var backslash = line.LastIndexOf('\\', Math.Min(end.Column - 1, line.Length - 1));
            if (backslash >= 0)
            {
                var escape = line.Substring(backslash, Math.Min(2, line.Length - backslash));
                return Syntax(start.Line, backslash + 1,
                    $"{Shown.Value(escape)} inside double quotes is read as a special character: write `\\\\` for a backslash, or put the text in single quotes ('...') instead");
            }
        }

        if (start.Column - 1 < line.Length && line[start.Column - 1] is var quote && quote is '"' or '\'')
        {
            var closes = line.IndexOf(quote, start.Column) >= 0;
            if (!closes)
            {
                return Syntax(start.Line, start.Column,
                    $"the quote {Shown.Value(quote.ToString())} opened on line {text.FileLine(start.Line)} is never closed: end the text with {Shown.Value(quote.ToString())} on the same line");
            }
        }

        return null;
    }

    /// <summary><c>*name</c> outside quotes refers to an anchor; the parser gives no position, so find it.</summary>
    private static Explanation? Anchor(Lines text, string message)
    {
        var name = AnchorName().Match(message);
        if (!name.Success)
        {
            return null;
        }

        var reference = "*" + name.Groups[1].Value;
        for (var i = 1; i <= text.Count; i++)
        {
            var column = text[i].IndexOf(reference, StringComparison.Ordinal);
            if (column >= 0)
            {
                return Syntax(i, column + 1,
                    $"a value starting with `*` is read as a reference to another value: put the whole value in quotes, like {Shown.Value(QuotedLine(text[i], column))}");
            }
        }

        return null;
    }

    /// <summary>A value that starts with a character YAML reserves: <c>@</c>, a backtick, <c>%</c>, <c>,</c>, <c>|</c>, <c>&gt;</c>.</summary>
    private static Explanation? ReservedStart(Lines text, int line, int column)
    {
        var current = text[line];
        if (column - 1 >= current.Length)
        {
            return null;
        }

        var c = current[column - 1];
        if (c is '|' or '>')
        {
            return Syntax(line, column,
                $"a value starting with {Shown.Value(c.ToString())} must begin on the next line (it starts a block of text); to start the text with {Shown.Value(c.ToString())}, put the whole value in quotes, like {Shown.Value(QuotedLine(current, column - 1))}");
        }

        if (c is '@' or '`' or '%' or ',' or '!')
        {
            return Syntax(line, column,
                $"a value cannot start with {(c == '`' ? "a backtick" : Shown.Value(c.ToString()))} in YAML: put the whole value in quotes, like {Shown.Value(QuotedLine(current, column - 1))}");
        }

        return null;
    }

    /// <summary>
    /// The parser found <c>: </c> where it did not expect a new field: inside a
    /// value, on a field indented under one that has a value, or after a field
    /// written without a space after its colon.
    /// </summary>
    private static Explanation? ColonInValue(Lines text, int line, int column)
    {
        var current = text[line];
        var before = current[..Math.Min(column - 1, current.Length)];
        var trimmed = before.Trim();
        if (KeyName().IsMatch(trimmed))
        {
            var previous = text.PreviousContentLine(line);
            if (previous > 0)
            {
                var above = text[previous];
                if (Indent(current) > Indent(above))
                {
                    return Syntax(line, Indent(current) + 1,
                        $"`{trimmed}:` is indented more than the line above it, so it reads as part of that line's value: start it in the same column as the other fields");
                }

                var colon = above.IndexOf(':');
                if (colon >= 0 && colon + 1 < above.Length && above[colon + 1] != ' ' && KeyName().IsMatch(above[..colon].Trim()))
                {
                    return Syntax(previous, colon + 2,
                        $"line {text.FileLine(previous)} needs a space after the colon: write {Shown.Value(above[..(colon + 1)].Trim() + " " + above[(colon + 1)..])}");
                }
            }
        }

        var value = ValueStart(current);
        var example = value < 0 ? "" : $", like {Shown.Value(QuotedLine(current, value))}";
        return Syntax(line, column,
            $"this value contains `: `, which YAML reads as the start of a new field: put the whole value in quotes{example}");
    }

    /// <summary>The parser expected the next field and found something else on this line.</summary>
    private static Explanation? UnexpectedLine(Lines text, int line, int column)
    {
        var current = text[line];
        var trimmed = current.TrimStart();
        var indent = Indent(current);
        if (trimmed.StartsWith("- ", StringComparison.Ordinal) || trimmed == "-")
        {
            var previous = text.PreviousContentLine(line);
            var above = previous > 0 ? text[previous] : "";
            if (above.TrimStart().StartsWith('-') && Indent(above) != indent)
            {
                return Syntax(line, indent + 1,
                    $"this list item is indented differently from the item above it (line {text.FileLine(previous)}): put its `-` in column {Indent(above) + 1}, like the others");
            }

            return Syntax(line, indent + 1,
                "this list item belongs to no field: put it under a field that ends with `:` (such as `tags:`) and indent it by two spaces");
        }

        var value = ValueStart(current);
        if (value >= 0 && value < column - 1 && current[value] is '"' or '\'' && current.LastIndexOf(current[value], column - 2) > value)
        {
            var quote = current[value];
            return Syntax(line, column,
                $"text follows the closing quote {Shown.Value(quote.ToString())}: put the whole value in quotes of the other kind, like {Shown.Value(QuotedLine(current, value))}");
        }

        if (value >= 0 && value < column - 1 && current[value] is '[' or '{')
        {
            return Syntax(line, value + 1,
                $"a value starting with {Shown.Value(current[value].ToString())} is read as a list: put the whole value in quotes, like {Shown.Value(QuotedLine(current, value))}");
        }

        if (!current.Contains(':', StringComparison.Ordinal) && trimmed.Length > 0)
        {
            return Syntax(line, indent + 1,
                $"{Shown.Value(trimmed)} has no colon: write each field as `name: value`, or indent a continued value under the field");
        }

        return Syntax(line, column,
            "this line is not indented like the fields around it: start fields in the same column, and indent the items of a list under their field");
    }

    /// <summary>A <c>[</c> or <c>{</c> value that is not closed on its line.</summary>
    private static Explanation? UnclosedBracket(Lines text)
    {
        for (var i = 1; i <= text.Count; i++)
        {
            var line = text[i];
            var value = ValueStart(line);
            if (value < 0 || line[value] is not ('[' or '{'))
            {
                continue;
            }

            var open = line[value];
            var close = open == '[' ? ']' : '}';
            if (line.LastIndexOf(close) < value)
            {
                var kind = open == '[' ? "list" : "group";
                return Syntax(i, value + 1,
                    $"the {kind} {Shown.Value(open.ToString())} opened here is never closed: end it with {Shown.Value(close.ToString())} on the same line, or, if this is text, put the whole value in quotes");
            }
        }

        return null;
    }

    private static int Indent(string line) => line.Length - line.TrimStart(' ').Length;

    /// <summary>Where the value of a <c>key: value</c> or <c>- value</c> line starts, or -1.</summary>
    private static int ValueStart(string line)
    {
        var indent = Indent(line);
        var rest = line[indent..];
        if (rest.StartsWith("- ", StringComparison.Ordinal))
        {
            var item = indent + 2 + (rest.Length - 2 - rest[2..].TrimStart().Length);
            return item < line.Length ? item : -1;
        }

        var colon = rest.IndexOf(": ", StringComparison.Ordinal);
        if (colon < 0 || !KeyName().IsMatch(rest[..colon]))
        {
            return -1;
        }

        var after = indent + colon + 2;
        while (after < line.Length && line[after] == ' ')
        {
            after++;
        }

        return after < line.Length ? after : -1;
    }

    /// <summary>The line with the text from <paramref name="from"/> put in quotes, as an example to copy.</summary>
    private static string QuotedLine(string line, int from)
    {
        var head = line[..from].TrimStart();
        var value = line[from..].TrimEnd();
        return head + QuoteValue(value);
    }

    private static string QuoteValue(string value) =>
        !value.Contains('"') && !value.Contains('\\') ? "\"" + value + "\"" : "'" + value.Replace("'", "''", StringComparison.Ordinal) + "'";

    private static string Clean(string message)
    {
        // YamlDotNet prefixes some messages with "(Line: 3, Col: 5, Idx: 20) - (...): "; the position is printed already.
        var index = message.LastIndexOf("): ", StringComparison.Ordinal);
        var text = index >= 0 ? message[(index + 3)..] : message;
        return text.TrimEnd('.');
    }

    [GeneratedRegex("^[A-Za-z0-9_-]+$")]
    private static partial Regex KeyName();

    [GeneratedRegex("anchor '([^']*)'")]
    private static partial Regex AnchorName();

    /// <summary>The YAML's lines, one-based, and the file line each stands on.</summary>
    private sealed class Lines(string[] lines, int firstLine)
    {
        public int Count => lines.Length;

        public string this[int line] => line >= 1 && line <= lines.Length ? lines[line - 1] : "";

        public int FileLine(int line) => line + firstLine - 1;

        public int PreviousContentLine(int line)
        {
            for (var i = line - 1; i >= 1; i--)
            {
                var trimmed = this[i].Trim();
                if (trimmed.Length > 0 && !trimmed.StartsWith('#'))
                {
                    return i;
                }
            }

            return 0;
        }
    }
}
