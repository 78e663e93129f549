using System.Net;
using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;
using Platform.Api.Infrastructure.RateLimiting;

namespace Platform.Api.Accounts.Sessions;

/// <summary>
/// Counts refused session tokens per client IP (<see cref="RateLimitOptions.RefusedSessionsPerIp"/>):
/// a client that keeps presenting dead or made-up tokens stops reaching the grains for a while,
/// so random tokens cannot keep the cluster busy.
/// </summary>
public sealed class RefusedSessionLimiter : IDisposable
{
    private readonly PartitionedRateLimiter<string> _limiter;
    private readonly TimeSpan _retryAfter;

    public RefusedSessionLimiter(IOptions<RateLimitOptions> options)
    {
        var limits = options.Value;
        _retryAfter = limits.RefusedSessionWindow / PerIpRateLimits.SegmentsPerWindow;
        _limiter = PartitionedRateLimiter.Create<string, string>(key =>
            RateLimitPartition.GetSlidingWindowLimiter(key, _ => PerIpRateLimits.WindowOptions(limits.RefusedSessionsPerIp, limits.RefusedSessionWindow)));
    }

    /// <summary>How long the client should wait, when it has used up its refusals; else null.</summary>
    public TimeSpan? Blocked(IPAddress? client)
    {
        using var lease = _limiter.AttemptAcquire(ClientIpKey.For(client), 0);
        return lease.IsAcquired ? null : _retryAfter;
    }

    public void Refused(IPAddress? client)
    {
        using var _ = _limiter.AttemptAcquire(ClientIpKey.For(client), 1);
    }

    public void Dispose() => _limiter.Dispose();
}
