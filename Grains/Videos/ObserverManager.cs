using Microsoft.Extensions.Logging;

namespace Platform.Grains.Videos;

/// <summary>
/// Grain observers with what each was subscribed for, forgotten when not renewed within
/// <paramref name="expiry"/> (an API node that went away never says goodbye).
/// </summary>
public sealed class ObserverManager<TObserver, TContext>(TimeSpan expiry, ILogger logger) where TObserver : notnull
{
    private readonly Dictionary<TObserver, (TContext Context, DateTime Renewed)> _observers = [];

    public int Count => _observers.Count;

    public IEnumerable<(TObserver Observer, TContext Context)> Observers => _observers.Select(o => (o.Key, o.Value.Context));

    public void Subscribe(TObserver observer, TContext context) => _observers[observer] = (context, DateTime.UtcNow);

    public void Unsubscribe(TObserver observer) => _observers.Remove(observer);

    public void ClearExpired()
    {
        var now = DateTime.UtcNow;
        foreach (var stale in _observers.Where(o => now - o.Value.Renewed > expiry).Select(o => o.Key).ToList())
        {
            _observers.Remove(stale);
            logger.LogDebug("A watcher was not renewed within {Expiry} and is forgotten", expiry);
        }
    }
}
