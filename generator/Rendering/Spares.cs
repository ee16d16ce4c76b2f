namespace BackCareSite.Rendering;

/// <summary>
/// A few spare objects (buffers) shared by every thread that uses them: at most one for each core, whatever the number
/// of threads. A buffer kept per thread (<c>[ThreadStatic]</c>) costs memory for every thread the pool has ever given
/// the work to, and the thread pool adds threads while a long build runs, the more the longer it runs (at 20,000
/// articles, on a busy machine, 19 threads where 10,000 articles had 9): memory that grew with the site.
/// </summary>
internal sealed class Spares<T>
    where T : class
{
    private readonly T?[] _slots;

    public Spares(int count) => _slots = new T?[Math.Max(1, count)];

    /// <summary>One spare for each core.</summary>
    public Spares()
        : this(Environment.ProcessorCount)
    {
    }

    /// <summary>How many are kept now (for tests; a moment's answer while other threads take and give).</summary>
    public int Count
    {
        get
        {
            var count = 0;
            for (var i = 0; i < _slots.Length; i++)
            {
                if (Volatile.Read(ref _slots[i]) is not null)
                {
                    count++;
                }
            }

            return count;
        }
    }

    /// <summary>A spare, taken out (no other thread gets it), or null when there is none.</summary>
    public T? Take()
    {
        for (var i = 0; i < _slots.Length; i++)
        {
            if (Volatile.Read(ref _slots[i]) is not null && Interlocked.Exchange(ref _slots[i], null) is { } spare)
            {
                return spare;
            }
        }

        return null;
    }

    /// <summary>Keeps <paramref name="spare"/> when a place is free; false when every place is taken (it is then let go).</summary>
    public bool Give(T spare)
    {
        for (var i = 0; i < _slots.Length; i++)
        {
            if (Interlocked.CompareExchange(ref _slots[i], spare, null) is null)
            {
                return true;
            }
        }

        return false;
    }
}
