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

    /// <summary>
    /// Issue #19: files written and copied from many threads at once leave at most one buffer a core for the next ones
    /// (the shared pool kept one of each size for every thread, and a long build's thread pool keeps adding threads);
    /// a copy larger than a buffer has the source's bytes.
    /// </summary>
    [Fact]
    public void WritesAndCopiesFromManyThreadsKeepingAtMostOneBufferACore()
    {
        var root = Path.Combine(Path.GetTempPath(), "bcs-writer-" + Guid.NewGuid().ToString("N"));
        var source = root + ".source.bin";
        try
        {
            var bytes = new byte[(OutputWriter.LargestBuffer * 2) + 12345];
            new Random(19).NextBytes(bytes);
            File.WriteAllBytes(source, bytes);
            var writer = new OutputWriter(root);
            using var start = new Barrier(16);
            var threads = Enumerable.Range(0, 16).Select(t => new Thread(() =>
            {
                start.SignalAndWait();
                for (var i = 0; i < 20; i++)
                {
                    writer.Write(new OutputFile($"t{t}/p{i}.html", $"<p>{t} {i}</p>"));
                }

                writer.Copy(new CopiedFile($"t{t}/media.bin", source));
            })).ToList();
            threads.ForEach(t => t.Start());
            threads.ForEach(t => t.Join());

            Assert.InRange(writer.SpareBuffers, 1, Environment.ProcessorCount);
            Assert.Equal("<p>7 19</p>", File.ReadAllText(Path.Combine(root, "t7", "p19.html")));
            for (var t = 0; t < 16; t++)
            {
                Assert.Equal(bytes, File.ReadAllBytes(Path.Combine(root, $"t{t}", "media.bin")));
            }
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

    /// <summary>
    /// A file larger than the writer's buffer (a large site's sitemap or tag page) is encoded in pieces,
    /// so no buffer is sized to the site; the bytes are the same as encoding it whole.
    /// </summary>
    [Fact]
    public void WritesAFileLargerThanItsBufferInPiecesWithTheSameBytes()
    {
        var root = Path.Combine(Path.GetTempPath(), "bcs-writer-" + Guid.NewGuid().ToString("N"));
        try
        {
            // ASCII, two-, three- and four-byte characters (a surrogate pair), so pieces end inside every kind.
            var unit = "<li>Knee \u00e9t\u00e9 \u2014 \U0001F9B4 back</li>\n";
            var text = string.Concat(Enumerable.Repeat(unit, (OutputWriter.LargestBuffer / unit.Length) + 7));
            Assert.True(System.Text.Encoding.UTF8.GetMaxByteCount(text.Length) > OutputWriter.LargestBuffer);
            var writer = new OutputWriter(root);
            writer.Write(new OutputFile("sitemap.xml", text));
            writer.Write(new OutputFile("small.html", unit));

            Assert.Equal(System.Text.Encoding.UTF8.GetBytes(text), File.ReadAllBytes(Path.Combine(root, "sitemap.xml")));
            Assert.Equal(System.Text.Encoding.UTF8.GetBytes(unit), File.ReadAllBytes(Path.Combine(root, "small.html")));
        }
        finally
        {
            if (Directory.Exists(root))
            {
                Directory.Delete(root, true);
            }
        }
    }

    /// <summary>Pieces end at every position of every kind of character with a buffer of a few bytes.</summary>
    [Theory]
    [InlineData(4)]
    [InlineData(5)]
    [InlineData(7)]
    [InlineData(64)]
    public void PiecesNeverSplitACharacter(int bufferBytes)
    {
        var path = Path.Combine(Path.GetTempPath(), "bcs-pieces-" + Guid.NewGuid().ToString("N"));
        try
        {
            var text = string.Concat(Enumerable.Repeat("a\u00e9\u2014\U0001F9B4", 13)) + "\U0001F9B4";
            using (var handle = File.OpenHandle(path, FileMode.CreateNew, FileAccess.Write))
            {
                OutputWriter.WriteInPieces(handle, text, new byte[bufferBytes]);
            }

            Assert.Equal(System.Text.Encoding.UTF8.GetBytes(text), File.ReadAllBytes(path));
        }
        finally
        {
            File.Delete(path);
        }
    }
}
