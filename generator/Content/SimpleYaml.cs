using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace BackCareSite.Content;

/// <summary>
/// The parser's events for the YAML that front matter is nearly always written in, read without YamlDotNet's
/// scanner (which was most of the time spent on front matter): block mappings whose keys are plain words, block
/// lists, and values that are one-line plain, single- or double-quoted text without escapes, or an empty <c>[]</c>
/// or <c>{}</c>. The events are the ones YamlDotNet's <see cref="Parser"/> gives for the same text, marks included
/// (<c>SimpleYamlTests</c> compares the two on every file of the sample site and the corpora, and on text made to
/// differ from them). Anything else (a comment, a tab, an escape, a text over several lines, an anchor, a tag, a
/// flow list with items, a nesting deeper than <see cref="MaxDepth"/>, any syntax error) gives null, and YamlDotNet
/// reads the text as it always did: so every problem is still its to find and explain.
/// </summary>
internal sealed class SimpleYaml
{
    /// <summary>The deepest nesting read here; deeper text is YamlDotNet's (which reports too deep a nesting).</summary>
    public const int MaxDepth = 16;

    private readonly string _text;
    private readonly List<ParsingEvent> _events = new(48);

    // The current line (the next that holds more than spaces): where it starts, its number (1-based), its
    // indentation and where its content ends (before trailing spaces and the line feed); _atEnd when none is left.
    private int _lineStart;
    private int _lineNumber;
    private int _indent;
    private int _contentEnd;
    private bool _atEnd;

    // Set when the text holds something this reader leaves to YamlDotNet.
    private bool _failed;

    private SimpleYaml(string text) => _text = text;

    /// <summary>The events of <paramref name="text"/>, or null when YamlDotNet is to read it.</summary>
    public static IReadOnlyList<ParsingEvent>? TryRead(string text)
    {
        if (!OnlyPlainCharacters(text) || text.EndsWith(' '))
        {
            return null;
        }

        var reader = new SimpleYaml(text);
        return reader.Read() ? reader._events : null;
    }

    /// <summary>An <see cref="IParser"/> over events read before.</summary>
    public sealed class Events(IReadOnlyList<ParsingEvent> events) : IParser
    {
        private int _next;

        public ParsingEvent? Current { get; private set; }

        public bool MoveNext()
        {
            if (_next >= events.Count)
            {
                Current = null;
                return false;
            }

            Current = events[_next++];
            return true;
        }
    }

    // Line feeds, printable ASCII, and characters from U+00A0 that YAML reads as text (not U+2028 and U+2029,
    // which it reads as line breaks, U+FEFF, non-characters or lone surrogates): anything else is YamlDotNet's.
    private static bool OnlyPlainCharacters(string text)
    {
        var span = text.AsSpan();
        var i = span.IndexOfAnyExceptInRange(' ', '~');
        while (i >= 0)
        {
            var c = span[i];
            if (c == '\n' || (c >= '\u00A0' && c < '\uD800' && c is not ('\u2028' or '\u2029')) || (c >= '\uE000' && c <= '\uFFFD' && c != '\uFEFF'))
            {
                // Plain.
            }
            else if (char.IsHighSurrogate(c) && i + 1 < span.Length && char.IsLowSurrogate(span[i + 1]))
            {
                i++;
            }
            else
            {
                return false;
            }

            var next = span[(i + 1)..].IndexOfAnyExceptInRange(' ', '~');
            i = next < 0 ? -1 : i + 1 + next;
        }

        return true;
    }

    private bool Read()
    {
        var origin = new Mark(0, 1, 1);
        _events.Add(new StreamStart(origin, origin));
        _lineStart = 0;
        _lineNumber = 1;
        SkipBlankLines();
        if (_atEnd || _indent != 0)
        {
            return false;
        }

        var first = MarkAt(_lineStart);
        _events.Add(new DocumentStart(null, null, true, first, first));
        Mapping(0, _lineStart, 1);
        if (_failed || !_atEnd)
        {
            return false;
        }

        var end = EndMark();
        _events.Add(new DocumentEnd(true, end, end));
        _events.Add(new StreamEnd(end, end));
        return true;
    }

