using System.Collections.Concurrent;
using Platform.Grains.Interfaces.Accounts;

namespace Platform.Api.Accounts.Sessions;

/// <summary>
/// Reuses grain references for the session check, the hottest path of the API: resolving a
/// reference costs a reflection lookup in this Orleans version, while a reference itself is
/// immutable and safe to share. Only references are kept — never an answer — so revocation
/// still takes effect at once. Only users whose session was valid are remembered, so a flood of
/// made-up tokens neither fills nor churns the cache.
/// </summary>
public sealed class UserGrainReferences(IGrainFactory grains)
{
    private const int Capacity = 100_000;
    private readonly ConcurrentDictionary<Guid, IUserGrain> _references = new();
    private int _count;

    public IUserGrain Get(Guid userId) =>
        _references.TryGetValue(userId, out var reference) ? reference : grains.GetGrain<IUserGrain>(userId);

    /// <summary>Keeps the reference of a user whose session the grain just accepted.</summary>
    public void Remember(Guid userId, IUserGrain reference)
    {
        if (_references.ContainsKey(userId)) return;
        // A counter of our own: ConcurrentDictionary.Count takes every lock of the dictionary.
        if (Interlocked.Increment(ref _count) > Capacity)
        {
            _references.Clear();
            Interlocked.Exchange(ref _count, 1);
        }
        _references.TryAdd(userId, reference);
    }
}
