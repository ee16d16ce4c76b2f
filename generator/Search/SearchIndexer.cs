using System.Diagnostics;
using System.Text.Json;
using BackCareSite.Content;
using BackCareSite.Diagnostics;

namespace BackCareSite.Search;

/// <summary>What indexing did: how many pages the index holds, or why there is no index.</summary>
internal sealed record SearchIndexResult(int PageCount, string? SkippedBecause)
{
    public bool Indexed => SkippedBecause is null && PageCount > 0;
}

/// <summary>
/// Runs Pagefind over a written site (the build's staging folder, or the preview's copy),
/// which writes the index to <c>pagefind/</c> inside it. Pagefind indexes only the parts of
/// pages the templates mark with <c>data-pagefind-body</c>: article and exercise bodies.
/// </summary>
internal static class SearchIndexer
{
    /// <summary>The folder, inside the site, that Pagefind writes and the search page loads.</summary>
    public const string Folder = "pagefind";

    public const string EnableHint = "run `npm ci` at the top of the repository (it needs Node) to enable search";

    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(5);

    /// <summary>
    /// Indexes <paramref name="siteFolder"/>; diagnostics name <paramref name="shownAs"/> (the output
    /// folder, not the staging folder that is gone by the time they are read). A missing Pagefind is a note when search is optional
    /// and error BCS1201 when it is required; a failed run is error BCS1202 either way. When
    /// <paramref name="cancel"/> fires (the preview stopping), Pagefind and its children are ended
    /// at once and the result says so, with no diagnostic.
    /// </summary>
    public static SearchIndexResult Index(string siteFolder, string shownAs, SearchOptions options, DiagnosticBag diagnostics, CancellationToken cancel = default)
    {
        string Shown() => diagnostics.Display(shownAs);
        if (options.Tool is not { } tool)
        {
            if (options.Required)
            {
                diagnostics.Error(ErrorCodes.SearchToolMissing, Shown(), 1, 1,
                    $"search is required here (CI or Netlify) but Node or the npm package `pagefind` is missing; {EnableHint}");
                return new SearchIndexResult(0, "Pagefind is missing");
            }

            return new SearchIndexResult(0, $"Node or Pagefind is not installed; {EnableHint}");
        }

        var (exitCode, output) = Run(tool, siteFolder, cancel);
        if (cancel.IsCancellationRequested)
        {
            return new SearchIndexResult(0, "indexing was stopped");
        }

        if (exitCode != 0)
        {
            diagnostics.Error(ErrorCodes.SearchIndexFailed, Shown(), 1, 1,
                $"Pagefind could not index the site (exit code {exitCode}): {LastLines(output)}; nothing was published");
            return new SearchIndexResult(0, "Pagefind failed");
        }

        var pages = PageCount(Path.Combine(siteFolder, Folder, "pagefind-entry.json"));
        if (pages == 0)
        {
            diagnostics.Error(ErrorCodes.SearchIndexFailed, Shown(), 1, 1,
                "Pagefind wrote no search index (no page has `data-pagefind-body`?); check the article and exercise templates; nothing was published");
            return new SearchIndexResult(0, "the index is empty");
        }

        return new SearchIndexResult(pages, null);
    }

    /// <summary>Pages in the index, from the entry file Pagefind writes last; 0 when there is none.</summary>
    public static int PageCount(string entryFile)
    {
        if (!File.Exists(entryFile))
        {
            return 0;
        }

        using var entry = JsonDocument.Parse(File.ReadAllBytes(entryFile));
        return entry.RootElement.TryGetProperty("languages", out var languages)
            ? languages.EnumerateObject().Sum(l => l.Value.TryGetProperty("page_count", out var n) ? n.GetInt32() : 0)
            : 0;
    }

    private static (int ExitCode, string Output) Run(PagefindTool tool, string siteFolder, CancellationToken cancel)
    {
        // Pagefind reads its working directory as it starts and panics when that folder is gone, so it
        // runs in the site folder, never in whatever the process's working directory is at the time
        // (a caller may change it, and delete the folder, while Pagefind runs).
        siteFolder = Path.GetFullPath(siteFolder);
        var start = new ProcessStartInfo(tool.Node)
        {
            WorkingDirectory = siteFolder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(tool.Runner);
        start.ArgumentList.Add("--site");
        start.ArgumentList.Add(siteFolder);
        start.ArgumentList.Add("--quiet");
        try
        {
            using var process = Process.Start(start) ?? throw new IOException("node did not start");
            // Stopping ends Pagefind's whole tree (node and the native indexer it starts): left
            // running, it would outlive the preview, writing into a folder that is being deleted.
            using var stop = cancel.Register(() => End(process));
            var stderr = process.StandardError.ReadToEndAsync();
            var stdout = process.StandardOutput.ReadToEndAsync();
            if (!process.WaitForExit(Timeout))
            {
                End(process);
                return (-1, $"it did not finish in {Timeout.TotalMinutes:0} minutes");
            }

            return (process.ExitCode, stdout.Result + stderr.Result);
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            return (-1, $"{tool.Node} could not be started: {ex.Message}");
        }
    }

    private static void End(Process process)
    {
        try
        {
            process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // It had already exited.
        }
    }

    private static string LastLines(string output)
    {
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return lines.Length == 0 ? "it printed nothing" : string.Join(" / ", lines.TakeLast(3));
    }
}