    // A block mapping whose keys are at column `indent`, its first key at `at` (on the current line).
    private void Mapping(int indent, int at, int depth)
    {
        if (depth > MaxDepth)
        {
            _failed = true;
            return;
        }

        var start = MarkAt(at);
        _events.Add(new MappingStart(AnchorName.Empty, TagName.Empty, true, MappingStyle.Block, start, start));
        while (true)
        {
            var keyEnd = KeyEnd(at);
            if (keyEnd < 0)
            {
                _failed = true;
                return;
            }

            _events.Add(new Scalar(AnchorName.Empty, TagName.Empty, _text[at..keyEnd], ScalarStyle.Plain, true, false,
                MarkAt(at), MarkAt(keyEnd), isKey: true));
            Value(indent, keyEnd + 1, depth);
            if (_failed)
            {
                return;
            }

            // The next key, or the mapping's end.
            if (_atEnd || _indent < indent)
            {
                break;
            }

            if (_indent > indent || _text[_lineStart + _indent] == '-')
            {
                _failed = true;
                return;
            }

            at = _lineStart + _indent;
        }

        var end = _atEnd ? EndMark() : MarkAt(_lineStart + _indent);
        _events.Add(new MappingEnd(end, end));
    }

    // The value after a key's `:` at `colon + 1 = from`, whose key is at column `indent`; moves to the line after it.
    private void Value(int indent, int from, int depth)
    {
        var at = from;
        while (at < _contentEnd && _text[at] == ' ')
        {
            at++;
        }

        if (at < _contentEnd)
        {
            InlineValue(at);
            NextLine();
            // A value goes on no further line (more indented text would continue it, or be an error).
            if (!_failed && !_atEnd && _indent > indent)
            {
                _failed = true;
            }

            return;
        }

        // No value on the key's line: a list or mapping on the lines after it, else an empty plain scalar just after the colon.
        var empty = MarkAt(from);
        NextLine();
        if (!_atEnd && _text[_lineStart + _indent] == '-' && _indent >= indent)
        {
            Sequence(_indent, indentless: _indent == indent, depth + 1);
        }
        else if (!_atEnd && _indent > indent)
        {
            Mapping(_indent, _lineStart + _indent, depth + 1);
        }
        else
        {
            _events.Add(new Scalar(AnchorName.Empty, TagName.Empty, "", ScalarStyle.Plain, true, false, empty, empty));
        }
    }

    // A block list whose dashes are at column `indent` (the column of its key's, when indentless), from the current line.
    private void Sequence(int indent, bool indentless, int depth)
    {
        if (depth > MaxDepth)
        {
            _failed = true;
            return;
        }

        var dash = _lineStart + _indent;
        _events.Add(new SequenceStart(AnchorName.Empty, TagName.Empty, true, SequenceStyle.Block, MarkAt(dash), MarkAt(indentless ? dash + 1 : dash)));
        while (true)
        {
            if (dash + 1 >= _contentEnd || _text[dash + 1] != ' ')
            {
                // An empty item, or `-text`: YamlDotNet's to read.
                _failed = true;
                return;
            }

            var at = dash + 2;
            while (at < _contentEnd && _text[at] == ' ')
            {
                at++;
            }

            if (KeyEnd(at) >= 0)
            {
                Mapping(at - _lineStart, at, depth + 1);
            }
            else
            {
                InlineValue(at);
                NextLine();
            }

            if (_failed)
            {
                return;
            }

            if (_atEnd || _indent < indent)
            {
                break;
            }

            if (_indent > indent)
            {
                _failed = true;
                return;
            }

            if (_text[_lineStart + _indent] != '-')
            {
                if (indentless)
                {
                    break;
                }

                _failed = true;
                return;
            }

            dash = _lineStart + _indent;
        }

        var end = _atEnd ? EndMark() : MarkAt(_lineStart + _indent);
        _events.Add(new SequenceEnd(end, end));
    }

    // Where the key that starts at `at` ends (at its `:`), when a key starts there: a plain word, then `:` and a space
    // or the end of the line; else -1.
    private int KeyEnd(int at)
    {
        var i = at;
        while (i < _contentEnd && IsKeyCharacter(_text[i], i == at))
        {
            i++;
        }

        return i > at && i < _contentEnd && _text[i] == ':' && (i + 1 >= _contentEnd || _text[i + 1] == ' ') ? i : -1;
    }

