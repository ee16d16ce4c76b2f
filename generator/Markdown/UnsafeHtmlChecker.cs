using System.Net;
using System.Text.RegularExpressions;
using BackCareSite.Diagnostics;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace BackCareSite.Markdown;

/// <summary>
/// Rejects raw HTML in content that could run script: <c>&lt;script&gt;</c>,
/// <c>on*=</c> event attributes, <c>javascript:</c> URLs, and elements that
/// embed other documents. Editors get an error at the exact line.
/// </summary>
internal static partial class UnsafeHtmlChecker
{
    public static void Check(MarkdownDocument document, string path, DiagnosticBag diagnostics)
    {
        foreach (var node in document.Descendants())
        {
            switch (node)
            {
                case HtmlBlock block:
                    CheckText(block.Lines.ToString(), block.Line + 1, block.Column + 1, path, diagnostics);
                    break;
                case HtmlInline inline:
                    CheckText(inline.Tag, inline.Line + 1, inline.Column + 1, path, diagnostics);
                    break;
                case AutolinkInline autolink when !autolink.IsEmail && IsScriptUrl(autolink.Url):
                    diagnostics.Error(ErrorCodes.UnsafeUrl, path, autolink.Line + 1, autolink.Column + 1,
                        "`javascript:` and similar URLs are not allowed in content; link to a page or a https:// address");
                    break;
            }
        }
    }

    /// <summary>True for URLs that would run script or load a document from data when followed.</summary>
    public static bool IsScriptUrl(string? url)
    {
        if (string.IsNullOrEmpty(url))
        {
            return false;
        }

        // Browsers ignore tabs, newlines and leading spaces inside a scheme.
        var compact = new string(WebUtility.HtmlDecode(url).Where(c => !char.IsWhiteSpace(c) && !char.IsControl(c)).ToArray());
        return compact.StartsWith("javascript:", StringComparison.OrdinalIgnoreCase)
            || compact.StartsWith("vbscript:", StringComparison.OrdinalIgnoreCase)
            || (compact.StartsWith("data:", StringComparison.OrdinalIgnoreCase) && !compact.StartsWith("data:image/", StringComparison.OrdinalIgnoreCase))
            || compact.StartsWith("data:image/svg", StringComparison.OrdinalIgnoreCase);
    }

    private static void CheckText(string raw, int line, int column, string path, DiagnosticBag diagnostics)
    {
        var decoded = WebUtility.HtmlDecode(raw);
        foreach (var (pattern, message) in Rules)
        {
            var match = pattern.Match(raw);
            if (!match.Success)
            {
                match = pattern.Match(decoded);
                if (!match.Success)
                {
                    continue;
                }

                // Positions in decoded text do not map back exactly; point at the HTML's start.
                diagnostics.Error(ErrorCodes.UnsafeHtml, path, line, column, message);
                continue;
            }

            var (l, c) = Offset(raw, match.Index, line, column);
            diagnostics.Error(ErrorCodes.UnsafeHtml, path, l, c, message);
        }
    }

    private static (int Line, int Column) Offset(string text, int index, int line, int column)
    {
        for (var i = 0; i < index; i++)
        {
            if (text[i] == '\n')
            {
                line++;
                column = 0;
            }

            column++;
        }

        return (line, column);
    }

    private static readonly (Regex Pattern, string Message)[] Rules =
    [
        (ScriptTag(), "raw `<script>` is not allowed in content: scripts belong in templates/assets, and the red-flag checker has its own embed `{% red-flag-checker %}`"),
        (EventAttribute(), "event attributes such as `onclick=` are not allowed in content: they run script"),
        (ScriptUrl(), "`javascript:` URLs are not allowed in content; link to a page or a https:// address"),
        (FrameTag(), "`<iframe>`, `<object>`, `<embed>` and similar tags are not allowed in content: use `{% video https://... \"Title\" %}` for videos"),
    ];

    [GeneratedRegex(@"<\s*/?\s*script\b", RegexOptions.IgnoreCase)]
    private static partial Regex ScriptTag();

    [GeneratedRegex(@"<[^>]*?[\s/""']on[a-z]+\s*=", RegexOptions.IgnoreCase)]
    private static partial Regex EventAttribute();

    [GeneratedRegex(@"(java|vb)\s*script\s*:", RegexOptions.IgnoreCase)]
    private static partial Regex ScriptUrl();

    [GeneratedRegex(@"<\s*(iframe|frame|frameset|object|embed|applet|base|meta|link|style|form)\b", RegexOptions.IgnoreCase)]
    private static partial Regex FrameTag();
}
