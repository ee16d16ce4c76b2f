using System.Xml;
using BackCareSite.Diagnostics;

namespace BackCareSite.Content;

/// <summary>
/// An SVG opened on its own is a document of the site that can run script. One in
/// <c>media/</c> is published only when it holds none: no <c>script</c> or
/// <c>foreignObject</c>, no <c>on*</c> event attribute, no reference outside the file
/// (<c>href</c> other than <c>#id</c>, <c>url(...)</c> other than <c>url(#id)</c>,
/// <c>@import</c>), no DTD (entities). Each finding is an error at its line.
/// </summary>
internal static class SvgChecker
{
    private static readonly IReadOnlySet<string> ForbiddenElements = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
    {
        "script", "foreignObject", "iframe", "embed", "object", "handler", "listener",
    };

    public static void Check(string fullPath, DiagnosticBag diagnostics)
    {
        var display = diagnostics.Display(fullPath);
        void Report(IXmlLineInfo at, string message) =>
            diagnostics.Error(ErrorCodes.UnsafeSvg, display, Math.Max(at.LineNumber, 1), Math.Max(at.LinePosition, 1), message);

        var settings = new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null, MaxCharactersInDocument = SourceReader.MaxBytes };
        IXmlLineInfo? info = null;
        try
        {
            using var reader = XmlReader.Create(fullPath, settings);
            info = (IXmlLineInfo)reader;
            while (reader.Read())
            {
                if (reader.NodeType == XmlNodeType.Element)
                {
                    if (ForbiddenElements.Contains(reader.LocalName))
                    {
                        Report(info, $"an SVG in media/ may not hold <{reader.LocalName}>: it would run script or load a page when the file is opened; remove it");
                    }

                    for (var more = reader.MoveToFirstAttribute(); more; more = reader.MoveToNextAttribute())
                    {
                        CheckAttribute(reader.LocalName, reader.Value, info, Report);
                    }

                    reader.MoveToElement();
                }
                else if (reader.NodeType is XmlNodeType.Text or XmlNodeType.CDATA && HasExternalReference(reader.Value))
                {
                    Report(info, "an SVG in media/ may not load anything from outside the file (`@import`, `url(...)` other than `url(#id)`); remove the reference");
                }
            }
        }
        catch (XmlException ex)
        {
            var dtd = ex.Message.Contains("DTD", StringComparison.Ordinal);
            var (line, column) = dtd ? DoctypeLine(fullPath) : ex.LineNumber > 0 ? (ex.LineNumber, ex.LinePosition) : (info?.LineNumber ?? 1, info?.LinePosition ?? 1);
            diagnostics.Error(ErrorCodes.UnsafeSvg, display, Math.Max(line, 1), Math.Max(column, 1), dtd
                ? "an SVG in media/ may not have a DOCTYPE (its entities can grow without bound or read other files); export it again from the drawing program without one"
                : $"this SVG cannot be read as XML ({ex.Message.Split(". Line", 2)[0]}); export it again from the drawing program");
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            diagnostics.Error(ErrorCodes.FileUnreadable, display, 1, 1, $"cannot read the file: {ex.Message}; check its permissions");
        }
    }

    /// <summary>Where the DOCTYPE is (XmlReader refuses it before it has a position to give).</summary>
    private static (int Line, int Column) DoctypeLine(string fullPath)
    {
        var lines = File.ReadLines(fullPath).Select((text, i) => (Text: text, Line: i + 1));
        foreach (var (text, line) in lines)
        {
            var at = text.IndexOf("<!DOCTYPE", StringComparison.OrdinalIgnoreCase);
            if (at >= 0)
            {
                return (line, at + 1);
            }
        }

        return (1, 1);
    }

    private static void CheckAttribute(string name, string value, IXmlLineInfo at, Action<IXmlLineInfo, string> report)
    {
        if (name.StartsWith("on", StringComparison.OrdinalIgnoreCase))
        {
            report(at, $"an SVG in media/ may not have event attributes such as `{name}=`: they run script; remove it");
        }
        else if (name == "href" && !value.TrimStart().StartsWith('#'))
        {
            report(at, "an SVG in media/ may link only to its own parts (`href=\"#id\"`), not to another file or address; embed the picture in the SVG, or remove the link");
        }
        else if ((name is "attributeName" && value.Trim().EndsWith("href", StringComparison.OrdinalIgnoreCase)) || HasExternalReference(value))
        {
            report(at, "an SVG in media/ may not load anything from outside the file (`url(...)` other than `url(#id)`, or an animated `href`); remove the reference");
        }
    }

    private static bool HasExternalReference(string text)
    {
        if (text.Contains("@import", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        for (var i = text.IndexOf("url(", StringComparison.OrdinalIgnoreCase); i >= 0; i = text.IndexOf("url(", i + 4, StringComparison.OrdinalIgnoreCase))
        {
            var inside = text[(i + 4)..].TrimStart().TrimStart('"', '\'').TrimStart();
            if (!inside.StartsWith('#'))
            {
                return true;
            }
        }

        return false;
    }
}
