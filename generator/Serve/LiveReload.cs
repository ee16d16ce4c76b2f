using System.Threading.Channels;

namespace BackCareSite.Serve;

/// <summary>
/// The open server-sent-event streams. Each browser tab (and test) listening gets every
/// reload event; a tab reloads when the site version differs from the one it was served.
/// </summary>
internal sealed class LiveReload
{
    private readonly object _gate = new();
    private readonly List<Channel<long>> _listeners = [];

    public int ListenerCount
    {
        get
        {
            lock (_gate)
            {
                return _listeners.Count;
            }
        }
    }

    public ChannelReader<long> Listen()
    {
        var channel = Channel.CreateUnbounded<long>(new UnboundedChannelOptions { SingleReader = true });
        lock (_gate)
        {
            _listeners.Add(channel);
        }

        return channel.Reader;
    }

    public void Stop(ChannelReader<long> reader)
    {
        lock (_gate)
        {
            _listeners.RemoveAll(c => c.Reader == reader);
        }
    }

    /// <summary>Tells every open page that version <paramref name="version"/> is ready.</summary>
    public void Broadcast(long version)
    {
        lock (_gate)
        {
            foreach (var listener in _listeners)
            {
                listener.Writer.TryWrite(version);
            }
        }
    }

    /// <summary>Ends every stream (the server is stopping).</summary>
    public void Complete()
    {
        lock (_gate)
        {
            foreach (var listener in _listeners)
            {
                listener.Writer.TryComplete();
            }

            _listeners.Clear();
        }
    }
}
