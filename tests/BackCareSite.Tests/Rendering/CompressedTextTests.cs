using BackCareSite.Rendering;

namespace BackCareSite.Tests.Rendering;

/// <summary>
/// The texts serve keeps compressed, and the temporary files they are kept in (<see cref="TextSpill"/>, issue #14):
/// the same text back, equal texts equal wherever their bytes are, no file left in the temporary folder, and a file
/// closed once it is full and no text in it is reachable.
/// </summary>
public sealed class CompressedTextTests
{
    private static string Page(int seed) =>
        string.Concat(Enumerable.Range(0, 400).Select(i => $"<p>Line {i * seed % 977} of a page about back care, ü — {seed}.</p>\n"));

    [Fact]
    public void TextKeptInTheTemporaryFileReadsBackTheSame()
    {
        TextSpill.Enable();
        var page = Page(7);

        var kept = CompressedText.Of(page);

        Assert.Equal(page, kept.Text());
        Assert.Equal(System.Text.Encoding.UTF8.GetBytes(page), kept.Bytes());
        Assert.Equal(System.Text.Encoding.UTF8.GetByteCount(page), kept.Length);
    }

    [Fact]
    public void TextKeptInTheTemporaryFileHoldsOneSmallObject()
    {
        // serve holds about 68,000 such texts at 10,000 articles: where the bytes are is kept in the text itself, where it
        // was an object of its own beside it (80 bytes a text, 40 now; docs/serve.md, "Seventeenth session").
        TextSpill.Enable();
        var bytes = System.Text.Encoding.UTF8.GetBytes(Page(11));
        CompressedText.OfBytes(bytes);
        var buffer = 24 + System.IO.Compression.BrotliEncoder.GetMaxCompressedLength(bytes.Length);

        var before = GC.GetAllocatedBytesForCurrentThread();
        var kept = CompressedText.OfBytes(bytes);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.InRange(allocated - buffer, 1, 48);
        Assert.Equal(bytes, kept.Bytes());
    }

    [Fact]
    public void TextsAreEqualExactlyWhenTheirTextIs()
    {
        TextSpill.Enable();

        Assert.Equal(CompressedText.Of(Page(3)), CompressedText.Of(Page(3)));
        Assert.NotEqual(CompressedText.Of(Page(3)), CompressedText.Of(Page(4)));
        Assert.Equal(CompressedText.Of("short"), CompressedText.Of("short"));
        Assert.NotEqual(CompressedText.Of("short"), CompressedText.Of(Page(3)));
    }

    [Fact]
    public void TemporaryFileLeavesTheFolderAtOnce()
    {
        var segment = TextSpill.Segment.Create(int.MaxValue);

        Assert.NotNull(segment);
        Assert.False(segment.Handle.IsInvalid);
        Assert.Empty(Directory.GetFiles(Path.GetTempPath(), $"backcaresite-serve-{Environment.ProcessId}-*"));
        segment.Close();
    }

    [Fact]
    public void FileClosesWhenFullAndNoTextInItIsLeft()
    {
        var segment = TextSpill.Segment.Create(int.MaxValue - 1)!;
        var first = segment.Reserve(100);
        var second = segment.Reserve(50);

        segment.Release(100);
        segment.Close();
        Assert.False(segment.Handle.IsClosed);
        segment.Release(50);

        Assert.Equal((0, 100), (first, second));
        Assert.True(segment.Handle.IsClosed);
    }

    [Fact]
    public void FileInUseStaysOpenWhileItTakesTexts()
    {
        var segment = TextSpill.Segment.Create(int.MaxValue - 2)!;
        segment.Reserve(10);
        segment.Release(10);

        Assert.False(segment.Handle.IsClosed);
        segment.Close();
        Assert.True(segment.Handle.IsClosed);
    }
}
