using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using BackCareSite.Content;

namespace BackCareSite.Cli;

/// <summary>The governance report as text for people, JSON for machines and an HTML page for <c>serve</c>.</summary>
internal static class ReportFormats
{
    private static readonly JsonSerializerOptions JsonOptions = new() { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static string Text(GovernanceReport report)
    {
        var text = new StringBuilder();
        var health = report.Pages.Count(p => p.Health);
        text.AppendLine(CultureInfo.InvariantCulture, $"Governance report on {Iso(report.Today)}: {report.Pages.Count} pages ({health} health pages), {Count(report, true)} error(s), {Count(report, false)} warning(s)");
        text.AppendLine(report.FailsStrict ? "build --strict would FAIL: fix the problems listed below." : "build --strict would pass.");
        text.AppendLine();
        text.AppendLine("status   next review         age  words  sources  reviewer              page");
        foreach (var p in report.Pages)
        {
            var next = p.NextReview is { } n ? $"{Iso(n)} ({p.DaysLeft} d)" : "-";
            var age = p.Readability is { Words: > 0 } r ? r.ReadingAge.ToString("0.0", CultureInfo.InvariantCulture) : "-";
            var words = p.Readability?.Words.ToString(CultureInfo.InvariantCulture) ?? "-";
            var reviewer = p.Reviewer?.Name ?? p.ReviewedBy ?? "-";
            var state = p.Placeholders > 0 ? $" [{p.Placeholders} placeholder(s)]" : "";
            text.AppendLine(CultureInfo.InvariantCulture,
                $"{p.Status,-8} {next,-18} {age,5} {words,6} {(p.Health ? p.Sources.Count.ToString(CultureInfo.InvariantCulture) : "-"),8}  {Cut(reviewer, 20),-20}  {p.Source}  \"{p.Title}\"{(p.Health ? "" : " (not a health page)")}{state}");
        }

        if (report.Diagnostics.Count > 0)
        {
            text.AppendLine().AppendLine("Problems:");
            foreach (var d in report.Diagnostics)
            {
                text.Append("  ").AppendLine(d.ToString());
            }
        }

        text.AppendLine().AppendLine(CultureInfo.InvariantCulture, $"Red-flag checker: {report.IntendedPurpose}");
        foreach (var sign in report.Signs)
        {
            text.AppendLine(CultureInfo.InvariantCulture,
                $"  {sign.Level,-9} {sign.Id,-20} sources: {(sign.Sources.Count == 0 ? "none" : string.Join("; ", sign.Sources.Select(s => s.Url ?? s.Publisher)))}");
        }

        return text.ToString();
    }

    public static string Json(GovernanceReport report)
    {
        var pages = new JsonArray(report.Pages.Select(p => (JsonNode)new JsonObject
        {
            ["title"] = p.Title,
            ["source"] = p.Source,
            ["kind"] = p.Kind,
            ["status"] = p.Status,
            ["health"] = p.Health,
            ["draft"] = p.Draft,
            ["placeholders"] = p.Placeholders,
            ["reviewer"] = p.Reviewer is { } r
                ? new JsonObject { ["id"] = r.Id, ["name"] = r.Name, ["profession"] = r.Profession, ["registration"] = r.Registration }
                : p.ReviewedBy is { } by ? new JsonObject { ["id"] = by } : null,
            ["reviewed_on"] = p.ReviewedOn is { } on ? Iso(on) : null,
            ["next_review"] = p.NextReview is { } next ? Iso(next) : null,
            ["days_left"] = p.DaysLeft,
            ["sources"] = Sources(p.Sources),
            ["reading_age"] = p.Readability is { Words: > 0 } read ? Math.Round(read.ReadingAge, 1) : null,
            ["grade"] = p.Readability is { Words: > 0 } g ? Math.Round(g.Grade, 1) : null,
            ["words"] = p.Readability?.Words,
            ["hardest_sentence_lines"] = p.Readability is { } h ? new JsonArray(h.Hardest.Select(s => (JsonNode)s.At.Line).ToArray()) : null,
            ["problems"] = new JsonArray(p.Problems.Select(d => (JsonNode)d.ToString()).ToArray()),
        }).ToArray());
        var root = new JsonObject
        {
            ["date"] = Iso(report.Today),
            ["passes_strict_build"] = !report.FailsStrict,
            ["errors"] = Count(report, true),
            ["warnings"] = Count(report, false),
            ["pages"] = pages,
            ["red_flags"] = new JsonObject
            {
                ["intended_purpose"] = report.IntendedPurpose,
                ["signs"] = new JsonArray(report.Signs.Select(s => (JsonNode)new JsonObject
                {
                    ["id"] = s.Id, ["question"] = s.Question, ["level"] = s.Level, ["sources"] = Sources(s.Sources),
                }).ToArray()),
            },
            ["diagnostics"] = new JsonArray(report.Diagnostics.Select(d => (JsonNode)d.ToString()).ToArray()),
        };
        return root.ToJsonString(JsonOptions) + "\n";
    }

    /// <summary>The report as a page for <c>serve</c>'s <c>/_report/</c>: a table, everything escaped, no script or style.</summary>
    public static string Html(GovernanceReport report)
    {
        static string E(string? s) => WebUtility.HtmlEncode(s ?? "");
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"robots\" content=\"noindex\">\n<title>Governance report</title>\n</head>\n<body>\n<main>\n<h1>Governance report</h1>\n");
        html.Append(CultureInfo.InvariantCulture, $"<p>{E(Iso(report.Today))}: {report.Pages.Count} pages, {Count(report, true)} error(s), {Count(report, false)} warning(s). ");
        html.Append(report.FailsStrict ? "<strong>build --strict would fail.</strong>" : "build --strict would pass.").Append(" This page exists only in the preview; it is never published.</p>\n");
        html.Append("<table>\n<caption>Pages, what needs attention first</caption>\n<thead><tr><th scope=\"col\">Status</th><th scope=\"col\">Page</th><th scope=\"col\">Reviewer</th><th scope=\"col\">Next review</th><th scope=\"col\">Reading age</th><th scope=\"col\">Words</th><th scope=\"col\">Sources</th><th scope=\"col\">Problems</th></tr></thead>\n<tbody>\n");
        foreach (var p in report.Pages)
        {
            var reviewer = p.Reviewer is { } r ? $"{r.Name}, {r.Profession}, {r.Registration}" : p.ReviewedBy ?? "";
            var next = p.NextReview is { } n ? $"{Iso(n)} ({p.DaysLeft} days)" : "";
            var age = p.Readability is { Words: > 0 } read ? read.ReadingAge.ToString("0.0", CultureInfo.InvariantCulture) : "";
            html.Append(CultureInfo.InvariantCulture, $"<tr><td>{E(p.Status)}{(p.Draft ? " (draft)" : "")}</td><th scope=\"row\">{E(p.Title)}<br><code>{E(p.Source)}</code></th><td>{E(reviewer)}</td><td>{E(next)}</td><td>{E(age)}</td><td>{p.Readability?.Words}</td><td>{(p.Sources.Count == 0 ? "" : "<ul>" + string.Concat(p.Sources.Select(s => $"<li>{E(s.Title)}</li>")) + "</ul>")}</td><td>{(p.Problems.Count == 0 ? "" : "<ul>" + string.Concat(p.Problems.Select(d => $"<li>{E(d.ToString())}</li>")) + "</ul>")}</td></tr>\n");
        }

        html.Append("</tbody>\n</table>\n<h2>Red-flag checker</h2>\n<p>").Append(E(report.IntendedPurpose)).Append("</p>\n<ul>\n");
        foreach (var s in report.Signs)
        {
            html.Append(CultureInfo.InvariantCulture, $"<li>{E(s.Level)}: {E(s.Question)} (sources: {E(string.Join("; ", s.Sources.Select(c => c.Title)))})</li>\n");
        }

        return html.Append("</ul>\n</main>\n</body>\n</html>\n").ToString();
    }

    private static JsonArray Sources(IReadOnlyList<Citation> sources) => new(sources.Select(s => (JsonNode)new JsonObject
    {
        ["title"] = s.Title, ["url"] = s.Url, ["publisher"] = s.Publisher,
        ["published"] = s.Published is { } p ? Iso(p) : null, ["accessed"] = s.Accessed is { } a ? Iso(a) : null,
    }).ToArray());

    private static int Count(GovernanceReport report, bool errors) => report.Diagnostics.Count(d => d.IsError == errors);

    private static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string Cut(string text, int length) => text.Length <= length ? text : text[..(length - 1)] + "…";
}
