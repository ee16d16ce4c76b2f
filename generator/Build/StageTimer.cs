using System.Diagnostics;

namespace BackCareSite.Build;

/// <summary>Wall and CPU time of each build stage, for <c>build --timings</c> and the benchmark.</summary>
internal sealed class StageTimer
{
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly List<StageTime> _stages = [];
    private TimeSpan _last;
    private (TimeSpan User, TimeSpan System) _lastCpu = Cpu();

    public IReadOnlyList<StageTime> Stages => _stages;

    public TimeSpan Elapsed => _clock.Elapsed;

    /// <summary>Records the time since the previous mark as the named stage.</summary>
    public void Mark(string stage)
    {
        var now = _clock.Elapsed;
        var cpu = Cpu();
        _stages.Add(new StageTime(stage, now - _last, cpu.User - _lastCpu.User, cpu.System - _lastCpu.System,
            GC.GetTotalMemory(forceFullCollection: false)));
        _last = now;
        _lastCpu = cpu;
    }

    private static (TimeSpan User, TimeSpan System) Cpu()
    {
        using var process = Process.GetCurrentProcess();
        return (process.UserProcessorTime, process.PrivilegedProcessorTime);
    }
}

/// <summary>One stage's wall time, the process's user and system CPU time during it (every thread), and the heap after it.</summary>
internal readonly record struct StageTime(string Stage, TimeSpan Time, TimeSpan User, TimeSpan System, long HeapBytes);
