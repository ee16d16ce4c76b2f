using System.Text.RegularExpressions;
using BackCareSite.Content;
using BackCareSite.Diagnostics;
using BackCareSite.Serve;

namespace BackCareSite.Output;

/// <summary>
/// The not-found page carries the site's Content-Security-Policy itself, in a
/// <c>&lt;meta http-equiv&gt;</c> element. Netlify picks header rules by the address asked
/// for, and the strict policy is written into <c>_headers</c> once per top-level path the
/// site has (<see cref="HeadersFile"/>), so a mistyped top-level address such as
/// <c>/exercizes/</c> matches no rule and its 404 page would otherwise get no policy at all.
/// Directives a browser ignores in a meta element (<c>frame-ancestors</c>, reporting,
/// <c>sandbox</c>) are left out: they stay in the header, where they work.
/// </summary>
internal static partial class NotFoundPolicy
{
    public const string Path = "404.html";

    private static readonly HashSet<string> HeaderOnly = new(StringComparer.OrdinalIgnoreCase)
        { "frame-ancestors", "report-uri", "report-to", "sandbox" };

    /// <summary>The policy of netlify.toml's published rule as a meta element may hold it; null when it has none.</summary>
    public static string? MetaContent(NetlifyHeaders rules)
    {
        var policy = rules.Published.FirstOrDefault(h => string.Equals(h.Name, "Content-Security-Policy", StringComparison.OrdinalIgnoreCase)).Value;
        if (string.IsNullOrWhiteSpace(policy))
        {
            return null;
        }

        var kept = policy.Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .Where(d => !HeaderOnly.Contains(d.Split(' ', 2)[0]));
        return string.Join("; ", kept);
    }

    /// <summary>
    /// <paramref name="html"/> with the policy's meta element right after its
    /// <c>&lt;meta charset&gt;</c> (before any script or style); null when it has none.
    /// </summary>
    public static string? Insert(string html, string content)
    {
        var charset = CharsetMeta().Match(html);
        if (!charset.Success)
        {
            return null;
        }

        var at = charset.Index + charset.Length;
        var meta = $"\n<meta http-equiv=\"Content-Security-Policy\" content=\"{System.Net.WebUtility.HtmlEncode(content)}\">";
        return string.Concat(html.AsSpan(0, at), meta, html.AsSpan(at));
    }

    /// <summary>
    /// The not-found page <paramref name="html"/> (as rendered) with the policy of
    /// <paramref name="rules"/>; null when the rules have none, or, with a warning on the layout
    /// <paramref name="template"/>, when the page has no <c>&lt;meta charset&gt;</c> to put it after.
    /// </summary>
    public static OutputFile? Apply(string html, NetlifyHeaders rules, string template, DiagnosticBag diagnostics)
    {
        if (MetaContent(rules) is not { } content)
        {
            return null;
        }

        if (Insert(html, content) is { } withPolicy)
        {
            return new OutputFile(Path, withPolicy);
        }

        diagnostics.Warning(ErrorCodes.NotFoundPolicyMissing, diagnostics.Display(template), 1, 1,
            "the not-found page has no `<meta charset=\"utf-8\">` in its <head>, so it cannot carry the site's Content-Security-Policy for addresses no rule of _headers matches; keep that element in the layout's <head>");
        return null;
    }

    [GeneratedRegex("""<meta\s+charset\s*=\s*["']?[\w-]+["']?\s*/?>""", RegexOptions.IgnoreCase)]
    private static partial Regex CharsetMeta();
}
