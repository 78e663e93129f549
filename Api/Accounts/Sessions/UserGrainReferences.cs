using System.Collections.Concurrent;
using Platform.Grains.Interfaces.Accounts;

namespace Platform.Api.Accounts.Sessions;

/// <summary>
/// Reuses grain references for the session check, the hottest path of the API: resolving a
/// reference costs a reflection lookup in this Orleans version, while a reference itself is
/// immutable and safe to share. Only references are kept — never an answer — so revocation
/// still takes effect at once.
/// </summary>
public sealed class UserGrainReferences(IGrainFactory grains)
{
    private const int Capacity = 100_000;
    private readonly ConcurrentDictionary<Guid, IUserGrain> _references = new();

    public IUserGrain Get(Guid userId)
    {
        if (_references.TryGetValue(userId, out var reference)) return reference;
        if (_references.Count >= Capacity) _references.Clear();
        return _references.GetOrAdd(userId, grains.GetGrain<IUserGrain>(userId));
    }
}
