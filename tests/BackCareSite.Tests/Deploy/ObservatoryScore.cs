namespace BackCareSite.Tests.Deploy;

/// <summary>
/// The header tests of Mozilla's HTTP Observatory, as its scoring page
/// describes them: a score starts at 100, each test adds or removes points,
/// bonuses count only from 90 up, and 100 or more is A+. Tests that depend on
/// the live site rather than on the headers (redirection to https, cookies,
/// CORS files, subresource integrity of third-party scripts, which this site
/// has none of) score 0.
/// </summary>
internal static class ObservatoryScore
{
    public static (int Score, string Grade, IReadOnlyList<string> Notes) Grade(IReadOnlyDictionary<string, string> headers)
    {
        var notes = new List<string>();
        var penalties = 0;
        var bonus = 0;

        // Content-Security-Policy.
        if (!headers.TryGetValue("content-security-policy", out var csp))
        {
            penalties -= 25;
            notes.Add("no Content-Security-Policy: -25");
        }
        else
        {
            var d = NetlifyConfig.Directives(csp);
            string[]? Effective(string name) => d.TryGetValue(name, out var v) ? v : d.GetValueOrDefault("default-src");
            var script = Effective("script-src");
            var objects = Effective("object-src");
            if (script is null || objects is null || script.Any(IsUnsafeSource) || objects.Any(IsUnsafeSource))
            {
                penalties -= 20;
                notes.Add("CSP allows unsafe or unrestricted script or object sources: -20");
            }
            else if (script.Contains("'unsafe-eval'"))
            {
                penalties -= 10;
                notes.Add("CSP allows 'unsafe-eval': -10");
            }
            else if (d.TryGetValue("default-src", out var def) && def is ["'none'"])
            {
                bonus += 10;
                notes.Add("CSP with default-src 'none' and nothing unsafe: +10");
            }
        }

        // Strict-Transport-Security: at least six months.
        if (!headers.TryGetValue("strict-transport-security", out var hsts))
        {
            penalties -= 20;
            notes.Add("no Strict-Transport-Security: -20");
        }
        else if (MaxAge(hsts) < 15_768_000)
        {
            penalties -= 10;
            notes.Add("HSTS max-age under six months: -10");
        }

        // X-Content-Type-Options.
        if (!headers.TryGetValue("x-content-type-options", out var xcto) || !xcto.Trim().Equals("nosniff", StringComparison.OrdinalIgnoreCase))
        {
            penalties -= 5;
            notes.Add("no X-Content-Type-Options: nosniff: -5");
        }

        // Framing: CSP frame-ancestors earns a bonus, X-Frame-Options counts as implemented.
        var ancestors = csp is null ? null : NetlifyConfig.Directives(csp).GetValueOrDefault("frame-ancestors");
        if (ancestors is not null && !ancestors.Contains("*"))
        {
            bonus += 5;
            notes.Add("framing restricted by CSP frame-ancestors: +5");
        }
        else if (!headers.TryGetValue("x-frame-options", out var xfo) || xfo.Trim().ToUpperInvariant() is not ("DENY" or "SAMEORIGIN"))
        {
            penalties -= 20;
            notes.Add("framing not restricted: -20");
        }

        // Referrer-Policy.
        if (headers.TryGetValue("referrer-policy", out var referrer))
        {
            var policy = referrer.Split(',').Last().Trim().ToLowerInvariant();
            if (policy is "no-referrer" or "same-origin" or "strict-origin" or "strict-origin-when-cross-origin")
            {
                bonus += 5;
                notes.Add("private Referrer-Policy: +5");
            }
            else if (policy is "unsafe-url" or "no-referrer-when-downgrade" or "origin" or "origin-when-cross-origin")
            {
                penalties -= 5;
                notes.Add("Referrer-Policy leaks addresses: -5");
            }
        }

        var score = 100 + penalties;
        if (score >= 90)
        {
            score += bonus;
        }

        return (score, GradeOf(score), notes);
    }

    private static bool IsUnsafeSource(string source) =>
        source is "'unsafe-inline'" or "*" or "data:" or "http:" or "https:" or "blob:" or "filesystem:"
        || source.StartsWith("http://", StringComparison.OrdinalIgnoreCase);

    private static long MaxAge(string hsts)
    {
        foreach (var part in hsts.Split(';', StringSplitOptions.TrimEntries))
        {
            if (part.StartsWith("max-age=", StringComparison.OrdinalIgnoreCase) && long.TryParse(part[8..].Trim('"'), out var seconds))
            {
                return seconds;
            }
        }

        return 0;
    }

    private static string GradeOf(int score) => score switch
    {
        >= 100 => "A+",
        >= 90 => "A",
        >= 85 => "A-",
        >= 80 => "B+",
        >= 70 => "B",
        >= 65 => "B-",
        >= 60 => "C+",
        >= 50 => "C",
        >= 45 => "C-",
        >= 40 => "D+",
        >= 30 => "D",
        >= 25 => "D-",
        _ => "F",
    };
}
