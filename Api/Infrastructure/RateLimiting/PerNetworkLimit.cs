using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;
using Platform.Api.Infrastructure.Errors;

namespace Platform.Api.Infrastructure.RateLimiting;

/// <summary>
/// One sliding-window allowance per client network (<see cref="ClientNetwork"/>: IPv4 /24, IPv6
/// /48) shared by the routes that ask for it, so that one network's many addresses cannot keep
/// the silo's password hashing busy for everyone. An endpoint filter: it runs after the per-IP
/// policy let the request through, so a request refused per IP spends nothing here.
/// </summary>
public sealed class PerNetworkLimit : IDisposable
{
    private readonly PartitionedRateLimiter<string> _limiter;
    private readonly TimeSpan _retryAfter;

    public PerNetworkLimit(IOptions<RateLimitOptions> options, Func<RateLimitOptions, (int Permits, TimeSpan Window)> pick)
    {
        var (permits, window) = pick(options.Value);
        _retryAfter = window / PerIpRateLimits.SegmentsPerWindow;
        _limiter = PartitionedRateLimiter.Create<string, string>(network =>
            RateLimitPartition.GetSlidingWindowLimiter(network, _ => PerIpRateLimits.WindowOptions(permits, window)));
    }

    /// <summary>Null when the request may go on; otherwise how long its network should wait.</summary>
    public TimeSpan? Acquire(HttpContext context)
    {
        using var lease = _limiter.AttemptAcquire(ClientNetwork.Of(context));
        return lease.IsAcquired ? null : _retryAfter;
    }

    public void Dispose() => _limiter.Dispose();
}

public static class PerNetworkLimitRegistration
{
    public static IServiceCollection AddPerNetworkLimit(this IServiceCollection services, Func<RateLimitOptions, (int Permits, TimeSpan Window)> pick) =>
        services.AddSingleton(sp => new PerNetworkLimit(sp.GetRequiredService<IOptions<RateLimitOptions>>(), pick));

    /// <summary>Counts this route's requests against the client's network allowance (429 with Retry-After beyond it).</summary>
    public static TBuilder RequirePerNetworkLimit<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.AddEndpointFilter(async (context, next) =>
        {
            var http = context.HttpContext;
            if (http.RequestServices.GetRequiredService<PerNetworkLimit>().Acquire(http) is { } wait)
                return ApiProblems.RateLimited(http, wait);
            return await next(context);
        });
}
