using BackCareSite.Output;

namespace BackCareSite.Tests.Output;

/// <summary>Issue #19: the link check reads the writer's list of files instead of walking the staging folder, so the list must be the folder's.</summary>
public sealed class OutputWriterTests
{
    [Fact]
    public void ListsEveryFileItWroteOrCopiedAsTheFolderHoldsThem()
    {
        var root = Path.Combine(Path.GetTempPath(), "bcs-writer-" + Guid.NewGuid().ToString("N"));
        var source = root + ".source.svg";
        try
        {
            File.WriteAllText(source, "<svg/>");
            var writer = new OutputWriter(root);
            writer.Write(new OutputFile("index.html", "<p>home</p>"));
            writer.Write(new OutputFile("articles/one/index.html", "<p>one</p>"));
            writer.Write(new OutputFile("404.html", "<p>lost</p>"));
            writer.Replace(new OutputFile("404.html", "<p>lost, again</p>"));
            writer.Copy(new CopiedFile("media/figure.svg", source));

            var listed = Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories)
                .Select(f => Path.GetRelativePath(root, f).Replace('\\', '/'))
                .Order(StringComparer.Ordinal);
            Assert.Equal(listed, writer.Written.Distinct().Order(StringComparer.Ordinal));
            Assert.Equal(["404.html", "articles/one/index.html", "index.html", "media/figure.svg"], listed);
        }
        finally
        {
            File.Delete(source);
            if (Directory.Exists(root))
            {
                Directory.Delete(root, true);
            }
        }
    }
}
