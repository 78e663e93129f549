using Microsoft.Extensions.Options;

namespace Platform.Grains.Accounts;

/// <summary>
/// How many address grains this silo keeps active for their counts
/// (<see cref="AuthRules.MaxPinnedAddressesPerSilo"/>), so that probing random addresses costs
/// a bounded amount of memory.
/// </summary>
public sealed class PinnedAddresses(IOptions<AuthRules> rules)
{
    private readonly int _capacity = rules.Value.MaxPinnedAddressesPerSilo;
    private int _count;

    public int Count => Volatile.Read(ref _count);

    public bool TryPin()
    {
        if (Interlocked.Increment(ref _count) <= _capacity) return true;
        Interlocked.Decrement(ref _count);
        return false;
    }

    public void Unpin() => Interlocked.Decrement(ref _count);
}