    // A value that starts at `at` and ends with its line: quoted or plain text on one line, `[]` or `{}`.
    private void InlineValue(int at)
    {
        var c = _text[at];
        if (c is '"' or '\'')
        {
            var close = _text.IndexOf(c, at + 1, _contentEnd - at - 1);
            if (close < 0 || close + 1 != _contentEnd || (c == '"' && _text.AsSpan(at + 1, close - at - 1).Contains('\\')))
            {
                // Not closed on its line, closed before its end (a doubled '', or text after it), or escapes.
                _failed = true;
                return;
            }

            _events.Add(new Scalar(AnchorName.Empty, TagName.Empty, _text[(at + 1)..close], c == '"' ? ScalarStyle.DoubleQuoted : ScalarStyle.SingleQuoted,
                false, true, MarkAt(at), MarkAt(close + 1)));
            return;
        }

        if (c is '[' or '{')
        {
            var close = at + 1;
            while (close < _contentEnd && _text[close] == ' ')
            {
                close++;
            }

            if (close + 1 != _contentEnd || _text[close] != (c == '[' ? ']' : '}'))
            {
                _failed = true;
                return;
            }

            var (open, shut) = (MarkAt(at), MarkAt(close));
            if (c == '[')
            {
                _events.Add(new SequenceStart(AnchorName.Empty, TagName.Empty, true, SequenceStyle.Flow, open, open));
                _events.Add(new SequenceEnd(shut, shut));
            }
            else
            {
                _events.Add(new MappingStart(AnchorName.Empty, TagName.Empty, true, MappingStyle.Flow, open, open));
                _events.Add(new MappingEnd(shut, shut));
            }

            return;
        }

        // Plain text: not starting with an indicator, holding no `: ` or `#`, not ending in `:`.
        if (c is '-' or '?' or ':' or ',' or ']' or '}' or '#' or '&' or '*' or '!' or '|' or '>' or '%' or '@' or '`')
        {
            _failed = true;
            return;
        }

        var value = _text.AsSpan(at, _contentEnd - at);
        if (value.IndexOfAny(PlainStoppers) >= 0 || value.Contains(": ", StringComparison.Ordinal) || value[^1] == ':')
        {
            _failed = true;
            return;
        }

        _events.Add(new Scalar(AnchorName.Empty, TagName.Empty, value.ToString(), ScalarStyle.Plain, true, false, MarkAt(at), MarkAt(_contentEnd)));
    }

    private static readonly System.Buffers.SearchValues<char> PlainStoppers = System.Buffers.SearchValues.Create("#");

    private static bool IsKeyCharacter(char c, bool first) =>
        char.IsAsciiLetterOrDigit(c) || c == '_' || (!first && c == '-');

    // Moves to the next line that holds more than spaces (a line of only spaces is skipped, as YAML does).
    private void NextLine()
    {
        var feed = _text.IndexOf('\n', _contentEnd);
        if (feed < 0)
        {
            _atEnd = true;
            return;
        }

        _lineStart = feed + 1;
        _lineNumber++;
        SkipBlankLines();
    }

    private void SkipBlankLines()
    {
        while (true)
        {
            if (_lineStart >= _text.Length)
            {
                _atEnd = true;
                return;
            }

            var feed = _text.IndexOf('\n', _lineStart);
            var lineEnd = feed < 0 ? _text.Length : feed;
            var line = _text.AsSpan(_lineStart, lineEnd - _lineStart);
            var indent = line.IndexOfAnyExcept(' ');
            if (indent >= 0)
            {
                _indent = indent;
                _contentEnd = _lineStart + line.TrimEnd(' ').Length;
                if (line[indent] == '#')
                {
                    // A comment: YamlDotNet's to read.
                    _failed = true;
                    _atEnd = true;
                }

                return;
            }

            if (feed < 0)
            {
                _atEnd = true;
                return;
            }

            _lineStart = feed + 1;
            _lineNumber++;
        }
    }

    private Mark MarkAt(int index) => new(index, _lineNumber, index - _lineStart + 1);

    // Where YamlDotNet's scanner puts the end of the text: its length, at the start of the line after the last.
    // (A last line of only spaces is YamlDotNet's to read: the blocks it closes end there, or at the end.)
    private Mark EndMark()
    {
        var lines = _text.AsSpan().Count('\n');
        return new Mark(_text.Length, _text.EndsWith('\n') ? lines + 1 : lines + 2, 1);
    }}
