using BackCareSite.Diagnostics;

namespace BackCareSite.Tests.Serve;

/// <summary>
/// The preview's order of diagnostics (the last run's sorted list, less what is gone, with the new ones merged
/// in): after every run it is the list a full sort gives, duplicates by value dropped, in the same order.
/// </summary>
public sealed class KeptOrderTests
{
    [Fact]
    public void EveryRunGivesTheListAFullSortGives()
    {
        var random = new Random(1409);
        var order = new KeptOrder();
        var pool = Enumerable.Range(0, 400).Select(_ => Make(random)).ToList();
        var current = pool.Take(200).ToList();
        for (var run = 0; run < 60; run++)
        {
            // Keep most objects, drop some, add new ones, value-equal copies of kept ones and repeats of one object.
            current = current.Where(_ => random.Next(10) > 0).ToList();
            current.AddRange(Enumerable.Range(0, random.Next(0, 20)).Select(_ => pool[random.Next(pool.Count)]));
            current.AddRange(Enumerable.Range(0, random.Next(0, 5)).Select(_ => current.Count == 0 ? Make(random) : current[random.Next(current.Count)] with { }));
            current.AddRange(Enumerable.Range(0, random.Next(0, 5)).Select(_ => Make(random)));
            var shuffled = current.OrderBy(_ => random.Next()).ToList();

            Assert.Equal(DiagnosticBag.Sort(shuffled), order.Sort(shuffled));
        }
    }

    [Fact]
    public void AnEmptyRunAfterAFullOneIsEmpty()
    {
        var order = new KeptOrder();
        order.Sort([Diagnostic.Warning("BCS0901", "b.md", 1, 1, "x"), Diagnostic.Error("BCS0101", "a.md", 2, 1, "y")]);

        Assert.Empty(order.Sort([]));
    }

    private static Diagnostic Make(Random random)
    {
        var path = $"content/articles/{(char)('a' + random.Next(6))}.md";
        var code = $"BCS09{random.Next(10, 14)}";
        return random.Next(2) == 0
            ? Diagnostic.Error(code, path, random.Next(1, 4), random.Next(1, 3), $"message {random.Next(3)}")
            : Diagnostic.Warning(code, path, random.Next(1, 4), random.Next(1, 3), $"message {random.Next(3)}");
    }
}
