using AngleSharp.Dom;
using AngleSharp.Html.Parser;
using BackCareSite.Build;

namespace BackCareSite.Tests.Support;

/// <summary>
/// The repository's own content and templates, built once into a temporary
/// folder for the page-type tests (an xunit class fixture). Deleted afterwards.
/// </summary>
public sealed class SampleSite : IDisposable
{
    public const string BaseUrl = "https://physiobox.example/";

    public SampleSite()
    {
        Root = Path.Combine(Path.GetTempPath(), "bcs-sample-" + Guid.NewGuid().ToString("N")[..12]);
        var result = SiteBuilder.Build(new BuildOptions
        {
            ContentDir = RepoPaths.Content, TemplatesDir = RepoPaths.Templates, OutDir = OutDir, Today = new DateOnly(2026, 11, 25),
        });
        if (!result.Published || result.Diagnostics.Count > 0)
        {
            throw new InvalidOperationException("the sample site did not build cleanly:\n" + string.Join('\n', result.Diagnostics));
        }
    }

    public string Root { get; }

    public string OutDir => Path.Combine(Root, "public");

    public string Read(string outputPath) => File.ReadAllText(Path.Combine(OutDir, outputPath));

    public bool Exists(string outputPath) => File.Exists(Path.Combine(OutDir, outputPath));

    public IDocument Html(string outputPath) => new HtmlParser().ParseDocument(Read(outputPath));

    /// <summary>Every reader's page of the output (every HTML file but the CMS's under <c>admin/</c>), as paths relative to it.</summary>
    public IReadOnlyList<string> HtmlFiles() => Directory.EnumerateFiles(OutDir, "*.html", SearchOption.AllDirectories)
        .Select(f => Path.GetRelativePath(OutDir, f).Replace('\\', '/'))
        .Where(f => !f.StartsWith("admin/", StringComparison.Ordinal))
        .Order(StringComparer.Ordinal)
        .ToList();

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
