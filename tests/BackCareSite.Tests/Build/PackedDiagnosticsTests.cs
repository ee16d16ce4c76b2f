using BackCareSite.Diagnostics;

namespace BackCareSite.Tests.Build;

/// <summary>
/// A <see cref="DiagnosticBag"/> keeps the warnings a large site has on most pages as a few bytes each
/// (<see cref="PackedMessage"/>); read back, each is the diagnostic its message describes, in the same order and as often.
/// </summary>
public sealed class PackedDiagnosticsTests
{
    private static readonly PackedMessage Due = new(Severity.Warning, "BCS0214", static p => $"due on {p.Date(0):yyyy-MM-dd}");

    private static readonly PackedMessage Mixed = new(Severity.Error, "BCS9999",
        static p => $"{p.Real(0):0.000} {p.Number(1)} {p.Number(2)} [{p.Text(0)}|{p.Text(1)}] {p.Count}");

    [Fact]
    public void APackedDiagnosticReadsBackAsTheDiagnosticItsMessageDescribes()
    {
        var bag = new DiagnosticBag(null);

        bag.Add(Due, "content/articles/a.md", 12, 3, [PackedParts.Of(new DateOnly(2025, 7, 13))]);

        var read = Assert.Single(bag.Sorted());
        Assert.Equal(Diagnostic.Warning("BCS0214", "content/articles/a.md", 12, 3, "due on 2025-07-13"), read);
        Assert.Equal("content/articles/a.md:12:3: warning BCS0214: due on 2025-07-13", read.ToString());
        Assert.Equal(1, bag.Count);
        Assert.False(bag.HasErrors);
    }

    [Fact]
    public void NumbersAndStringsComeBackExactlyAndAnErrorFailsTheBag()
    {
        var bag = new DiagnosticBag(null);

        bag.Add(Mixed, "p\u001b.md", -4, 0, [PackedParts.Of(13.9876), long.MinValue, long.MaxValue], ["a `b`", ""]);

        var read = Assert.Single(bag.Items);
        Assert.Equal($"13.988 {long.MinValue} {long.MaxValue} [a `b`|] 3", read.Message);
        Assert.Equal(("p\u001b.md", -4, 0, Severity.Error), (read.Path, read.Line, read.Column, read.Severity));
        Assert.True(bag.HasErrors);
    }

    [Fact]
    public void PackedAndPlainDiagnosticsSortTogetherAndEqualOnesAreReportedOnce()
    {
        var bag = new DiagnosticBag(null);
        var date = PackedParts.Of(new DateOnly(2026, 1, 2));
        bag.Add(Due, "b.md", 2, 1, [date]);
        bag.Warning("BCS0214", "b.md", 1, 1, "plain");
        bag.Add(Due, "a.md", 9, 9, [date]);
        // The same diagnostic, once packed and once written out: one in the sorted list, as for two plain ones.
        bag.Warning("BCS0214", "a.md", 9, 9, "due on 2026-01-02");
        bag.Add(Due, "b.md", 2, 1, [date]);

        Assert.Equal(5, bag.Count);
        Assert.Equal(
            ["a.md:9:9: warning BCS0214: due on 2026-01-02", "b.md:1:1: warning BCS0214: plain", "b.md:2:1: warning BCS0214: due on 2026-01-02"],
            bag.Sorted().Select(d => d.ToString()));
    }

    [Fact]
    public void AddsFromManyThreadsAreAllKept()
    {
        var bag = new DiagnosticBag(null);

        Parallel.For(0, 8, thread =>
        {
            for (var i = 0; i < 5_000; i++)
            {
                bag.Add(Due, $"t{thread}.md", i + 1, 1, [PackedParts.Of(new DateOnly(2020, 1, 1).AddDays(i))]);
            }
        });

        var sorted = bag.Sorted();
        Assert.Equal(40_000, bag.Count);
        Assert.Equal(40_000, sorted.Count);
        Assert.All(sorted, d => Assert.Equal($"due on {new DateOnly(2020, 1, 1).AddDays(d.Line - 1):yyyy-MM-dd}", d.Message));
        Assert.Equal(Enumerable.Range(0, 8).SelectMany(t => Enumerable.Range(1, 5_000).Select(l => (Path: $"t{t}.md", Line: l))),
            sorted.Select(d => (d.Path, d.Line)));
    }
}
