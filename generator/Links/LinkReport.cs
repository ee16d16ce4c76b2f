using System.Text;
using System.Text.Json;
using BackCareSite.Diagnostics;

namespace BackCareSite.Links;

/// <summary>Prints a <see cref="LinkCheckResult"/> as text lines or as JSON.</summary>
internal static class LinkReport
{
    /// <summary>
    /// One line per problem (<c>path:line:col: error CODE: message</c>), then the external URLs that
    /// were not fetched, then a summary line with counts.
    /// </summary>
    public static void WriteText(LinkCheckResult result, ExternalReport? external, TextWriter output)
    {
        foreach (var diagnostic in result.Diagnostics)
        {
            output.WriteLine(diagnostic);
        }

        if (external is null)
        {
            foreach (var (url, uses) in result.External.OrderBy(e => e.Key, StringComparer.Ordinal))
            {
                var first = uses[0];
                output.WriteLine($"external (not checked): {url} ({Count(uses.Count, "use")}, first at {first.Path}:{first.Line}:{first.Column})");
            }
        }

        output.WriteLine(Summary(result, external));
    }

    public static string Summary(LinkCheckResult result, ExternalReport? external)
    {
        var hosts = result.External.Keys.Select(Host).Distinct(StringComparer.OrdinalIgnoreCase).Count();
        var externalPart = external is null
            ? $"{Count(result.External.Count, "external URL")} on {Count(hosts, "host")} not checked (use --external)"
            : $"{Count(result.External.Count, "external URL")} checked ({external.FromCache} from the cache)";
        return $"Checked {Count(result.Pages, "page")}, {Count(result.Links, "link")}, {Count(result.Files, "file")}: "
               + $"{Count(result.ErrorCount, "error")}, {Count(result.WarningCount, "warning")}; {externalPart}.";
    }

    public static void WriteJson(LinkCheckResult result, ExternalReport? external, TextWriter output)
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartObject();
            json.WriteNumber("pages", result.Pages);
            json.WriteNumber("files", result.Files);
            json.WriteNumber("links", result.Links);
            json.WriteNumber("errors", result.ErrorCount);
            json.WriteNumber("warnings", result.WarningCount);
            json.WriteStartArray("findings");
            foreach (var d in result.Diagnostics)
            {
                json.WriteStartObject();
                json.WriteString("path", d.Path);
                json.WriteNumber("line", d.Line);
                json.WriteNumber("column", d.Column);
                json.WriteString("severity", d.IsError ? "error" : "warning");
                json.WriteString("code", d.Code);
                json.WriteString("message", d.Message);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteStartArray("external");
            foreach (var (url, uses) in result.External.OrderBy(e => e.Key, StringComparer.Ordinal))
            {
                json.WriteStartObject();
                json.WriteString("url", url);
                json.WriteBoolean("checked", external is not null);
                if (external?.Outcomes.GetValueOrDefault(url) is { } outcome)
                {
                    json.WriteBoolean("ok", outcome.Ok);
                    if (outcome.Status is { } status)
                    {
                        json.WriteNumber("status", status);
                    }

                    json.WriteString("detail", outcome.Detail);
                }

                json.WriteStartArray("uses");
                foreach (var use in uses)
                {
                    json.WriteStartObject();
                    json.WriteString("path", use.Path);
                    json.WriteNumber("line", use.Line);
                    json.WriteNumber("column", use.Column);
                    json.WriteEndObject();
                }

                json.WriteEndArray();
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        output.WriteLine(Encoding.UTF8.GetString(stream.ToArray()));
    }

    internal static string Host(string url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) ? uri.Host : url;

    private static string Count(int n, string noun) => n == 1 ? $"1 {noun}" : $"{n} {noun}s";
}
