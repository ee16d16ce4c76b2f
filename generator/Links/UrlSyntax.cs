using System.Text.RegularExpressions;

namespace BackCareSite.Links;

/// <summary>Syntax checks for <c>mailto:</c>, <c>tel:</c> and <c>srcset</c>.</summary>
internal static partial class UrlSyntax
{
    /// <summary>Null when the <c>mailto:</c> URL is well formed (RFC 6068), else what is wrong.</summary>
    public static string? MailtoProblem(string url)
    {
        var rest = url[(url.IndexOf(':') + 1)..];
        var query = rest.IndexOf('?');
        var to = query < 0 ? rest : rest[..query];
        var headers = query < 0 ? "" : rest[(query + 1)..];
        if (to.Contains(' '))
        {
            return "has a space in the address part; write a space as %20, and only in a subject";
        }

        var addresses = Uri.UnescapeDataString(to).Split(',').Select(a => a.Trim()).Where(a => a.Length > 0).ToList();
        if (addresses.Count == 0 && !headers.Split('&').Any(h => h.StartsWith("to=", StringComparison.OrdinalIgnoreCase) && h.Length > 3))
        {
            return "has no address; write `mailto:name@example.org`";
        }

        foreach (var address in addresses)
        {
            if (!EmailAddress().IsMatch(address))
            {
                return $"has `{address}`, which is not an e-mail address; write `name@example.org`";
            }
        }

        return null;
    }

    /// <summary>
    /// Null when the <c>tel:</c> URL is a dialable number: an optional leading <c>+</c>, at least three
    /// digits, and the visual separators <c>- . ( )</c> of RFC 3966 or spaces; parameters after
    /// <c>;</c> are allowed. Letters (<c>tel:0800-PHYSIO</c>) and a <c>+</c> elsewhere are not.
    /// </summary>
    public static string? TelProblem(string url)
    {
        var number = Uri.UnescapeDataString(url[(url.IndexOf(':') + 1)..]);
        var semicolon = number.IndexOf(';');
        if (semicolon >= 0)
        {
            number = number[..semicolon];
        }

        number = number.Trim();
        if (number.Length == 0)
        {
            return "has no number; write `tel:+442079460000`";
        }

        var digits = 0;
        for (var i = 0; i < number.Length; i++)
        {
            var c = number[i];
            if (char.IsAsciiDigit(c))
            {
                digits++;
            }
            else if (c == '+' && i == 0)
            {
            }
            else if (c is not ('-' or '.' or '(' or ')' or ' '))
            {
                return $"`{number}` has `{c}`, which a phone cannot dial; use digits, an optional leading +, and - . ( ) or spaces";
            }
        }

        return digits < 3 ? $"`{number}` is too short to be a phone number" : null;
    }

    /// <summary>One candidate of a <c>srcset</c>: its URL, and what is wrong with its descriptor (null when nothing).</summary>
    internal readonly record struct SrcsetCandidate(string Url, string? Problem);

    /// <summary>
    /// Splits a <c>srcset</c> attribute into candidates as the HTML standard's parser does, checking
    /// each descriptor (<c>100w</c>, <c>2x</c>, <c>1.5x</c>, <c>300h</c>).
    /// </summary>
    public static List<SrcsetCandidate> ParseSrcset(string srcset)
    {
        var result = new List<SrcsetCandidate>();
        var pos = 0;
        var n = srcset.Length;
        while (true)
        {
            while (pos < n && (IsSpace(srcset[pos]) || srcset[pos] == ','))
            {
                pos++;
            }

            if (pos >= n)
            {
                return result;
            }

            var start = pos;
            while (pos < n && !IsSpace(srcset[pos]))
            {
                pos++;
            }

            var url = srcset[start..pos];
            var descriptors = new List<string>();
            if (url.EndsWith(','))
            {
                url = url.TrimEnd(',');
            }
            else
            {
                // Descriptors up to the next comma that is not inside parentheses.
                var current = new System.Text.StringBuilder();
                var depth = 0;
                while (pos < n)
                {
                    var c = srcset[pos];
                    if (c == ',' && depth == 0)
                    {
                        pos++;
                        break;
                    }

                    if (IsSpace(c) && depth == 0)
                    {
                        if (current.Length > 0)
                        {
                            descriptors.Add(current.ToString());
                            current.Clear();
                        }
                    }
                    else
                    {
                        depth += c == '(' ? 1 : c == ')' ? -1 : 0;
                        current.Append(c);
                    }

                    pos++;
                }

                if (current.Length > 0)
                {
                    descriptors.Add(current.ToString());
                }
            }

            string? problem = null;
            if (descriptors.Count > 1)
            {
                problem = $"`{url}` has more than one descriptor (`{string.Join(' ', descriptors)}`); write one, such as `2x` or `800w`";
            }
            else if (descriptors.Count == 1 && !Descriptor().IsMatch(descriptors[0]))
            {
                problem = $"`{url}` has the descriptor `{descriptors[0]}`; write a width such as `800w` or a density such as `2x`";
            }

            result.Add(new SrcsetCandidate(url, problem));
        }
    }

    private static readonly HashSet<string> TopLevelDomains = new(StringComparer.OrdinalIgnoreCase)
    {
        "com", "org", "net", "uk", "io", "gov", "edu", "info", "eu", "ie", "de", "fr", "nl", "us", "ca", "au", "nz", "int", "app", "dev", "health",
    };

    /// <summary>
    /// The https:// address an editor probably meant when they wrote a web address
    /// without its scheme (<c>www.nhs.uk/conditions/</c>), or null when
    /// <paramref name="url"/> does not look like one.
    /// </summary>
    public static string? WebAddressWithoutScheme(string url)
    {
        var host = url.Split('/', '?', '#')[0];
        var lastDot = host.LastIndexOf('.');
        if (lastDot <= 0 || host.Contains(' ') || host.Contains(':'))
        {
            return null;
        }

        var looksLikeHost = host.StartsWith("www.", StringComparison.OrdinalIgnoreCase)
            || TopLevelDomains.Contains(host[(lastDot + 1)..]);
        return looksLikeHost ? "https://" + url : null;
    }

    private static bool IsSpace(char c) => c is ' ' or '\t' or '\n' or '\r' or '\f';

    [GeneratedRegex(@"^[^\s@<>()\[\],;:""\\]+@[\p{L}\p{N}](?:[\p{L}\p{N}-]*[\p{L}\p{N}])?(?:\.[\p{L}\p{N}](?:[\p{L}\p{N}-]*[\p{L}\p{N}])?)+$", RegexOptions.CultureInvariant)]
    private static partial Regex EmailAddress();

    [GeneratedRegex(@"^(?:[1-9][0-9]*w|[1-9][0-9]*h|(?:[0-9]+(?:\.[0-9]+)?|\.[0-9]+)x)$", RegexOptions.CultureInvariant)]
    private static partial Regex Descriptor();
}
