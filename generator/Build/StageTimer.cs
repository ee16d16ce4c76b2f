using System.Diagnostics;

namespace BackCareSite.Build;

/// <summary>Wall time of each build stage, for <c>build --timings</c> and the benchmark.</summary>
internal sealed class StageTimer
{
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly List<(string Stage, TimeSpan Time, long HeapBytes)> _stages = [];
    private TimeSpan _last;

    public IReadOnlyList<(string Stage, TimeSpan Time, long HeapBytes)> Stages => _stages;

    public TimeSpan Elapsed => _clock.Elapsed;

    /// <summary>Records the time since the previous mark as the named stage.</summary>
    public void Mark(string stage)
    {
        var now = _clock.Elapsed;
        _stages.Add((stage, now - _last, GC.GetTotalMemory(forceFullCollection: false)));
        _last = now;
    }
}
