namespace Platform.Grains.Accounts;

/// <summary>
/// A limit that no single client network can use up for everyone: at most
/// <see cref="PerNetwork"/> events per <see cref="Window"/> from one network (and, when set, one
/// per <see cref="MinInterval"/>), and at most <see cref="Ceiling"/> from all networks together.
/// An attacker on one network therefore cannot lock a known person out, while the ceiling
/// bounds what many networks together can try.
/// </summary>
public readonly record struct NetworkLimit(int PerNetwork, int Ceiling, TimeSpan Window, TimeSpan MinInterval = default)
{
    /// <summary>
    /// Zero when one more event from <paramref name="network"/> is allowed now; otherwise how long
    /// until it is. Drops events older than the window; <paramref name="events"/> is in time order.
    /// </summary>
    /// <param name="trusted">A network the address's owner signed in from: the ceiling does not apply to it, its own limit does.</param>
    public TimeSpan RetryAfter(List<NetworkEvent> events, string network, DateTimeOffset now, bool trusted = false)
    {
        var window = Window;
        events.RemoveAll(e => now - e.At >= window);
        if (!trusted && events.Count >= Ceiling) return events[events.Count - Ceiling].At + Window - now;
        var mine = events.FindAll(e => e.Network == network);
        if (mine.Count >= PerNetwork) return mine[mine.Count - PerNetwork].At + Window - now;
        if (MinInterval > TimeSpan.Zero && mine.Count > 0 && now - mine[^1].At < MinInterval) return mine[^1].At + MinInterval - now;
        return TimeSpan.Zero;
    }

    /// <summary>Records an event, keeping at most <see cref="Ceiling"/> (older ones no longer decide anything).</summary>
    public void Record(List<NetworkEvent> events, string network, DateTimeOffset now)
    {
        events.Add(new NetworkEvent(now, network));
        if (events.Count > Ceiling) events.RemoveRange(0, events.Count - Ceiling);
    }
}
