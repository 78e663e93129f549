using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Platform.Api.Infrastructure.Health;

/// <summary>
/// The readiness checks' last result, reused for <see cref="MaxAge"/>: load balancers and
/// strangers polling <c>/health/ready</c> cost at most one round of checks (a database query, a
/// broker connection, a storage request, a cluster call) every two seconds, however often they ask.
/// </summary>
public sealed class ReadinessReport(HealthCheckService checks, TimeProvider time)
{
    public static readonly TimeSpan MaxAge = TimeSpan.FromSeconds(2);

    private readonly SemaphoreSlim _gate = new(1, 1);
    private (HealthReport Report, DateTimeOffset CheckedAt)? _last;

    public async Task<(HealthReport Report, DateTimeOffset CheckedAt)> GetAsync(CancellationToken ct)
    {
        if (_last is { } fresh && time.GetUtcNow() - fresh.CheckedAt < MaxAge) return fresh;
        await _gate.WaitAsync(ct);
        try
        {
            if (_last is { } meanwhile && time.GetUtcNow() - meanwhile.CheckedAt < MaxAge) return meanwhile;
            var report = await checks.CheckHealthAsync(c => c.Tags.Contains(HealthEndpoints.ReadyTag), ct);
            _last = (report, time.GetUtcNow());
            return _last.Value;
        }
        finally
        {
            _gate.Release();
        }
    }
}
