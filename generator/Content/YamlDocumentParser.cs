using BackCareSite.Diagnostics;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;
using YamlDotNet.RepresentationModel;

namespace BackCareSite.Content;

/// <summary>Parses YAML text into YamlDotNet's node tree, reporting syntax errors at file positions.</summary>
internal static class YamlDocumentParser
{
    /// <summary>
    /// Parses <paramref name="yaml"/>, whose first line is line
    /// <paramref name="firstLine"/> of <paramref name="file"/>, and returns its
    /// top-level mapping, or null after reporting why there is none.
    /// </summary>
    public static YamlFields? ParseMapping(SourceFile file, string yaml, int firstLine, DiagnosticBag diagnostics)
    {
        var stream = new YamlStream();
        // Front matter as nearly everyone writes it is read without YamlDotNet's scanner; anything else by it.
        IParser source = SimpleYaml.TryRead(yaml) is { } read ? new SimpleYaml.Events(read) : new Parser(new StringReader(yaml));
        var events = new CheckedEvents(source, file, firstLine, diagnostics);
        try
        {
            try
            {
                stream.Load(events);
            }
            catch (Exception ex) when (!events.Stopped && ex is YamlException or InvalidOperationException or ArgumentException)
            {
                // The tree builder failed (a duplicate key, an unknown alias): a problem the checks or the parser
                // find in the rest of the text comes first, as it did when the checks read the text before the tree was built.
                events.Drain();
                throw;
            }
        }
        catch (CheckedEvents.LimitExceeded)
        {
            return null;
        }
        catch (Exception ex) when (ex is YamlException or InvalidOperationException or ArgumentException)
        {
            // YamlDotNet 18 throws InvalidOperationException, not a YamlException, for an unclosed `[` or `{`,
            // and its tree builder an ArgumentException for events it does not expect (the checks
            // report the one case known); either is a syntax error of the file, never a crash.
            var explained = YamlErrorExplainer.Explain(yaml, firstLine, ex);
            diagnostics.Error(explained.Code, file.DisplayPath, explained.Line + firstLine - 1, explained.Column,
                explained.Message + "; the other fields are checked once this is fixed");
            return null;
        }

        var root = stream.Documents.Count == 0 ? null : stream.Documents[0].RootNode;
        if (root is YamlScalarNode { Value: null or "" } || root is null)
        {
            return YamlFields.Empty(file, firstLine, diagnostics);
        }

        if (root is not YamlMappingNode mapping)
        {
            diagnostics.Error(ErrorCodes.WrongType, file.DisplayPath, (int)root.Start.Line + firstLine - 1, (int)root.Start.Column,
                "expected fields written as `name: value`, one per line");
            return null;
        }

        return new YamlFields(mapping, file, firstLine - 1, diagnostics, "");
    }

    // The first control character of a scalar's text, if any (looked at for every scalar: no enumerator made).
    private static char? FirstControl(string value)
    {
        foreach (var c in value)
        {
            if (SourceReader.IsControl(c))
            {
                return c;
            }
        }

        return null;
    }

    /// <summary>The deepest nesting of lists and mappings read; YamlDotNet's tree builder recurses, so deeper would overflow the stack.</summary>
    public const int MaxDepth = 50;

    /// <summary>
    /// The parser's events on their way to the tree builder, checked as they pass (one parse of the text, no
    /// recursion): nesting deeper than <see cref="MaxDepth"/>, control characters written as escapes in quoted
    /// text (<c>"\e[31m"</c>), and a mapping left with a key and no value are errors at their line, reported
    /// before the builder sees the event; the build of the tree then stops with <see cref="LimitExceeded"/>.
    /// </summary>
    private sealed class CheckedEvents(IParser parser, SourceFile file, int firstLine, DiagnosticBag diagnostics) : IParser
    {
        private int _depth;

        // Each open mapping or list, where it starts and how many nodes it has had. A mapping
        // holds keys and values in pairs, but YamlDotNet ends the mapping of `- : text` after its
        // empty key, dropping the value, and its tree builder then throws an ArgumentException.
        private readonly Stack<(bool IsMapping, Mark Start, int Nodes)> _open = new();

        /// <summary>Thrown to the tree builder after a check reported a problem.</summary>
        internal sealed class LimitExceeded : Exception;

        /// <summary>True once reading stopped here: the parser failed or a check reported a problem.</summary>
        public bool Stopped { get; private set; }

        public ParsingEvent? Current => parser.Current;

        public bool MoveNext()
        {
            try
            {
                if (!parser.MoveNext())
                {
                    return false;
                }
            }
            catch
            {
                Stopped = true;
                throw;
            }

            if (!Check(parser.Current!))
            {
                Stopped = true;
                throw new LimitExceeded();
            }

            return true;
        }

        /// <summary>Reads and checks the rest of the text (after the tree builder failed).</summary>
        public void Drain()
        {
            while (MoveNext())
            {
            }
        }

        private bool Check(ParsingEvent current)
        {
            if (current is YamlDotNet.Core.Events.NodeEvent or YamlDotNet.Core.Events.AnchorAlias && _open.TryPop(out var parent))
            {
                _open.Push(parent with { Nodes = parent.Nodes + 1 });
            }

            switch (current)
            {
                case YamlDotNet.Core.Events.MappingStart or YamlDotNet.Core.Events.SequenceStart:
                    _open.Push((current is YamlDotNet.Core.Events.MappingStart, current.Start, 0));
                    if (++_depth > MaxDepth)
                    {
                        diagnostics.Error(ErrorCodes.YamlTooDeep, file.DisplayPath, (int)current.Start.Line + firstLine - 1, (int)current.Start.Column,
                            $"the YAML here is nested more than {MaxDepth} levels deep, the most a field may be; write it flatter");
                        return false;
                    }

                    break;
                case YamlDotNet.Core.Events.MappingEnd or YamlDotNet.Core.Events.SequenceEnd:
                    _depth--;
                    if (_open.TryPop(out var ended) && ended.IsMapping && ended.Nodes % 2 == 1)
                    {
                        diagnostics.Error(ErrorCodes.YamlSyntax, file.DisplayPath, (int)ended.Start.Line + firstLine - 1, (int)ended.Start.Column,
                            "this `:` has no field name before it, so the text after it is lost; write the name before the colon, or put the text in quotes");
                        return false;
                    }

                    break;
                case YamlDotNet.Core.Events.Scalar scalar when FirstControl(scalar.Value) is { } bad:
                    diagnostics.Error(ErrorCodes.ControlCharacter, file.DisplayPath, (int)scalar.Start.Line + firstLine - 1, (int)scalar.Start.Column,
                        $"this text holds the control character {SourceReader.Describe(bad)} (written as an escape); it has no place in a page or the feed: delete it");
                    return false;
            }

            return true;
        }
    }
}
