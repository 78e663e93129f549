using System.Collections.Concurrent;
using System.Net;
using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;
using Platform.Api.Infrastructure.RateLimiting;

namespace Platform.Api.Accounts.Sessions;

/// <summary>
/// Bounds how many session tokens one client IP may have checked by the grains
/// (<see cref="RateLimitOptions.UnverifiedSessionsPerIp"/>), so made-up tokens cannot keep the
/// cluster busy. A permit is taken before the grain is asked, so a burst cannot slip past. Tokens
/// this node has already seen valid are not counted: people behind a shared address who have a
/// session keep being served (still checked by their grain on every request) while someone there
/// sends junk.
/// </summary>
public sealed class UnverifiedSessionLimiter : IDisposable
{
    private const int KnownCapacity = 100_000;

    private readonly PartitionedRateLimiter<string> _limiter;
    private readonly TimeSpan _retryAfter;
    private readonly ConcurrentDictionary<Guid, byte> _known = new();
    private int _knownCount;

    public UnverifiedSessionLimiter(IOptions<RateLimitOptions> options)
    {
        var limits = options.Value;
        _retryAfter = limits.UnverifiedSessionWindow / PerIpRateLimits.SegmentsPerWindow;
        _limiter = PartitionedRateLimiter.Create<string, string>(key =>
            RateLimitPartition.GetSlidingWindowLimiter(key, _ => PerIpRateLimits.WindowOptions(limits.UnverifiedSessionsPerIp, limits.UnverifiedSessionWindow)));
    }

    /// <summary>Whether the grain may be asked about this session; when not, how long the client should wait.</summary>
    public TimeSpan? MayCheck(IPAddress? client, Guid sessionId) => _known.ContainsKey(sessionId) ? null : Count(client);

    /// <summary>A token that is not even well-formed: counted without asking anyone.</summary>
    public TimeSpan? Malformed(IPAddress? client) => Count(client);

    /// <summary>A session the grain accepted or that was just issued: later checks of it are not counted.</summary>
    public void Valid(Guid sessionId)
    {
        // On every authenticated request: a lookup, and a write only for a session seen the first time.
        if (_known.ContainsKey(sessionId)) return;
        if (Interlocked.Increment(ref _knownCount) > KnownCapacity)
        {
            _known.Clear();
            Interlocked.Exchange(ref _knownCount, 1);
        }
        _known.TryAdd(sessionId, 0);
    }

    /// <summary>A token the grain refused (revoked, expired): counted again from now on.</summary>
    public void Refused(Guid sessionId)
    {
        if (_known.TryRemove(sessionId, out _)) Interlocked.Decrement(ref _knownCount);
    }

    private TimeSpan? Count(IPAddress? client)
    {
        using var lease = _limiter.AttemptAcquire(ClientIpKey.For(client), 1);
        return lease.IsAcquired ? null : _retryAfter;
    }

    public void Dispose() => _limiter.Dispose();
}
