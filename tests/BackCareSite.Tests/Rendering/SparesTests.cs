using System.Collections.Concurrent;
using BackCareSite.Rendering;

namespace BackCareSite.Tests.Rendering;

/// <summary>
/// Issue #19: the buffers a build keeps between pages are at most one a core, shared by every thread (a long build's
/// thread pool adds threads, and a buffer kept per thread made memory grow with the length of the build).
/// </summary>
public sealed class SparesTests
{
    [Fact]
    public void KeepsAtMostItsCountAndHandsEachOutOnce()
    {
        var spares = new Spares<object>(2);
        object a = new(), b = new(), c = new();

        Assert.True(spares.Give(a));
        Assert.True(spares.Give(b));
        Assert.False(spares.Give(c));
        Assert.Equal(2, spares.Count);

        var taken = new[] { spares.Take(), spares.Take() };
        Assert.Null(spares.Take());
        Assert.Equal(0, spares.Count);
        Assert.Equal(new HashSet<object?>([a, b], ReferenceEqualityComparer.Instance), taken.ToHashSet(ReferenceEqualityComparer.Instance));
    }

    [Fact]
    public void KeepsOneACoreUnlessToldOtherwise()
    {
        var spares = new Spares<object>();
        var given = 0;
        for (var i = 0; i < Environment.ProcessorCount + 3; i++)
        {
            given += spares.Give(new object()) ? 1 : 0;
        }

        Assert.Equal(Environment.ProcessorCount, given);
        Assert.Equal(Environment.ProcessorCount, spares.Count);
    }

    [Fact]
    public void NeverHandsOneSpareToTwoThreads()
    {
        var spares = new Spares<int[]>(4);
        var inUse = new ConcurrentDictionary<int[], byte>(ReferenceEqualityComparer.Instance);
        var twice = 0;

        Parallel.For(0, 200_000, new ParallelOptions { MaxDegreeOfParallelism = 8 }, _ =>
        {
            var spare = spares.Take() ?? new int[1];
            if (!inUse.TryAdd(spare, 0))
            {
                Interlocked.Increment(ref twice);
            }

            inUse.TryRemove(spare, out byte _);
            spares.Give(spare);
        });

        Assert.Equal(0, twice);
        Assert.InRange(spares.Count, 1, 4);
    }
}
