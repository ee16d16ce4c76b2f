using BackCareSite.Diagnostics;
using YamlDotNet.Core;
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
        try
        {
            stream.Load(new StringReader(yaml));
        }
        catch (Exception ex) when (ex is YamlException or InvalidOperationException)
        {
            // YamlDotNet 18 throws InvalidOperationException, not a YamlException, for an unclosed `[` or `{`.
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
}
