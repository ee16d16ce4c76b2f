using System.Net;
using AngleSharp.Html;
using AngleSharp.Html.Parser;
using AngleSharp.Html.Parser.Tokens;
using AngleSharp.Text;
using BackCareSite.Diagnostics;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace BackCareSite.Markdown;

/// <summary>
/// Checks the raw HTML in content against an allow-list (<see cref="RawHtmlAllowList"/>),
/// reading it with AngleSharp's HTML tokenizer, the standard's own tokenization, so
/// that entities, quoting and odd spacing are read as a browser reads them (a regex
/// missed an event attribute after a quoted <c>&gt;</c> and entity-written
/// <c>javascript:</c>). Every element, attribute or URL outside the list is an error at
/// its line and column. Only markup is checked: prose that mentions "JavaScript:" passes.
/// </summary>
internal static class UnsafeHtmlChecker
{
    public static void Check(MarkdownDocument document, string path, DiagnosticBag diagnostics)
    {
        MarkdownWalk.Nodes(document, node =>
        {
            switch (node)
            {
                case HtmlBlock block:
                    CheckHtml(block.Lines.ToString(), block.Line + 1, block.Column + 1, path, diagnostics);
                    break;
                case HtmlInline inline:
                    CheckHtml(inline.Tag, inline.Line + 1, inline.Column + 1, path, diagnostics);
                    break;
                case AutolinkInline autolink when !autolink.IsEmail && IsScriptUrl(autolink.Url):
                    diagnostics.Error(ErrorCodes.UnsafeUrl, path, autolink.Line + 1, autolink.Column + 1,
                        "`javascript:` and similar URLs are not allowed in content; link to a page or a https:// address");
                    break;
            }
        });
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

    private static void CheckHtml(string html, int line, int column, string path, DiagnosticBag diagnostics)
    {
        void Report(TextPosition at, string message)
        {
            // Positions inside the fragment are one-based; the first line starts at the fragment's column.
            var l = line + Math.Max(at.Line, 1) - 1;
            var c = at.Line <= 1 ? column + Math.Max(at.Column, 1) - 1 : Math.Max(at.Column, 1);
            diagnostics.Error(ErrorCodes.UnsafeHtml, path, l, c, message);
        }

        var tokenizer = new HtmlTokenizer(new TextSource(html), HtmlEntityProvider.Resolver);
        var unfinished = false;
        tokenizer.Error += (_, error) => unfinished |= error.Code == (int)HtmlParseError.EOF;
        for (var token = tokenizer.Get(); token.Type != HtmlTokenType.EndOfFile; token = tokenizer.Get())
        {
            if (token is not HtmlTagToken tag)
            {
                continue;
            }

            // An end tag adds nothing a start tag did not (the start tag of a refused element is reported).
            if (tag.Type != HtmlTokenType.StartTag)
            {
                continue;
            }

            if (!RawHtmlAllowList.Elements.Contains(tag.Name))
            {
                Report(tag.Position, RawHtmlAllowList.ElementMessage(tag.Name));
                continue;
            }

            foreach (var attribute in tag.Attributes)
            {
                if (!RawHtmlAllowList.IsAllowedAttribute(tag.Name, attribute.Name))
                {
                    Report(attribute.Position.Line > 0 ? attribute.Position : tag.Position, RawHtmlAllowList.AttributeMessage(tag.Name, attribute.Name));
                }
                else if (RawHtmlAllowList.UrlAttributes.Contains(attribute.Name) && !RawHtmlAllowList.IsAllowedUrls(attribute.Name, attribute.Value))
                {
                    Report(attribute.Position.Line > 0 ? attribute.Position : tag.Position,
                        $"the address in `{attribute.Name}` of <{tag.Name}> is not allowed: only https://, http://, mailto:, tel: and addresses inside the site are (no `javascript:` or `data:`); link to a page or a file in media/");
                }
            }
        }

        if (unfinished)
        {
            Report(new TextPosition(1, 1, 0),
                "this raw HTML ends inside a tag or comment (a missing `>`, quote or `-->`), which would swallow the text after it; close it");
        }
    }
}
